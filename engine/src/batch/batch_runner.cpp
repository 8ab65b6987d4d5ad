#include "batch/batch_runner.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for_each.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <ctime>
#include <random>
#include <regex>

#include <fmt/format.h>

#include "batch/manifest.hpp"
#include "batch/progress.hpp"
#include "extraction/extractor.hpp"
#include "store/feature_store.hpp"
#include "batch/run_identity.hpp"
#include "util/sha256.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/version.hpp"

namespace voxfeat::detail {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

CaseSource case_source(const ManifestCase& c, const LabelSelector& label) {
  return {c.image, c.mask, label, c.roi, c.series_id};
}

struct PendingCase {
  std::size_t index;  // 0-based position in the manifest
  const ManifestCase* source;
  CaseKey key;
  LabelSelector label;
};

}  // namespace

std::string redact_identifiers(std::string message, const std::vector<std::pair<std::string, std::string>>& ids) {
  for (const auto& [raw, placeholder] : ids) {
    const std::string needle = lower(Pseudonymiser::normalise(raw));
    if (needle.empty()) continue;
    for (std::size_t pos = lower(message).find(needle); pos != std::string::npos;
         pos = lower(message).find(needle, pos + placeholder.size()))
      message.replace(pos, needle.size(), placeholder);
  }
  // DICOM UIDs a reader may name (the series of a folder, to choose from): identifying, so never stored. A UID is
  // digits in four or more dot-separated components; decimals such as 0.977 have one dot.
  static const std::regex uid(R"(\b[0-9]+(\.[0-9]+){3,}\b)");
  return std::regex_replace(message, uid, "[uid]");
}

RunRecord new_run_record(const Settings& settings, const Registry& registry, const Pseudonymiser& pseudonymiser) {
  RunRecord run;
  run.run_id = new_run_id();
  run.settings_text = settings.canonical_text();
  run.settings_sha256 = settings.sha256();
  run.engine_version = engine_version;
  for (const auto& fs : settings.families) {
    const FamilyDescriptor& f = registry.at(fs.name);
    run.family_versions[f.name] = f.version + (f.origin == "built-in" ? "" : " (" + f.origin + ")");
  }
  run.started_utc = utc_now();
  run.demo_key = pseudonymiser.is_demo();
  return run;
}

FailureMessages failure_messages(const std::exception& error, const std::string& case_name,
                                 const std::vector<std::pair<std::string, std::string>>& ids) {
  const std::string message = error.what();
  FailureMessages out;
  out.console = message.rfind(case_name, 0) == 0 ? message : case_name + ": " + message;
  out.stored = redact_identifiers(out.console, ids);
  return out;
}

void finish_batch(Progress& progress, FeatureStore& store, const std::string& run_id, BatchSummary& summary,
                  std::chrono::steady_clock::time_point start) {
  progress.finish();
  store.end_run(run_id, utc_now());
  store.close();
  std::sort(summary.failures.begin(), summary.failures.end(),
            [](const auto& a, const auto& b) { return a.manifest_row < b.manifest_row; });
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

BatchSummary run_batch(const BatchOptions& options, const Settings& settings, const Registry& registry,
                       const Pseudonymiser& pseudonymiser) {
  const auto start = std::chrono::steady_clock::now();
  const auto manifest = read_manifest(options.manifest);
  BatchSummary summary;
  summary.manifest_cases = manifest.size();

  const std::string settings_hash = settings.sha256();
  const auto columns = plan_columns(settings, registry);

  // Every row's identity first: two rows with the same patient, study, series and label would be one row of the
  // feature table, so they are refused before anything is read or written.
  std::vector<PendingCase> cases;
  std::map<CaseKey, std::size_t> row_of_key;
  for (std::size_t i = 0; i < manifest.size(); ++i) {
    const ManifestCase& c = manifest[i];
    const std::string where = options.manifest.string() + " row " + std::to_string(c.row);
    const LabelSelector label = c.label.empty() ? settings.label : LabelSelector::parse(c.label, where);
    // A DICOM series identifies its study and series itself: without the manifest's ids, the UIDs (pseudonymised
    // like every id) keep two series of one patient apart. A folder that cannot be scanned fails later, as a case.
    ImageIdentity identity;
    if (c.study_id.empty() || c.series_id.empty()) {
      try {
        identity = image_identity(case_source(c, label));
      } catch (const Error&) {  // recorded when the case is extracted
      }
    }
    const std::string& study = c.study_id.empty() ? identity.study_uid : c.study_id;
    const std::string& series = c.series_id.empty() ? identity.series_uid : c.series_id;
    CaseKey key{settings_hash, pseudonymiser.pseudonym(c.patient_id), pseudonymiser.pseudonym(study),
                pseudonymiser.pseudonym(series), label.describe() + (c.roi.empty() ? "" : " roi " + c.roi)};
    if (const auto [it, inserted] = row_of_key.emplace(key, c.row); !inserted)
      throw ConfigError(options.manifest.string() + ": rows " + std::to_string(it->second) + " and " +
                        std::to_string(c.row) +
                        " name the same patient, study, series and label; give them distinct study_id or "
                        "series_id values, or different labels");
    cases.push_back({i, &c, std::move(key), label});
  }

  // What this run does: its shard's cases that the store does not hold yet.
  FeatureStore store = FeatureStore::open(options.store, pseudonymiser.fingerprint());
  std::vector<PendingCase> pending;
  for (auto& p : cases) {
    if (options.shard && !options.shard->owns(p.index)) continue;
    ++summary.shard_cases;
    if (store.has_completed(p.key)) {
      ++summary.skipped;
      continue;
    }
    pending.push_back(std::move(p));
  }

  RunRecord run = new_run_record(settings, registry, pseudonymiser);
  run.shard = options.shard ? options.shard->describe() : "";
  summary.run_id = run.run_id;
  store.begin_run(run, columns);

  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
  Progress progress(pending.size(), options.interactive, options.quiet);
  if (summary.skipped)
    progress.message(fmt::format("voxfeat: {} case(s) already in {} with these settings: skipped", summary.skipped,
                                 options.store.string()));
  std::mutex summary_mutex;

  tbb::parallel_for_each(pending.begin(), pending.end(), [&](const PendingCase& p) {
    const ManifestCase& c = *p.source;
    const auto case_start = std::chrono::steady_clock::now();
    const std::string case_name = fmt::format("case {} (manifest row {})", p.key.patient_pseudonym.substr(0, 12), c.row);
    CaseRecord record;
    std::string console_message;
    record.key = p.key;
    record.run_id = run.run_id;
    try {
      record.image_sha256 = sha256_file_hex(c.image);
      record.mask_sha256 = sha256_file_hex(c.mask);
      FeatureRow row = extract_case(case_source(c, p.label), settings, registry, options.execution, case_name);
      record.values = std::move(row.values);
      record.diagnostics = std::move(row.diagnostics);
      record.ok = true;
    } catch (const std::exception& e) {
      record.ok = false;
      record.values.clear();
      const FailureMessages m = failure_messages(
          e, case_name, {{c.patient_id, "[patient_id]"}, {c.study_id, "[study_id]"}, {c.series_id, "[series_id]"}});
      record.error = m.stored;
      console_message = m.console;
      std::lock_guard lock(summary_mutex);
      summary.failures.push_back({c.row, m.console});
    }
    record.finished_utc = utc_now();
    store.append_case(record);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - case_start).count();
    {
      std::lock_guard lock(summary_mutex);
      (record.ok ? summary.ok : summary.failed)++;
    }
    progress.case_done(record.ok, record.ok ? fmt::format("ok     {} in {:.2f} s", case_name, seconds)
                                            : fmt::format("FAILED {}", console_message));
  });
  finish_batch(progress, store, run.run_id, summary, start);
  return summary;
}

}  // namespace voxfeat::detail
