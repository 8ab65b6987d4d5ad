#include "store/store_merge.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "store/hdf5_format.hpp"
#include "store/store_loader.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

std::string list_hashes(std::vector<std::string> hashes) {
  std::sort(hashes.begin(), hashes.end());
  std::string out;
  for (const auto& h : hashes) out += (out.empty() ? "" : ", ") + h.substr(0, 16);
  return out.empty() ? "none" : out;
}

using AttemptId = std::tuple<std::string, CaseKey, bool, std::string, std::string>;

AttemptId attempt_id(const CaseRecord& c) { return {c.run_id, c.key, c.ok, c.error, c.finished_utc}; }

}  // namespace

MergeReport merge_stores(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& out) {
  if (inputs.empty()) throw ConfigError("merge: no input stores");
  std::error_code ec;
  if (std::filesystem::exists(out, ec))
    throw IoError(out.string() + ": exists; merge writes a new store and never overwrites one");

  std::vector<LoadedStore> stores;
  for (const auto& input : inputs) stores.push_back(load_store(input));

  const StoreData& first = stores.front().data;
  std::vector<std::string> first_hashes = first.settings_hashes();
  std::sort(first_hashes.begin(), first_hashes.end());
  for (std::size_t i = 1; i < stores.size(); ++i) {
    const StoreData& s = stores[i].data;
    if (s.key_fingerprint() != first.key_fingerprint())
      throw KeyError("merge: " + inputs[i].string() + " was made with the key whose fingerprint begins " +
                     s.key_fingerprint().substr(0, 16) + ", " + inputs[0].string() + " with " +
                     first.key_fingerprint().substr(0, 16) + "; pseudonyms of two keys cannot be joined");
    std::vector<std::string> hashes = s.settings_hashes();
    std::sort(hashes.begin(), hashes.end());
    if (hashes != first_hashes)
      throw ConfigError("merge: " + inputs[i].string() + " holds feature tables for settings " + list_hashes(hashes) +
                        ", " + inputs[0].string() + " for " + list_hashes(first_hashes) +
                        "; merge only shards extracted with the same settings");
  }

  StoreData merged(first.key_fingerprint(), store_utc_now());
  MergeReport report;
  for (std::size_t i = 0; i < stores.size(); ++i) {
    for (const RunRecord& run : stores[i].data.runs()) {
      if (const RunRecord* seen = merged.find_run(run.run_id)) {
        // The same run reached us twice (a store merged with one of its own shards): keep it once.
        if (seen->settings_sha256 != run.settings_sha256)
          throw ConfigError("merge: run " + run.run_id + " appears in two inputs with different settings");
        continue;
      }
      merged.add_run(run, stores[i].data.columns(run.settings_sha256));
    }
  }
  std::set<AttemptId> attempts;
  for (const LoadedStore& store : stores) {
    for (const CaseRecord& c : store.data.cases()) {
      if (!attempts.insert(attempt_id(c)).second) {
        ++(c.ok ? report.duplicate_rows : report.duplicate_attempts);
        continue;
      }
      if (!merged.add_case(c)) ++report.duplicate_rows;
    }
  }
  // Runs that a killed shard never finished keep an empty end time: the merged store says so too.
  publish_store_file(out, merged, {});
  report.runs = merged.runs().size();
  report.case_attempts = merged.cases().size();
  for (const auto& hash : merged.settings_hashes()) report.feature_rows += merged.feature_rows(hash).size();
  return report;
}

}  // namespace voxfeat::detail
