#pragma once
// The whole content of a feature store in memory: what the HDF5 file holds and the journal replays into. All rules
// about what may be stored (one row per key, known runs, matching columns, pseudonyms only) live here, so that the
// writer, the journal replay and merge apply the same ones.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "store/feature_store.hpp"

namespace voxfeat::detail {

class StoreData {
 public:
  StoreData() = default;
  StoreData(std::string key_fingerprint, std::string created_utc)
      : m_key_fingerprint(std::move(key_fingerprint)), m_created_utc(std::move(created_utc)) {}

  /// Throws Error when the run cannot be added: duplicate run id, malformed settings hash, invalid or reserved
  /// column names, or columns that differ from those already stored for the same settings hash.
  void check_run(const RunRecord& run, const std::vector<ColumnInfo>& columns) const;
  void add_run(const RunRecord& run, const std::vector<ColumnInfo>& columns);  ///< check_run, then adds

  /// Throws Error when the case cannot be added: unknown run, settings hash other than its run's, a pseudonym that
  /// is not 64 hex digits (raw ids must never reach the store), or a value count other than the column count.
  void check_case(const CaseRecord& record) const;
  /// check_case, then adds. A successful attempt for a key that already has a row is dropped (returns false): the
  /// first row wins, so that replay and merge never create duplicates. Failed attempts are always kept.
  bool add_case(CaseRecord record);

  void check_finish_run(const std::string& run_id) const;  ///< throws Error for an unknown run id
  void finish_run(const std::string& run_id, const std::string& finished_utc);

  [[nodiscard]] const std::string& key_fingerprint() const { return m_key_fingerprint; }
  [[nodiscard]] const std::string& created_utc() const { return m_created_utc; }
  [[nodiscard]] const std::vector<RunRecord>& runs() const { return m_runs; }
  [[nodiscard]] const RunRecord* find_run(const std::string& run_id) const;
  /// Every attempt in append order; values are filled for successful ones.
  [[nodiscard]] const std::vector<CaseRecord>& cases() const { return m_cases; }
  /// Settings hashes in the order of the first run that used each.
  [[nodiscard]] const std::vector<std::string>& settings_hashes() const { return m_table_order; }
  [[nodiscard]] const std::vector<ColumnInfo>& columns(const std::string& settings_sha256) const;
  /// RunRecord::table_kind of the table of this settings hash ("" or objects_table_kind).
  [[nodiscard]] const std::string& table_kind(const std::string& settings_sha256) const;
  [[nodiscard]] bool has_completed(const CaseKey& key) const { return m_completed.count(key) != 0; }
  /// Indices into cases() of the rows of one feature table, in append order.
  [[nodiscard]] std::vector<std::size_t> feature_rows(const std::string& settings_sha256) const;

 private:
  std::string m_key_fingerprint;
  std::string m_created_utc;
  std::vector<RunRecord> m_runs;
  std::map<std::string, std::size_t> m_run_index;
  std::vector<std::string> m_table_order;
  std::map<std::string, std::vector<ColumnInfo>> m_columns;
  std::map<std::string, std::string> m_kinds;  ///< settings hash → table kind
  std::vector<CaseRecord> m_cases;
  std::map<CaseKey, std::size_t> m_completed;  ///< key → index of the attempt that owns the feature row
};

/// True for 64 lowercase hex digits (a SHA-256 or HMAC-SHA256 in hex).
[[nodiscard]] bool is_sha256_hex(const std::string& text);
/// Names of the key datasets of a feature table; no feature column may use them.
[[nodiscard]] const std::vector<std::string>& reserved_table_names();

}  // namespace voxfeat::detail
