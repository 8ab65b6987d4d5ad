#pragma once
// A quiet, two-thread batch with the public demo key, and what it stored: the batch tests' common step.
#include <filesystem>
#include <vector>

#include "batch/batch_runner.hpp"
#include "store/feature_store.hpp"

namespace voxfeat::test {

struct BatchRun {
  detail::BatchSummary summary;
  std::vector<detail::CaseRecord> stored;  ///< every case the store holds after the run
};

BatchRun run_quiet_batch(const std::filesystem::path& manifest, const std::filesystem::path& store,
                         const Settings& settings, const Registry& registry);

}  // namespace voxfeat::test
