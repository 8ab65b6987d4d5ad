#pragma once
// Shared builders for the store tests: a key file, runs, columns and cases with real pseudonyms.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "pseudonym/pseudonymiser.hpp"
#include "store/feature_store.hpp"
#include "support/test_paths.hpp"
#include "util/sha256.hpp"

namespace voxfeat::test {

/// A fresh temp folder removed at scope exit, also when an ASSERT ends the test early.
struct ScopedTempDir {
  explicit ScopedTempDir(const std::string& tag) : path(fresh_temp_dir(tag)) {}
  ~ScopedTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  std::filesystem::path path;
};

inline std::filesystem::path write_key_file(const std::filesystem::path& dir, const std::string& key,
                                            const std::string& name = "site.key") {
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << key;
  return path;
}

inline detail::Pseudonymiser test_pseudonymiser(const std::filesystem::path& dir,
                                                const std::string& key = "voxfeat-test-key-0123456789abcdef") {
  std::string name = "key-";  // appended, not chained with +: g++ 12 -O3 warns falsely (-Wrestrict) on the latter
  name += std::to_string(key.size());
  name += ".key";
  return detail::Pseudonymiser::from_key_file(write_key_file(dir, key, name));
}

inline std::string settings_text(int variant = 0) {
  return "families:\n  - name: morphology\n  - name: intensity\ndiscretisation:\n  bin_width: " +
         std::to_string(25 + variant) + "\n";
}

inline std::vector<detail::ColumnInfo> test_columns() {
  return {{"morph_volume", "morphology", "mm^3", "RNU0", "DHQ4"},
          {"morph_area_mesh", "morphology", "mm^2", "C0JK", "DHQ4"},
          {"stat_mean", "intensity", "intensity", "Q4LE", "DHQ4"},
          {"ivh_v10", "intensity", "1", "", "DHQ4"}};
}

inline detail::RunRecord test_run(const std::string& run_id, int settings_variant = 0, bool demo = false) {
  detail::RunRecord run;
  run.run_id = run_id;
  run.settings_text = settings_text(settings_variant);
  run.settings_sha256 = detail::sha256_hex(run.settings_text);
  run.engine_version = "0.1.0";
  run.family_versions = {{"morphology", "1.0.0"}, {"intensity", "1.0.0"}};
  run.started_utc = "2026-11-28T22:15:00Z";
  run.demo_key = demo;
  run.shard = "0/2";
  return run;
}

/// A case of `run` for patient "P-<n>", study "S-<n>", label "1"; values depend on n (one NaN when n is odd).
inline detail::CaseRecord test_case(const detail::Pseudonymiser& p, const detail::RunRecord& run, int n,
                                    bool ok = true) {
  detail::CaseRecord c;
  c.key.settings_sha256 = run.settings_sha256;
  c.key.patient_pseudonym = p.pseudonym("P-" + std::to_string(n));
  c.key.study_pseudonym = p.pseudonym("S-" + std::to_string(n));
  c.key.label = "1";
  c.run_id = run.run_id;
  c.ok = ok;
  c.image_sha256 = detail::sha256_hex("image " + std::to_string(n));
  c.mask_sha256 = detail::sha256_hex("mask " + std::to_string(n));
  c.finished_utc = "2026-11-28T22:16:00Z";
  if (ok) {
    c.values = {1000.0 + n, 0.1 * n, -3.25 / (n + 1), n % 2 ? std::numeric_limits<double>::quiet_NaN() : 0.5};
  } else {
    c.error = "mask is empty for label 1";
  }
  return c;
}

/// Doubles equal bit for bit, NaN equal to NaN (the store must round-trip values exactly).
inline bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

}  // namespace voxfeat::test

#include <sys/wait.h>
#include <unistd.h>

#include <functional>

namespace voxfeat::test {

/// Runs body in a forked child and returns its exit code (1 when body threw). To leave what a killed writer leaves
/// behind (journal included), body ends with `::_exit(0)` while its store is still alive: no destructor runs.
inline int run_in_child(const std::function<void()>& body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    int code = 0;
    try {
      body();
    } catch (...) {
      code = 1;
    }
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace voxfeat::test
