// `voxfeat objects`: pair the images, resolve key and settings, run the per-object batch, print a summary. Exit
// code 0 when every image pair succeeded, 1 when some failed (the others are stored), 2 when the run could not
// start.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "batch_setup.hpp"
#include "commands.hpp"
#include "microscopy/object_batch.hpp"
#include "microscopy/object_features.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::cli {

int run_objects(const ObjectsOptions& options) {
  const Registry registry = Registry::with_builtin_families();
  const bool folders = !options.intensity_dir.empty() || !options.label_dir.empty();
  if (folders == !options.manifest_path.empty())
    throw ConfigError("give either --manifest or both --intensity-dir and --label-dir");
  if (folders && (options.intensity_dir.empty() || options.label_dir.empty()))
    throw ConfigError("--intensity-dir and --label-dir go together");
  const Settings settings = options.settings_path.empty()
                                ? detail::microscopy_default_settings(registry)
                                : Settings::load(options.settings_path, registry, SettingsFormat::voxfeat);
  detail::require_object_families(settings, registry);

  detail::PairDefaults defaults;
  defaults.intensity_choice = {options.page, options.channel, options.z, options.t};
  defaults.label_choice = {options.label_page, options.label_channel, options.z, options.t};
  defaults.pixel_size_um = options.pixel_size_um;
  detail::ObjectBatchOptions batch;
  batch.pairs = folders ? detail::pairs_from_folders(options.intensity_dir, options.label_dir, options.pattern, defaults)
                        : detail::pairs_from_manifest(options.manifest_path, defaults);
  batch.source = folders ? options.intensity_dir : options.manifest_path;
  const detail::Pseudonymiser pseudonymiser = resolve_key(options.key_file, options.demo_key);
  batch.store = options.out_path;
  batch.stream_above_pixels = std::size_t(options.stream_above_megapixels * double(1u << 20));
  batch.threads = options.threads;
  batch.execution = resolve_device(options.device, options.quiet);
  batch.quiet = options.quiet;
  batch.interactive = !options.quiet && ::isatty(STDERR_FILENO);
  if (!options.quiet)
    std::cerr << fmt::format("voxfeat: settings {} ({}), {} famil{}, {} image pair(s)\n",
                             options.settings_path.empty() ? "built-in microscopy defaults" : options.settings_path,
                             settings.sha256().substr(0, 16), settings.families.size(),
                             settings.families.size() == 1 ? "y" : "ies", batch.pairs.size());

  const detail::ObjectBatchSummary s = detail::run_object_batch(batch, settings, registry, pseudonymiser);
  if (!options.quiet) {
    std::cerr << fmt::format(
        "voxfeat: run {}: {} image pair(s), {} skipped (already stored), {} ok, {} failed, {} objects, {:.2f} s "
        "({:.0f} objects/s) -> {}\n",
        s.run_id, s.manifest_cases, s.skipped, s.ok, s.failed, s.objects, s.seconds,
        s.seconds > 0 ? double(s.objects) / s.seconds : 0.0, options.out_path);
    for (const auto& f : s.failures) std::cerr << "  failed: row " << f.manifest_row << ": " << f.message << "\n";
  }
  return s.failed ? 1 : 0;
}

}  // namespace voxfeat::cli
