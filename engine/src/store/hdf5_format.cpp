#include "store/hdf5_format.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "store/file_sync.hpp"
#include "store/hdf5_io.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

using h5::File;
using h5::H5Id;

// Dataset names of /runs and /cases; the documentation lists the same.
namespace runs_ds {
constexpr const char* run_id = "run_id";
constexpr const char* settings_text = "settings_text";
constexpr const char* settings_sha256 = "settings_sha256";
constexpr const char* engine_version = "engine_version";
constexpr const char* family_versions = "family_versions_json";
constexpr const char* started = "started_utc";
constexpr const char* finished = "finished_utc";
constexpr const char* demo_key = "demo_key";
constexpr const char* shard = "shard";
constexpr const char* table_kind = "table_kind";  // absent in stores written before objects tables existed
}  // namespace runs_ds

std::string table_name(const std::string& settings_sha256) { return settings_sha256.substr(0, 16); }

template <class T, class F>
std::vector<std::string> column_of(const std::vector<T>& items, F field) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back(field(item));
  return out;
}

void write_runs(File& file, const StoreData& data) {
  const H5Id group = file.create_group(file.root(), "runs");
  const auto& runs = data.runs();
  file.write_strings(group.get(), runs_ds::run_id, column_of(runs, [](const RunRecord& r) { return r.run_id; }));
  file.write_strings(group.get(), runs_ds::settings_text,
                     column_of(runs, [](const RunRecord& r) { return r.settings_text; }));
  file.write_strings(group.get(), runs_ds::settings_sha256,
                     column_of(runs, [](const RunRecord& r) { return r.settings_sha256; }));
  file.write_strings(group.get(), runs_ds::engine_version,
                     column_of(runs, [](const RunRecord& r) { return r.engine_version; }));
  file.write_strings(group.get(), runs_ds::family_versions, column_of(runs, [](const RunRecord& r) {
                       return nlohmann::json(r.family_versions).dump();
                     }));
  file.write_strings(group.get(), runs_ds::started, column_of(runs, [](const RunRecord& r) { return r.started_utc; }));
  file.write_strings(group.get(), runs_ds::finished,
                     column_of(runs, [](const RunRecord& r) { return r.finished_utc; }));
  std::vector<std::uint8_t> demo;
  for (const RunRecord& r : runs) demo.push_back(r.demo_key ? 1 : 0);
  file.write_u8(group.get(), runs_ds::demo_key, demo);
  file.write_strings(group.get(), runs_ds::shard, column_of(runs, [](const RunRecord& r) { return r.shard; }));
  file.write_strings(group.get(), runs_ds::table_kind,
                     column_of(runs, [](const RunRecord& r) { return r.table_kind; }));
}

/// The key datasets of `rows`; `labels`, when given, replaces the label column (an objects table's: each object's).
void write_key_columns(File& file, hid_t group, const std::vector<const CaseRecord*>& rows,
                       const std::vector<std::string>* labels = nullptr) {
  using P = const CaseRecord*;
  file.write_strings(group, "run_id", column_of(rows, [](P c) { return c->run_id; }));
  file.write_strings(group, "patient_pseudonym", column_of(rows, [](P c) { return c->key.patient_pseudonym; }));
  file.write_strings(group, "study_pseudonym", column_of(rows, [](P c) { return c->key.study_pseudonym; }));
  file.write_strings(group, "series_pseudonym", column_of(rows, [](P c) { return c->key.series_pseudonym; }));
  file.write_strings(group, "label", labels ? *labels : column_of(rows, [](P c) { return c->key.label; }));
}

void write_cases(File& file, const StoreData& data) {
  const H5Id group = file.create_group(file.root(), "cases");
  std::vector<const CaseRecord*> all;
  for (const CaseRecord& c : data.cases()) all.push_back(&c);
  using P = const CaseRecord*;
  write_key_columns(file, group.get(), all);
  file.write_strings(group.get(), "settings_sha256", column_of(all, [](P c) { return c->key.settings_sha256; }));
  file.write_strings(group.get(), "status", column_of(all, [](P c) { return std::string(c->ok ? "ok" : "failed"); }));
  file.write_strings(group.get(), "error", column_of(all, [](P c) { return c->error; }));
  file.write_strings(group.get(), "image_sha256", column_of(all, [](P c) { return c->image_sha256; }));
  file.write_strings(group.get(), "mask_sha256", column_of(all, [](P c) { return c->mask_sha256; }));
  file.write_strings(group.get(), "finished_utc", column_of(all, [](P c) { return c->finished_utc; }));
  file.write_strings(group.get(), "diagnostics", column_of(all, [](P c) { return c->diagnostics; }));
}

void write_features(File& file, const StoreData& data) {
  const H5Id features = file.create_group(file.root(), "features");
  for (const std::string& hash : data.settings_hashes()) {
    const H5Id table = file.create_group(features.get(), table_name(hash));
    file.set_string_attribute(table.get(), "settings_sha256", hash);
    const auto& columns = data.columns(hash);
    // A row per case, or in an objects table a row per object of each case (its key repeated, object_label added).
    const bool objects = data.table_kind(hash) == objects_table_kind;
    std::vector<const CaseRecord*> rows;
    std::vector<std::size_t> row_in_case;
    std::vector<std::uint32_t> object_labels;
    for (std::size_t index : data.feature_rows(hash)) {
      const CaseRecord& c = data.cases()[index];
      const std::size_t count = objects ? c.object_labels.size() : 1;
      for (std::size_t k = 0; k < count; ++k) {
        rows.push_back(&c);
        row_in_case.push_back(k);
        if (objects) object_labels.push_back(c.object_labels[k]);
      }
    }
    std::vector<std::string> label_text;
    for (const std::uint32_t label : object_labels) label_text.push_back(std::to_string(label));
    write_key_columns(file, table.get(), rows, objects ? &label_text : nullptr);
    if (objects) {
      file.set_string_attribute(table.get(), "table_kind", objects_table_kind);
      file.write_u32(table.get(), "object_label", object_labels);
    }
    file.write_strings(table.get(), "column_order", column_of(columns, [](const ColumnInfo& c) { return c.name; }));
    std::vector<double> values(rows.size());
    for (std::size_t j = 0; j < columns.size(); ++j) {
      for (std::size_t i = 0; i < rows.size(); ++i) values[i] = rows[i]->values[row_in_case[i] * columns.size() + j];
      file.write_doubles(table.get(), columns[j].name, values);
      const H5Id dataset = file.open_dataset(table.get(), columns[j].name);
      file.set_string_attribute(dataset.get(), "unit", columns[j].unit);
      file.set_string_attribute(dataset.get(), "ibsi_code", columns[j].ibsi_code);
      file.set_string_attribute(dataset.get(), "aggregation_code", columns[j].aggregation_code);
      file.set_string_attribute(dataset.get(), "family", columns[j].family);
    }
  }
}

void write_store_file(const std::filesystem::path& path, const StoreData& data, const JournalMark& mark) {
  const h5::QuietErrors quiet;
  File file = File::create(path);
  file.set_string_attribute(file.root(), "format", store_format_name);
  // Version 2 only where it matters: a store without objects tables stays readable by the voxfeat that wrote v1.
  bool has_objects = false;
  for (const std::string& hash : data.settings_hashes()) has_objects |= data.table_kind(hash) == objects_table_kind;
  file.set_u64_attribute(file.root(), "format_version", has_objects ? store_format_version : 1);
  file.set_string_attribute(file.root(), "key_fingerprint", data.key_fingerprint());
  file.set_string_attribute(file.root(), "created_utc", data.created_utc());
  file.set_string_attribute(file.root(), "journal_id", mark.journal_id);
  file.set_u64_attribute(file.root(), "journal_records", mark.records);
  write_runs(file, data);
  write_cases(file, data);
  write_features(file, data);
  file.close();
}

[[noreturn]] void inconsistent(const std::filesystem::path& path, const std::string& what) {
  throw IoError(path.string() + ": inconsistent voxfeat store: " + what);
}

void expect_length(const std::filesystem::path& path, std::size_t got, std::size_t want, const std::string& what) {
  if (got != want)
    inconsistent(path, what + " has " + std::to_string(got) + " entries, expected " + std::to_string(want));
}

std::vector<RunRecord> read_runs(const File& file) {
  const H5Id group = file.open_group(file.root(), "runs");
  const hid_t g = group.get();
  const auto ids = file.read_strings(g, runs_ds::run_id);
  const std::size_t n = ids.size();
  const auto text = file.read_strings(g, runs_ds::settings_text);
  const auto hash = file.read_strings(g, runs_ds::settings_sha256);
  const auto engine = file.read_strings(g, runs_ds::engine_version);
  const auto families = file.read_strings(g, runs_ds::family_versions);
  const auto started = file.read_strings(g, runs_ds::started);
  const auto finished = file.read_strings(g, runs_ds::finished);
  const auto demo = file.read_u8(g, runs_ds::demo_key);
  const auto shard = file.read_strings(g, runs_ds::shard);
  const auto kind = file.has_link(g, runs_ds::table_kind) ? file.read_strings(g, runs_ds::table_kind)
                                                          : std::vector<std::string>(n);
  for (std::size_t got : {text.size(), hash.size(), engine.size(), families.size(), started.size(), finished.size(),
                          demo.size(), shard.size(), kind.size()})
    expect_length(file.path(), got, n, "/runs");
  std::vector<RunRecord> runs(n);
  for (std::size_t i = 0; i < n; ++i) {
    RunRecord& r = runs[i];
    r.run_id = ids[i];
    r.settings_text = text[i];
    r.settings_sha256 = hash[i];
    r.engine_version = engine[i];
    try {
      r.family_versions = nlohmann::json::parse(families[i]).get<std::map<std::string, std::string>>();
    } catch (const nlohmann::json::exception& e) {
      inconsistent(file.path(), "/runs/family_versions_json of run " + r.run_id + ": " + e.what());
    }
    r.started_utc = started[i];
    r.finished_utc = finished[i];
    r.demo_key = demo[i] != 0;
    r.shard = shard[i];
    r.table_kind = kind[i];
  }
  return runs;
}

/// What a table holds for one key: its values (objects tables: labels × columns, row-major) and object labels.
struct Row {
  std::vector<double> values;
  std::vector<std::uint32_t> object_labels;
};

struct Table {
  std::vector<ColumnInfo> columns;
  std::map<CaseKey, Row> rows;  ///< key (with the table's settings hash) → its row, or its objects' rows
};

Table read_table(const File& file, hid_t features, const std::string& name, std::string& hash_out) {
  const H5Id group = file.open_group(features, name);
  const hid_t g = group.get();
  hash_out = file.string_attribute(g, "settings_sha256");
  if (hash_out.substr(0, 16) != name) inconsistent(file.path(), "/features/" + name + " holds settings " + hash_out);
  Table table;
  for (const std::string& column : file.read_strings(g, "column_order")) {
    const H5Id dataset = file.open_dataset(g, column);
    ColumnInfo info;
    info.name = column;
    info.unit = file.string_attribute(dataset.get(), "unit");
    info.ibsi_code = file.string_attribute(dataset.get(), "ibsi_code");
    info.aggregation_code = file.string_attribute(dataset.get(), "aggregation_code");
    info.family = file.string_attribute(dataset.get(), "family");
    table.columns.push_back(std::move(info));
  }
  const auto patient = file.read_strings(g, "patient_pseudonym");
  const std::size_t n = patient.size();
  const auto study = file.read_strings(g, "study_pseudonym");
  const auto series = file.read_strings(g, "series_pseudonym");
  const auto label = file.read_strings(g, "label");
  const std::string where = "/features/" + name;
  for (std::size_t got : {study.size(), series.size(), label.size(), file.read_strings(g, "run_id").size()})
    expect_length(file.path(), got, n, where);
  const std::size_t m = table.columns.size();
  std::vector<double> values(n * m);
  for (std::size_t j = 0; j < m; ++j) {
    const auto column = file.read_doubles(g, table.columns[j].name);
    expect_length(file.path(), column.size(), n, where + "/" + table.columns[j].name);
    for (std::size_t i = 0; i < n; ++i) values[i * m + j] = column[i];
  }
  const bool objects =
      file.has_attribute(g, "table_kind") && file.string_attribute(g, "table_kind") == objects_table_kind;
  std::vector<std::uint32_t> object_label;
  if (objects) {
    object_label = file.read_u32(g, "object_label");
    expect_length(file.path(), object_label.size(), n, where + "/object_label");
  }
  // One key per row; in an objects table, one key per run of consecutive rows (the objects of one case, whose
  // label column holds each object's label).
  for (std::size_t i = 0; i < n;) {
    CaseKey key{hash_out, patient[i], study[i], series[i], objects ? objects_case_label : label[i]};
    std::size_t end = i + 1;
    if (objects) {
      while (end < n && patient[end] == key.patient_pseudonym && study[end] == key.study_pseudonym &&
             series[end] == key.series_pseudonym)
        ++end;
      for (std::size_t k = i; k < end; ++k)
        if (label[k] != std::to_string(object_label[k]))
          inconsistent(file.path(), where + " row " + std::to_string(k) + ": label and object_label differ");
    }
    Row row;
    row.values.assign(values.begin() + std::ptrdiff_t(i * m), values.begin() + std::ptrdiff_t(end * m));
    if (objects) row.object_labels.assign(object_label.begin() + std::ptrdiff_t(i), object_label.begin() + std::ptrdiff_t(end));
    if (!table.rows.emplace(std::move(key), std::move(row)).second)
      inconsistent(file.path(), where + " holds a key twice (row " + std::to_string(i) + ")");
    i = end;
  }
  return table;
}

const Row* find_row(const std::map<std::string, Table>& tables, const CaseKey& key) {
  const auto table = tables.find(key.settings_sha256);
  if (table == tables.end()) return nullptr;
  const auto row = table->second.rows.find(key);
  return row == table->second.rows.end() ? nullptr : &row->second;
}

std::vector<CaseRecord> read_cases(const File& file) {
  const H5Id group = file.open_group(file.root(), "cases");
  const hid_t g = group.get();
  const auto run = file.read_strings(g, "run_id");
  const std::size_t n = run.size();
  const auto hash = file.read_strings(g, "settings_sha256");
  const auto patient = file.read_strings(g, "patient_pseudonym");
  const auto study = file.read_strings(g, "study_pseudonym");
  const auto series = file.read_strings(g, "series_pseudonym");
  const auto label = file.read_strings(g, "label");
  const auto status = file.read_strings(g, "status");
  const auto error = file.read_strings(g, "error");
  const auto image = file.read_strings(g, "image_sha256");
  const auto mask = file.read_strings(g, "mask_sha256");
  const auto finished = file.read_strings(g, "finished_utc");
  // Stores written before diagnostics existed have no such dataset: no case has diagnostics.
  const auto diagnostics =
      file.has_link(g, "diagnostics") ? file.read_strings(g, "diagnostics") : std::vector<std::string>(n);
  for (std::size_t got : {hash.size(), patient.size(), study.size(), series.size(), label.size(), status.size(),
                          error.size(), image.size(), mask.size(), finished.size(), diagnostics.size()})
    expect_length(file.path(), got, n, "/cases");
  std::vector<CaseRecord> cases(n);
  for (std::size_t i = 0; i < n; ++i) {
    CaseRecord& c = cases[i];
    c.key = CaseKey{hash[i], patient[i], study[i], series[i], label[i]};
    c.run_id = run[i];
    if (status[i] != "ok" && status[i] != "failed")
      inconsistent(file.path(), "/cases/status[" + std::to_string(i) + "] is '" + status[i] + "'");
    c.ok = status[i] == "ok";
    c.error = error[i];
    c.image_sha256 = image[i];
    c.mask_sha256 = mask[i];
    c.finished_utc = finished[i];
    c.diagnostics = diagnostics[i];
  }
  return cases;
}

}  // namespace

StoreFile read_store_file(const std::filesystem::path& path) {
  const h5::QuietErrors quiet;
  const File file = File::open_read(path);
  const hid_t root = file.root();
  if (!file.has_attribute(root, "format") || file.string_attribute(root, "format") != store_format_name)
    throw IoError(path.string() + ": an HDF5 file, but not a voxfeat feature store (no format attribute '" +
                  store_format_name + "')");
  const std::uint64_t version = file.u64_attribute(root, "format_version");
  if (version > store_format_version)
    throw IoError(path.string() + ": store format version " + std::to_string(version) +
                  " is newer than this voxfeat reads (" + std::to_string(store_format_version) + "); update voxfeat");

  StoreFile out;
  out.data = StoreData(file.string_attribute(root, "key_fingerprint"), file.string_attribute(root, "created_utc"));
  out.mark.journal_id = file.string_attribute(root, "journal_id");
  out.mark.records = file.u64_attribute(root, "journal_records");

  std::map<std::string, Table> tables;
  const H5Id features = file.open_group(root, "features");
  for (const std::string& name : file.child_names(features.get())) {
    std::string hash;
    Table table = read_table(file, features.get(), name, hash);
    tables.emplace(hash, std::move(table));
  }
  // Rebuild through StoreData's own rules, so that a file breaking them is refused rather than half-trusted.
  try {
    for (const RunRecord& run : read_runs(file)) {
      const auto it = tables.find(run.settings_sha256);
      if (it == tables.end()) inconsistent(path, "run " + run.run_id + " has no feature table");
      out.data.add_run(run, it->second.columns);
    }
    for (CaseRecord& c : read_cases(file)) {
      if (c.ok) {
        const Row* row = find_row(tables, c.key);
        if (row == nullptr) inconsistent(path, "a successful case of run " + c.run_id + " has no feature row");
        c.values = row->values;
        c.object_labels = row->object_labels;
      }
      out.data.add_case(std::move(c));
    }
  } catch (const IoError&) {
    throw;
  } catch (const Error& e) {
    inconsistent(path, e.what());
  }
  for (const auto& [hash, table] : tables) {
    std::size_t rows = out.data.feature_rows(hash).size();
    if (rows != table.rows.size()) inconsistent(path, "feature table " + hash.substr(0, 16) + " has rows without a case");
  }
  return out;
}

void publish_store_file(const std::filesystem::path& target, const StoreData& data, const JournalMark& mark) {
  const std::filesystem::path temporary(target.string() + ".tmp");
  try {
    write_store_file(temporary, data, mark);
    atomic_replace(temporary, target);
  } catch (...) {
    std::error_code ignored;  // a half-written temporary is useless; the published store is untouched
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

}  // namespace voxfeat::detail
