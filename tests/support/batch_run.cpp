#include "support/batch_run.hpp"

#include "pseudonym/pseudonymiser.hpp"

namespace voxfeat::test {

BatchRun run_quiet_batch(const std::filesystem::path& manifest, const std::filesystem::path& store,
                         const Settings& settings, const Registry& registry) {
  detail::BatchOptions options;
  options.manifest = manifest;
  options.store = store;
  options.quiet = true;
  options.threads = 2;
  BatchRun r;
  r.summary = detail::run_batch(options, settings, registry, detail::Pseudonymiser::demo());
  r.stored = detail::FeatureStore::open_read_only(store).cases();
  return r;
}

}  // namespace voxfeat::test
