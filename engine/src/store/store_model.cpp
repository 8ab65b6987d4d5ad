#include "store/store_model.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

bool same_columns(const std::vector<ColumnInfo>& a, const std::vector<ColumnInfo>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const ColumnInfo& x, const ColumnInfo& y) {
    return x.name == y.name && x.family == y.family && x.unit == y.unit && x.ibsi_code == y.ibsi_code &&
           x.aggregation_code == y.aggregation_code;
  });
}

void check_column_names(const std::vector<ColumnInfo>& columns, const std::string& where) {
  std::set<std::string> seen;
  const auto& reserved = reserved_table_names();
  for (const ColumnInfo& c : columns) {
    // Column names become HDF5 dataset names: '/' would open a sub-group, "." is the group itself.
    if (c.name.empty() || c.name == "." || c.name.find('/') != std::string::npos)
      throw Error(where + ": invalid feature column name '" + c.name + "'");
    if (std::find(reserved.begin(), reserved.end(), c.name) != reserved.end())
      throw Error(where + ": feature column name '" + c.name + "' is reserved for the table's key columns");
    if (!seen.insert(c.name).second) throw Error(where + ": feature column '" + c.name + "' is listed twice");
  }
}

void check_pseudonym(const std::string& value, const char* field, bool optional, const std::string& where) {
  if (optional && value.empty()) return;
  if (!is_sha256_hex(value))
    throw Error(where + ": " + field +
                " is not a pseudonym (64 hex digits); raw identifiers are never written to a store");
}

}  // namespace

bool is_sha256_hex(const std::string& text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

const std::vector<std::string>& reserved_table_names() {
  static const std::vector<std::string> names{"patient_pseudonym", "study_pseudonym", "series_pseudonym",
                                              "label",             "run_id",          "column_order",
                                              "object_label"};
  return names;
}

void StoreData::check_run(const RunRecord& run, const std::vector<ColumnInfo>& columns) const {
  const std::string where = "run '" + run.run_id + "'";
  if (run.run_id.empty()) throw Error("run without a run id");
  if (m_run_index.count(run.run_id)) throw Error(where + " is already in the store");
  if (!is_sha256_hex(run.settings_sha256))
    throw Error(where + ": settings hash '" + run.settings_sha256 + "' is not a SHA-256 in hex");
  check_column_names(columns, where);
  if (!run.table_kind.empty() && run.table_kind != objects_table_kind)
    throw Error(where + ": unknown table kind '" + run.table_kind + "'");
  if (const auto kind = m_kinds.find(run.settings_sha256); kind != m_kinds.end() && kind->second != run.table_kind)
    throw Error(where + ": settings " + run.settings_sha256.substr(0, 16) + " were stored before as a table of " +
                (kind->second.empty() ? "cases" : "objects"));
  if (const auto it = m_columns.find(run.settings_sha256); it != m_columns.end()) {
    if (!same_columns(it->second, columns))
      throw Error(where + ": settings " + run.settings_sha256.substr(0, 16) +
                  " were stored before with other feature columns (families or engine changed the outputs of the "
                  "same settings); use a new store");
  } else {
    // Feature tables are named by the first 16 hex digits; two hashes sharing them would share a group.
    for (const auto& [hash, cols] : m_columns)
      if (hash.compare(0, 16, run.settings_sha256, 0, 16) == 0)
        throw Error(where + ": settings hash prefix collision with " + hash);
  }
}

void StoreData::add_run(const RunRecord& run, const std::vector<ColumnInfo>& columns) {
  check_run(run, columns);
  if (!m_columns.count(run.settings_sha256)) {
    m_columns.emplace(run.settings_sha256, columns);
    m_kinds.emplace(run.settings_sha256, run.table_kind);
    m_table_order.push_back(run.settings_sha256);
  }
  m_run_index.emplace(run.run_id, m_runs.size());
  m_runs.push_back(run);
}

const RunRecord* StoreData::find_run(const std::string& run_id) const {
  const auto it = m_run_index.find(run_id);
  return it == m_run_index.end() ? nullptr : &m_runs[it->second];
}

void StoreData::check_case(const CaseRecord& record) const {
  const std::string where = "case of run '" + record.run_id + "'";
  const RunRecord* run = find_run(record.run_id);
  if (run == nullptr) throw Error(where + ": the run was not started in this store");
  if (record.key.settings_sha256 != run->settings_sha256)
    throw Error(where + ": settings hash differs from the run's");
  check_pseudonym(record.key.patient_pseudonym, "patient_pseudonym", false, where);
  check_pseudonym(record.key.study_pseudonym, "study_pseudonym", true, where);
  check_pseudonym(record.key.series_pseudonym, "series_pseudonym", true, where);
  if (record.key.label.empty()) throw Error(where + ": empty label");
  if (!record.diagnostics.empty()) {
    // Only a flat object of strings: what the CSV export spreads into diagnostics_* columns.
    const auto parsed = nlohmann::json::parse(record.diagnostics, nullptr, false);
    bool flat = parsed.is_object();
    if (flat)
      for (const auto& [name, value] : parsed.items()) flat = flat && value.is_string() && !name.empty();
    if (!flat) throw Error(where + ": diagnostics are not a JSON object of strings");
  }
  if (record.ok) {
    const std::size_t n = m_columns.at(run->settings_sha256).size();
    if (run->table_kind == objects_table_kind) {
      if (record.object_labels.empty()) throw Error(where + ": a successful case of an objects table has no object");
      // Its rows carry each object's label in the table's label column (hdf5_format.cpp): the case's is fixed.
      if (record.key.label != objects_case_label)
        throw Error(where + ": a case of an objects table has the label '" + objects_case_label + "'");
      for (std::size_t i = 1; i < record.object_labels.size(); ++i)
        if (record.object_labels[i] <= record.object_labels[i - 1])
          throw Error(where + ": object labels are not strictly increasing");
      if (record.values.size() != record.object_labels.size() * n)
        throw Error(where + ": " + std::to_string(record.values.size()) + " values for " +
                    std::to_string(record.object_labels.size()) + " objects of " + std::to_string(n) +
                    " feature columns");
    } else {
      if (!record.object_labels.empty()) throw Error(where + ": object labels in a table of cases");
      if (record.values.size() != n)
        throw Error(where + ": " + std::to_string(record.values.size()) + " values for " + std::to_string(n) +
                    " feature columns");
    }
  }
}

bool StoreData::add_case(CaseRecord record) {
  check_case(record);
  if (!record.ok) {
    record.values.clear();
    record.object_labels.clear();
  } else if (m_completed.count(record.key)) {
    return false;
  } else {
    m_completed.emplace(record.key, m_cases.size());
  }
  m_cases.push_back(std::move(record));
  return true;
}

void StoreData::check_finish_run(const std::string& run_id) const {
  if (find_run(run_id) == nullptr) throw Error("run '" + run_id + "' was not started in this store");
}

void StoreData::finish_run(const std::string& run_id, const std::string& finished_utc) {
  check_finish_run(run_id);
  m_runs[m_run_index.at(run_id)].finished_utc = finished_utc;
}

const std::string& StoreData::table_kind(const std::string& settings_sha256) const {
  static const std::string none;
  const auto it = m_kinds.find(settings_sha256);
  return it == m_kinds.end() ? none : it->second;
}

const std::vector<ColumnInfo>& StoreData::columns(const std::string& settings_sha256) const {
  static const std::vector<ColumnInfo> none;
  const auto it = m_columns.find(settings_sha256);
  return it == m_columns.end() ? none : it->second;
}

std::vector<std::size_t> StoreData::feature_rows(const std::string& settings_sha256) const {
  std::vector<std::size_t> rows;
  for (const auto& [key, index] : m_completed)
    if (key.settings_sha256 == settings_sha256) rows.push_back(index);
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace voxfeat::detail
