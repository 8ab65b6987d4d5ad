#pragma once
// The HDF5 feature store (schema: docs/feature-store.md). One file per site or shard. Writes are crash-safe: a run
// killed at any moment (SIGKILL included) leaves a readable store, and the next run resumes without duplicates.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <string>
#include <vector>

namespace voxfeat::detail {

/// One column of a feature table, as `voxfeat families --json` lists it.
struct ColumnInfo {
  std::string name;              ///< e.g. "morph_volume"
  std::string family;            ///< e.g. "morphology"
  std::string unit;              ///< e.g. "mm^3"
  std::string ibsi_code;         ///< e.g. "RNU0"; empty when IBSI has none
  std::string aggregation_code;  ///< e.g. "DHQ4"
};

/// RunRecord::table_kind of a table with one row per object (microscopy).
inline constexpr const char* objects_table_kind = "objects";
/// CaseKey::label of every case of an objects table (an image pair); its rows' label column holds each object's.
inline constexpr const char* objects_case_label = "objects";

struct RunRecord {
  std::string run_id;                                  ///< unique per run (UTC time + random suffix)
  std::string settings_text;                           ///< canonical YAML
  std::string settings_sha256;                         ///< of settings_text
  std::string engine_version;
  std::map<std::string, std::string> family_versions;  ///< family name → version (and origin for plugins)
  std::string started_utc;                             ///< ISO 8601, e.g. 2026-11-28T22:15:00Z
  std::string finished_utc;                            ///< empty while running or when killed
  bool demo_key = false;                               ///< pseudonyms made with the public demo key
  std::string shard;                                   ///< "K/N" or empty
  /// "" for a table of one row per case (radiomics: a case is an ROI), "objects" for one row per object of each
  /// case (microscopy: a case is an image pair, its rows the objects of its label image, keyed by object label).
  std::string table_kind;
};

/// Identity of one row: the same case, ROI and settings are never stored twice.
struct CaseKey {
  std::string settings_sha256;
  std::string patient_pseudonym;
  std::string study_pseudonym;   ///< empty when the manifest has no study_id
  std::string series_pseudonym;  ///< empty when the manifest has no series_id
  std::string label;             ///< "nonzero" or the label value
  friend bool operator<(const CaseKey& a, const CaseKey& b) {
    return std::tie(a.settings_sha256, a.patient_pseudonym, a.study_pseudonym, a.series_pseudonym, a.label) <
           std::tie(b.settings_sha256, b.patient_pseudonym, b.study_pseudonym, b.series_pseudonym, b.label);
  }
};

struct CaseRecord {
  CaseKey key;
  std::string run_id;
  bool ok = false;
  std::string error;         ///< why the case failed (names the file and the problem); empty when ok
  std::string image_sha256;  ///< of the image file (folders: see sha256_file_hex); empty if it could not be read
  std::string mask_sha256;
  std::string finished_utc;
  /// One per column of the run's settings, NaN where undefined; empty when failed. In an objects table:
  /// object_labels.size() rows of one value per column (row-major).
  std::vector<double> values;
  /// Objects tables only: the labels of the objects, strictly increasing; empty otherwise and when failed.
  std::vector<std::uint32_t> object_labels;
  /// Text diagnostics of a successful case as a JSON object of strings (PyRadiomics' diagnostics_* columns, when
  /// the settings ask for them: docs/pyradiomics.md); empty when none.
  std::string diagnostics;
};

/// When a writing store republishes its HDF5 file during a run, so that long runs show progress to readers: after
/// `publish_every_cases` cases or `publish_interval`, whichever comes first, but never sooner than ten times the
/// last publication took (a big store would otherwise spend its time rewriting itself). Every case is durable in
/// the journal anyway; this only decides how current the HDF5 file is while a run goes on.
struct StoreOptions {
  std::chrono::milliseconds publish_interval{30000};
  std::size_t publish_every_cases = 200;
};

class FeatureStore {
 public:
  /// Opens an existing store or creates a new one. A new store records `key_fingerprint`; an existing store made
  /// with another key is refused with KeyError (pseudonyms of two keys cannot be joined). Recovers what a killed
  /// run left behind. Throws IoError naming the file when it is not a voxfeat store or cannot be read, or when
  /// another process is writing it.
  static FeatureStore open(const std::filesystem::path& path, const std::string& key_fingerprint,
                           const StoreOptions& options = {});
  /// Opens read-only (inspect, export, merge input); no key needed.
  static FeatureStore open_read_only(const std::filesystem::path& path);

  FeatureStore(FeatureStore&&) noexcept;
  FeatureStore& operator=(FeatureStore&&) noexcept;
  ~FeatureStore();  ///< flushes what is pending (not a substitute for close(); never throws)

  /// True when a successful row with this key exists (failed cases are retried by the next run).
  [[nodiscard]] bool has_completed(const CaseKey& key) const;

  /// Starts a run. The columns belong to the run's settings hash; a settings hash seen before must come with the
  /// same columns (else Error).
  void begin_run(const RunRecord& run, const std::vector<ColumnInfo>& columns);
  /// Records one case; durable (survives SIGKILL) when it returns. Thread-safe. Throws Error, recording nothing,
  /// for an unknown run, a value count other than the column count, or a patient/study/series field that is not a
  /// pseudonym (64 hex digits; study and series may be empty). A successful case whose key already has a row is
  /// journaled but not added (the first row wins).
  void append_case(const CaseRecord& record);
  /// The same, keeping `record`'s values without a copy (an objects case can hold hundreds of MB).
  void append_case(CaseRecord&& record);
  /// Marks the run finished and writes everything to the HDF5 file.
  void end_run(const std::string& run_id, const std::string& finished_utc);
  /// Writes pending records into the HDF5 file (atomic replace), then drops the journal.
  void close();

  // Read side (inspect / export / merge).
  [[nodiscard]] std::string key_fingerprint() const;
  [[nodiscard]] std::vector<RunRecord> runs() const;
  [[nodiscard]] std::vector<CaseRecord> cases() const;  ///< every case of every run, values filled for ok cases
  /// Columns of the table made with this settings hash.
  [[nodiscard]] std::vector<ColumnInfo> columns(const std::string& settings_sha256) const;
  [[nodiscard]] std::vector<std::string> settings_hashes() const;

 private:
  struct Impl;
  explicit FeatureStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace voxfeat::detail
