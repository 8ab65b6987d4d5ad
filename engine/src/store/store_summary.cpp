#include "store/store_summary.hpp"

#include <fmt/format.h>

#include <map>

#include "store/hdf5_format.hpp"
#include "store/store_loader.hpp"

namespace voxfeat::detail {
namespace {

constexpr std::size_t failures_shown = 20;
constexpr std::size_t columns_shown = 8;

std::string short_hash(const std::string& h) { return h.empty() ? "-" : h.substr(0, 16); }

std::string short_key(const CaseKey& k) {
  std::string text = "patient " + k.patient_pseudonym.substr(0, 12);
  if (!k.study_pseudonym.empty()) text += " study " + k.study_pseudonym.substr(0, 12);
  if (!k.series_pseudonym.empty()) text += " series " + k.series_pseudonym.substr(0, 12);
  return text + " label " + k.label;
}

}  // namespace

void write_store_summary(const std::filesystem::path& store, std::ostream& out) {
  const LoadedStore loaded = load_store(store);
  const StoreData& data = loaded.data;
  const JournalRecovery& journal = loaded.recovery;

  out << fmt::format("file             {}\n", store.string());
  out << fmt::format("format           {} {}\n", store_format_name, store_format_version);
  out << fmt::format("key fingerprint  {}\n", short_hash(data.key_fingerprint()));
  out << fmt::format("created          {}\n", data.created_utc());
  if (journal.journal_present)
    out << fmt::format("journal          {} record(s) not yet in the HDF5 file (a run was killed or is running); "
                       "shown below, written on the next extract{}\n",
                       journal.records_replayed,
                       journal.ignored_bytes ? fmt::format(", {} torn byte(s) ignored", journal.ignored_bytes) : "");

  std::map<std::string, std::pair<std::size_t, std::size_t>> per_run;  // run id → ok, failed
  std::vector<const CaseRecord*> failures;
  for (const CaseRecord& c : data.cases()) {
    auto& counts = per_run[c.run_id];
    if (c.ok) {
      ++counts.first;
    } else {
      ++counts.second;
      failures.push_back(&c);
    }
  }

  out << fmt::format("\nruns ({})\n", data.runs().size());
  for (const RunRecord& r : data.runs()) {
    const auto counts = per_run[r.run_id];
    out << fmt::format("  {}\n", r.run_id);
    out << fmt::format("    started {}, {}\n", r.started_utc,
                       r.finished_utc.empty() ? std::string("killed / not finished")
                                              : "finished " + r.finished_utc);
    out << fmt::format("    settings {}  engine {}{}{}\n", short_hash(r.settings_sha256), r.engine_version,
                       r.shard.empty() ? "" : "  shard " + r.shard,
                       r.demo_key ? "  DEMO KEY (pseudonyms not protected)" : "");
    out << fmt::format("    cases {} ok, {} failed\n", counts.first, counts.second);
  }

  out << fmt::format("\nfailures ({}{})\n", failures.size(),
                     failures.size() > failures_shown ? fmt::format(", first {} shown", failures_shown) : "");
  for (std::size_t i = 0; i < failures.size() && i < failures_shown; ++i) {
    const CaseRecord& c = *failures[i];
    out << fmt::format("  {} [run {}]\n    {}\n", short_key(c.key), c.run_id, c.error.empty() ? "(no message)" : c.error);
  }

  out << fmt::format("\nfeature tables ({})\n", data.settings_hashes().size());
  for (const std::string& hash : data.settings_hashes()) {
    const auto& columns = data.columns(hash);
    const auto rows = data.feature_rows(hash);
    if (data.table_kind(hash) == objects_table_kind) {
      std::size_t objects = 0;
      for (const std::size_t index : rows) objects += data.cases()[index].object_labels.size();
      out << fmt::format("  /features/{}  settings {}: objects table, {} rows (objects) of {} images, {} columns\n",
                         hash.substr(0, 16), short_hash(hash), objects, rows.size(), columns.size());
    } else {
      out << fmt::format("  /features/{}  settings {}: {} rows, {} columns\n", hash.substr(0, 16), short_hash(hash),
                         rows.size(), columns.size());
    }
    std::string names;
    for (std::size_t j = 0; j < columns.size() && j < columns_shown; ++j)
      names += fmt::format("{}{} [{}]", j ? ", " : "", columns[j].name, columns[j].unit.empty() ? "-" : columns[j].unit);
    if (columns.size() > columns_shown) names += fmt::format(", ... ({} more)", columns.size() - columns_shown);
    if (!names.empty()) out << "    " << names << "\n";
  }
}

}  // namespace voxfeat::detail
