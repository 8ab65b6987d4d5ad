#pragma once
// `voxfeat objects`: the per-object families of a settings file over every image pair of a manifest or of two
// folders, into the store's objects table (one row per object). Image pairs run in parallel under TBB (and their
// families and objects in parallel inside). A failed pair is recorded with its reason and the batch goes on; pairs
// already stored with the same settings are skipped, so a killed run resumes.
#include <filesystem>
#include <string>
#include <vector>

#include "batch/batch_runner.hpp"
#include "microscopy/image_pairs.hpp"
#include "pseudonym/pseudonymiser.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::detail {

struct ObjectBatchOptions {
  std::vector<ImagePair> pairs;
  std::filesystem::path store;
  std::string source;  ///< where the pairs came from (the manifest or the folders), for messages
  int threads = 0;     ///< 0: all cores
  ExecutionContext execution{};
  /// Label planes of more pixels are read in bands of `band_rows` rows, never whole (streamed_objects.hpp).
  std::size_t stream_above_pixels = std::size_t(64) << 20;
  std::int32_t band_rows = 256;
  bool quiet = false;
  bool interactive = false;
};

struct ObjectBatchSummary : BatchSummary {
  std::size_t objects = 0;  ///< rows written
};

/// The built-in microscopy settings: every per-object family of `registry` with its defaults.
Settings microscopy_default_settings(const Registry& registry);

ObjectBatchSummary run_object_batch(const ObjectBatchOptions& options, const Settings& settings,
                                    const Registry& registry, const Pseudonymiser& pseudonymiser);

}  // namespace voxfeat::detail
