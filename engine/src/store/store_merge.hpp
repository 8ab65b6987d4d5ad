#pragma once
// `voxfeat merge`: shard stores of one site (same key, same settings) into one store.
#include <cstddef>
#include <filesystem>
#include <vector>

namespace voxfeat::detail {

struct MergeReport {
  std::size_t runs = 0;
  std::size_t case_attempts = 0;        ///< rows of /cases in the output
  std::size_t feature_rows = 0;         ///< rows of all feature tables in the output
  std::size_t duplicate_rows = 0;       ///< successful cases dropped because an earlier input had the key
  std::size_t duplicate_attempts = 0;   ///< failed attempts present in two inputs (same run), kept once
};

/// Reads every input (with its journal, if a shard was killed), checks that all share the key fingerprint
/// (KeyError otherwise) and the settings hashes of the first input (ConfigError otherwise), and writes `out`
/// atomically. Rows are de-duplicated by CaseKey, the first input wins; every run is kept once. Refuses (IoError)
/// when `out` exists.
MergeReport merge_stores(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& out);

}  // namespace voxfeat::detail
