#pragma once
// `voxfeat extract`: every case of a manifest (or of one shard of it) into a feature store. Cases run in parallel
// under TBB (and each case's families in parallel inside it). A failed case is recorded with its reason and the
// batch goes on; cases already stored with the same settings hash are skipped, so a killed run resumes.
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "batch/progress.hpp"
#include "batch/shard.hpp"
#include "pseudonym/pseudonymiser.hpp"
#include "store/feature_store.hpp"
#include "voxfeat/execution.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::detail {

struct BatchOptions {
  std::filesystem::path manifest;
  std::filesystem::path store;
  int threads = 0;  ///< 0: all cores
  ExecutionContext execution{};  ///< where families compute (extraction/device_choice.hpp); backend as chosen
  std::optional<Shard> shard;
  bool quiet = false;
  bool interactive = false;  ///< draw a progress bar (stderr is a terminal)
};

struct BatchFailure {
  std::size_t manifest_row = 0;
  std::string message;  ///< full message for the operator's console (may hold paths)
};

struct BatchSummary {
  std::size_t manifest_cases = 0;
  std::size_t shard_cases = 0;
  std::size_t skipped = 0;  ///< already in the store with the same settings
  std::size_t ok = 0;
  std::size_t failed = 0;
  double seconds = 0.0;
  std::string run_id;
  std::vector<BatchFailure> failures;
};

BatchSummary run_batch(const BatchOptions& options, const Settings& settings, const Registry& registry,
                       const Pseudonymiser& pseudonymiser);

/// Replaces every occurrence of each raw identifier in `message` with a placeholder, so that error messages that
/// name files (whose paths often hold patient ids) can be stored without identifiers.
std::string redact_identifiers(std::string message, const std::vector<std::pair<std::string, std::string>>& ids);

// Steps every batch command (extract, objects) takes the same way.

/// The record a run starts with: a new id, the settings, the engine's and the families' versions (a plugin's with
/// its origin: file and hash), the start time, and whether the key is the public demo key.
RunRecord new_run_record(const Settings& settings, const Registry& registry, const Pseudonymiser& pseudonymiser);

/// A failed case's message for the console (prefixed with `case_name` unless it is already) and for the store
/// (each raw id of `ids` replaced by its placeholder).
struct FailureMessages {
  std::string console;
  std::string stored;
};
FailureMessages failure_messages(const std::exception& error, const std::string& case_name,
                                 const std::vector<std::pair<std::string, std::string>>& ids);

/// Ends a batch: the progress display, the run's end in the store, the store closed, failures in row order, the
/// elapsed time since `start`.
void finish_batch(Progress& progress, FeatureStore& store, const std::string& run_id, BatchSummary& summary,
                  std::chrono::steady_clock::time_point start);

}  // namespace voxfeat::detail
