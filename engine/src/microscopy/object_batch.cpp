#include "microscopy/object_batch.hpp"

#include <chrono>
#include <map>
#include <mutex>

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for_each.h>

#include "batch/progress.hpp"
#include "batch/run_identity.hpp"
#include "extraction/extractor.hpp"
#include "microscopy/object_features.hpp"
#include "microscopy/streamed_objects.hpp"
#include "store/feature_store.hpp"
#include "util/sha256.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/version.hpp"

namespace voxfeat::detail {
namespace {

/// The store key of a pair: its sample as the patient, its image as the series, and the label "objects" (the
/// table's rows carry each object's own label).
CaseKey key_of(const ImagePair& p, const std::string& settings_hash, const Pseudonymiser& pseudonymiser) {
  return {settings_hash, pseudonymiser.pseudonym(p.sample_id), "", pseudonymiser.pseudonym(p.image_id),
          objects_case_label};
}

}  // namespace

Settings microscopy_default_settings(const Registry& registry) {
  std::string text = "voxfeat_settings: 1\nfamilies:\n";
  for (const FamilyDescriptor* f : registry.families())
    if (f->compute_objects && f->origin == "built-in") text += "  " + f->name + ": {}\n";
  return Settings::parse(text, registry, "the built-in microscopy settings");
}

ObjectBatchSummary run_object_batch(const ObjectBatchOptions& options, const Settings& settings,
                                    const Registry& registry, const Pseudonymiser& pseudonymiser) {
  const auto start = std::chrono::steady_clock::now();
  require_object_families(settings, registry);
  ObjectBatchSummary summary;
  summary.manifest_cases = summary.shard_cases = options.pairs.size();
  const std::string settings_hash = settings.sha256();

  // Two pairs with the same sample and image would be one key of the table: refused before anything is read.
  std::map<CaseKey, std::size_t> row_of_key;
  for (const ImagePair& p : options.pairs) {
    const auto [it, inserted] = row_of_key.emplace(key_of(p, settings_hash, pseudonymiser), p.row);
    if (!inserted)
      throw ConfigError(fmt::format("{}: rows {} and {} name the same sample and image; give them distinct "
                                    "image_id values",
                                    options.source, it->second, p.row));
  }

  FeatureStore store = FeatureStore::open(options.store, pseudonymiser.fingerprint());
  std::vector<const ImagePair*> pending;
  for (const ImagePair& p : options.pairs) {
    if (store.has_completed(key_of(p, settings_hash, pseudonymiser))) {
      ++summary.skipped;
    } else {
      pending.push_back(&p);
    }
  }

  RunRecord run = new_run_record(settings, registry, pseudonymiser);
  run.table_kind = objects_table_kind;
  summary.run_id = run.run_id;
  store.begin_run(run, plan_columns(settings, registry));

  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
  Progress progress(pending.size(), options.interactive, options.quiet);
  if (summary.skipped)
    progress.message(fmt::format("voxfeat: {} image pair(s) already in {} with these settings: skipped",
                                 summary.skipped, options.store.string()));
  std::mutex summary_mutex;

  tbb::parallel_for_each(pending.begin(), pending.end(), [&](const ImagePair* p) {
    const auto pair_start = std::chrono::steady_clock::now();
    const std::string name = fmt::format("image {} (row {})", p->image_id, p->row);
    CaseRecord record;
    record.key = key_of(*p, settings_hash, pseudonymiser);
    record.run_id = run.run_id;
    std::string console_message;
    try {
      record.image_sha256 = sha256_file_hex(p->source.intensity);
      record.mask_sha256 = sha256_file_hex(p->source.labels);
      ObjectRows rows;
      if (label_plane_pixels(p->source) > options.stream_above_pixels) {
        rows = compute_object_features_streamed(p->source, settings, registry, options.band_rows, name);
      } else {
        const ObjectImage image = ObjectImage::load(p->source, options.execution);
        rows = compute_object_features(image, settings, registry, name);
      }
      record.object_labels = std::move(rows.labels);
      record.values = std::move(rows.values);
      record.ok = true;
    } catch (const std::exception& e) {
      record.ok = false;
      record.values.clear();
      record.object_labels.clear();
      // File names often hold sample ids: neither raw id reaches the store.
      const FailureMessages m = failure_messages(e, name, {{p->sample_id, "[sample_id]"}, {p->image_id, "[image_id]"}});
      record.error = m.stored;
      console_message = m.console;
      std::lock_guard lock(summary_mutex);
      summary.failures.push_back({p->row, m.console});
    }
    record.finished_utc = utc_now();
    const std::size_t objects_stored = record.object_labels.size();
    const bool ok = record.ok;
    store.append_case(std::move(record));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - pair_start).count();
    {
      std::lock_guard lock(summary_mutex);
      (ok ? summary.ok : summary.failed)++;
      summary.objects += objects_stored;
    }
    progress.case_done(ok, ok ? fmt::format("ok     {}: {} objects in {:.2f} s", name, objects_stored, seconds)
                              : fmt::format("FAILED {}", console_message));
  });
  finish_batch(progress, store, run.run_id, summary, start);
  return summary;
}

}  // namespace voxfeat::detail
