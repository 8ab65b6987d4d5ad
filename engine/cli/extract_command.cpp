// `voxfeat extract`: resolve key, settings and shard, run the batch, print a summary. Exit code 0 when every case
// succeeded, 1 when some failed (the others are stored), 2 when the run could not start.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "batch/batch_runner.hpp"
#include "extraction/device_choice.hpp"
#include "batch_setup.hpp"
#include "commands.hpp"
#include "extraction/extractor.hpp"
#include "plugin/plugin_loader.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::cli {

int run_extract(const ExtractOptions& options) {
  const Registry registry = detail::registry_with_plugins(options.plugins);
  const SettingsFormat format = options.profile == "pyradiomics" ? SettingsFormat::pyradiomics
                                : options.profile == "voxfeat"   ? SettingsFormat::voxfeat
                                                                 : SettingsFormat::detect;
  if (options.settings_path.empty() && format == SettingsFormat::pyradiomics)
    throw ConfigError("--profile pyradiomics needs --settings with a PyRadiomics parameter file");
  const Settings settings = options.settings_path.empty() ? Settings::defaults(registry)
                                                          : Settings::load(options.settings_path, registry, format);
  detail::require_roi_families(settings, registry);
  const detail::Pseudonymiser pseudonymiser = resolve_key(options.key_file, options.demo_key);

  detail::BatchOptions batch;
  batch.manifest = options.manifest_path;
  batch.store = options.out_path;
  batch.threads = options.threads;
  batch.execution = resolve_device(options.device, options.quiet);
  if (!options.gpu_memory.empty()) batch.execution.gpu_memory_bytes = detail::parse_memory_size(options.gpu_memory);
  batch.shard = detail::resolve_shard(options.shard);
  batch.quiet = options.quiet;
  batch.interactive = !options.quiet && ::isatty(STDERR_FILENO);
  if (!options.quiet)
    std::cerr << fmt::format("voxfeat: settings {} ({}), {} famil{}{}\n",
                             options.settings_path.empty() ? "built-in defaults" : options.settings_path,
                             settings.sha256().substr(0, 16), settings.families.size(),
                             settings.families.size() == 1 ? "y" : "ies",
                             batch.shard ? ", shard " + batch.shard->describe() : "");

  const detail::BatchSummary s = detail::run_batch(batch, settings, registry, pseudonymiser);
  if (!options.quiet) {
    std::cerr << fmt::format(
        "voxfeat: run {}: {} case(s) in manifest, {} in this shard, {} skipped (already stored), {} ok, {} failed, "
        "{:.2f} s ({:.2f} cases/s) -> {}\n",
        s.run_id, s.manifest_cases, s.shard_cases, s.skipped, s.ok, s.failed, s.seconds,
        s.seconds > 0 ? double(s.ok + s.failed) / s.seconds : 0.0, options.out_path);
    for (const auto& f : s.failures) std::cerr << "  failed: manifest row " << f.manifest_row << ": " << f.message << "\n";
  }
  return s.failed ? 1 : 0;
}

}  // namespace voxfeat::cli
