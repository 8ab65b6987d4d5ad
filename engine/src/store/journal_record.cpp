#include "store/journal_record.hpp"

#include <bit>
#include <cstdint>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

// objects_done: a successful case of an objects table (one row per object: its labels, then labels × columns values).
enum class Kind : char { begin_run = 'R', case_done = 'C', objects_done = 'O', end_run = 'E' };

class Encoder {
 public:
  explicit Encoder(Kind kind) { m_out.push_back(static_cast<char>(kind)); }
  void u8(std::uint8_t v) { m_out.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) m_out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
  }
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) m_out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
  }
  void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    m_out.append(s);
  }
  std::string take() { return std::move(m_out); }

 private:
  std::string m_out;
};

class Decoder {
 public:
  Decoder(std::string_view in, const std::string& journal) : m_in(in), m_journal(journal) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
  std::uint32_t u32() {
    const std::string_view b = take(4);
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= std::uint32_t(static_cast<unsigned char>(b[std::size_t(i)])) << (8 * i);
    return v;
  }
  std::uint64_t u64() {
    const std::string_view b = take(8);
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= std::uint64_t(static_cast<unsigned char>(b[std::size_t(i)])) << (8 * i);
    return v;
  }
  double f64() { return std::bit_cast<double>(u64()); }
  std::string str() {
    const std::uint32_t n = u32();
    return std::string(take(n));
  }
  /// A count of items of at least min_item_bytes each: a corrupt count is caught before any allocation.
  std::size_t count(std::size_t min_item_bytes) {
    const std::uint32_t n = u32();
    if (std::size_t(n) * min_item_bytes > m_in.size()) malformed();
    return n;
  }
  [[nodiscard]] bool at_end() const { return m_in.empty(); }
  void expect_end() const {
    if (!m_in.empty()) malformed();
  }
  [[noreturn]] void malformed() const {
    throw IoError(m_journal + ": malformed journal record (written by another voxfeat version?)");
  }

 private:
  std::string_view take(std::size_t n) {
    if (m_in.size() < n) malformed();
    const std::string_view out = m_in.substr(0, n);
    m_in.remove_prefix(n);
    return out;
  }
  std::string_view m_in;
  const std::string& m_journal;
};

}  // namespace

std::string encode_begin_run(const RunRecord& run, const std::vector<ColumnInfo>& columns) {
  Encoder e(Kind::begin_run);
  e.str(run.run_id);
  e.str(run.settings_text);
  e.str(run.settings_sha256);
  e.str(run.engine_version);
  e.u32(static_cast<std::uint32_t>(run.family_versions.size()));
  for (const auto& [family, version] : run.family_versions) {
    e.str(family);
    e.str(version);
  }
  e.str(run.started_utc);
  e.str(run.finished_utc);
  e.u8(run.demo_key ? 1 : 0);
  e.str(run.shard);
  e.u32(static_cast<std::uint32_t>(columns.size()));
  for (const ColumnInfo& c : columns) {
    e.str(c.name);
    e.str(c.family);
    e.str(c.unit);
    e.str(c.ibsi_code);
    e.str(c.aggregation_code);
  }
  if (!run.table_kind.empty()) e.str(run.table_kind);  // absent in journals of case tables (and older ones)
  return e.take();
}

std::string encode_case(const CaseRecord& record) {
  const bool objects = record.ok && !record.object_labels.empty();
  Encoder e(objects ? Kind::objects_done : Kind::case_done);
  e.str(record.key.settings_sha256);
  e.str(record.key.patient_pseudonym);
  e.str(record.key.study_pseudonym);
  e.str(record.key.series_pseudonym);
  e.str(record.key.label);
  e.str(record.run_id);
  e.u8(record.ok ? 1 : 0);
  e.str(record.error);
  e.str(record.image_sha256);
  e.str(record.mask_sha256);
  e.str(record.finished_utc);
  if (objects) {
    e.u32(static_cast<std::uint32_t>(record.object_labels.size()));
    for (const std::uint32_t label : record.object_labels) e.u32(label);
  }
  const std::size_t n = record.ok ? record.values.size() : 0;
  e.u32(static_cast<std::uint32_t>(n));
  for (std::size_t i = 0; i < n; ++i) e.f64(record.values[i]);
  if (!record.diagnostics.empty()) e.str(record.diagnostics);
  return e.take();
}

std::string encode_end_run(const std::string& run_id, const std::string& finished_utc) {
  Encoder e(Kind::end_run);
  e.str(run_id);
  e.str(finished_utc);
  return e.take();
}

void apply_journal_record(std::string_view payload, StoreData& data, const std::string& journal) {
  if (payload.empty()) throw IoError(journal + ": empty journal record");
  const char kind = payload.front();
  Decoder d(payload.substr(1), journal);
  if (kind == static_cast<char>(Kind::begin_run)) {
    RunRecord run;
    run.run_id = d.str();
    run.settings_text = d.str();
    run.settings_sha256 = d.str();
    run.engine_version = d.str();
    for (std::size_t i = 0, n = d.count(8); i < n; ++i) {
      std::string family = d.str();
      run.family_versions[std::move(family)] = d.str();
    }
    run.started_utc = d.str();
    run.finished_utc = d.str();
    run.demo_key = d.u8() != 0;
    run.shard = d.str();
    std::vector<ColumnInfo> columns(d.count(20));
    for (ColumnInfo& c : columns) {
      c.name = d.str();
      c.family = d.str();
      c.unit = d.str();
      c.ibsi_code = d.str();
      c.aggregation_code = d.str();
    }
    if (!d.at_end()) run.table_kind = d.str();
    d.expect_end();
    data.add_run(run, columns);
  } else if (kind == static_cast<char>(Kind::case_done) || kind == static_cast<char>(Kind::objects_done)) {
    CaseRecord record;
    record.key.settings_sha256 = d.str();
    record.key.patient_pseudonym = d.str();
    record.key.study_pseudonym = d.str();
    record.key.series_pseudonym = d.str();
    record.key.label = d.str();
    record.run_id = d.str();
    record.ok = d.u8() != 0;
    record.error = d.str();
    record.image_sha256 = d.str();
    record.mask_sha256 = d.str();
    record.finished_utc = d.str();
    if (kind == static_cast<char>(Kind::objects_done)) {
      record.object_labels.resize(d.count(4));
      for (std::uint32_t& label : record.object_labels) label = d.u32();
    }
    record.values.resize(d.count(8));
    for (double& v : record.values) v = d.f64();
    if (!d.at_end()) record.diagnostics = d.str();  // absent in records without diagnostics
    d.expect_end();
    data.add_case(std::move(record));
  } else if (kind == static_cast<char>(Kind::end_run)) {
    std::string run_id = d.str();
    std::string finished = d.str();
    d.expect_end();
    data.finish_run(run_id, finished);
  } else {
    d.malformed();
  }
}

}  // namespace voxfeat::detail
