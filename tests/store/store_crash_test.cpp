// SIGKILL at random moments: the store must stay readable, keep every case whose append_case returned, and never
// hold a key twice (DESIGN.md: "a killed run leaves a readable file and resumes").
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "store/feature_store.hpp"
#include "store/store_test_support.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using namespace voxfeat::detail;
using voxfeat::test::test_case;
using voxfeat::test::test_columns;
using voxfeat::test::test_run;

// Writers never finish on their own: every round is killed, at a random moment (open and its recovery, begin_run,
// an append, an intermediate publication). The cap only stops an orphan if the test itself dies.
constexpr int max_cases = 20000;
bool case_fails(int n) { return n % 13 == 0; }  // every run retries these and fails again

/// What a batch run does: skip completed keys, append the rest, report each durable one on `ack_fd`.
void writer_process(const fs::path& path, const Pseudonymiser& key, int round, int ack_fd) {
  StoreOptions options;  // publish often, so that kills also land inside publications
  options.publish_every_cases = 5;
  options.publish_interval = std::chrono::milliseconds(10);
  FeatureStore store = FeatureStore::open(path, key.fingerprint(), options);
  const RunRecord run = test_run("run-" + std::to_string(round));
  store.begin_run(run, test_columns());
  for (int n = 0; n < max_cases; ++n) {
    const CaseRecord record = test_case(key, run, n, !case_fails(n));
    if (store.has_completed(record.key)) continue;
    store.append_case(record);
    if (::write(ack_fd, &n, sizeof n) != sizeof n) ::_exit(4);
  }
  ::_exit(5);
}

/// Writers append in order and skip completed keys, so what survives must be every successful case below some n:
/// a hole would mean a lost durable record, a second row a replayed one.
int expect_completed_prefix(const FeatureStore& store, const Pseudonymiser& key, const RunRecord& probe) {
  std::set<CaseKey> ok_keys;
  for (const CaseRecord& c : store.cases()) {
    if (c.ok) {
      EXPECT_TRUE(ok_keys.insert(c.key).second) << "a key stored twice";
    }
  }
  int prefix = 0;
  while (prefix < max_cases && (case_fails(prefix) || store.has_completed(test_case(key, probe, prefix).key))) ++prefix;
  std::size_t ok_below = 0;
  for (int n = 0; n < prefix; ++n) ok_below += case_fails(n) ? 0 : 1;
  EXPECT_EQ(ok_keys.size(), ok_below) << "successful cases beyond a hole at case " << prefix;
  return prefix;
}

/// Reads a variable-length string dataset with the bare HDF5 C API (independent of the store's own reader).
std::vector<std::string> read_strings_c_api(hid_t file, const std::string& name) {
  const hid_t dataset = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
  EXPECT_GE(dataset, 0) << name;
  if (dataset < 0) return {};
  const hid_t space = H5Dget_space(dataset);
  const auto n = std::size_t(H5Sget_simple_extent_npoints(space));
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);  // HDF5 converts no string between ASCII and UTF-8 character sets
  std::vector<char*> raw(n, nullptr);
  if (n) {
    EXPECT_GE(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), 0);
  }
  std::vector<std::string> out;
  for (char* p : raw) out.emplace_back(p ? p : "");
  if (n) H5Dvlen_reclaim(type, space, H5P_DEFAULT, raw.data());  // 1.10 name of H5Treclaim
  H5Tclose(type);
  H5Sclose(space);
  H5Dclose(dataset);
  return out;
}

void expect_published_file_is_sound(const fs::path& path, const std::string& table) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0) << "the published store must always open";
  if (H5Lexists(file, "/features", H5P_DEFAULT) > 0 && H5Lexists(file, table.c_str(), H5P_DEFAULT) > 0) {
    const auto patients = read_strings_c_api(file, table + "/patient_pseudonym");
    const std::set<std::string> unique(patients.begin(), patients.end());
    EXPECT_EQ(unique.size(), patients.size()) << "duplicate keys in the published feature table";
  }
  H5Fclose(file);
}

TEST(StoreCrash, SigkillAtRandomMomentsKeepsDurableCasesWithoutDuplicates) {
  const voxfeat::test::ScopedTempDir scratch("crash");
  const fs::path dir = scratch.path;
  const fs::path path = dir / "site.h5";
  const Pseudonymiser key = voxfeat::test::test_pseudonymiser(dir);
  const RunRecord probe = test_run("probe");
  const std::string table = "/features/" + probe.settings_sha256.substr(0, 16);

  std::mt19937 rng(20261128);  // fixed seed: the same kill moments on every run of the test
  std::uniform_int_distribution<int> kill_after_us(300, 150000);
  std::set<int> acknowledged;
  constexpr int rounds = 12;
  int prefix = 0;
  for (int round = 0; round < rounds; ++round) {
    int ack[2];
    ASSERT_EQ(::pipe(ack), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(ack[0]);
      try {
        writer_process(path, key, round, ack[1]);
      } catch (...) {
        ::_exit(3);
      }
    }
    ::close(ack[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(kill_after_us(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "writer ended by itself (exit " << WEXITSTATUS(status) << ") in round "
                                     << round;
    int n = 0;
    while (::read(ack[0], &n, sizeof n) == sizeof n) acknowledged.insert(n);
    ::close(ack[0]);

    if (!fs::exists(path)) continue;  // killed before the first publication: nothing was promised yet
    expect_published_file_is_sound(path, table);
    const FeatureStore reader = FeatureStore::open_read_only(path);  // file + journal, as the next writer sees them
    for (int a : acknowledged) {
      if (!case_fails(a)) {
        EXPECT_TRUE(reader.has_completed(test_case(key, probe, a).key)) << "acknowledged case " << a << " lost";
      }
    }
    const int now = expect_completed_prefix(reader, key, probe);
    EXPECT_GE(now, prefix) << "completed cases went backwards in round " << round;
    prefix = now;
  }
  std::cout << "[   info   ] " << rounds << " writers killed; " << acknowledged.size() << " cases acknowledged, "
            << prefix << " completed (or failing) in a row\n";
  EXPECT_GT(prefix, 0) << "no writer got as far as one case: the kill window is too short";

  // The next writer folds the last journal in; the file alone then holds everything, every run marked unfinished.
  FeatureStore::open(path, key.fingerprint()).close();
  expect_published_file_is_sound(path, table);
  EXPECT_FALSE(fs::exists(path.string() + ".journal"));
  const FeatureStore store = FeatureStore::open_read_only(path);
  EXPECT_EQ(expect_completed_prefix(store, key, probe), prefix);
  EXPECT_LE(store.runs().size(), std::size_t(rounds));
  for (const RunRecord& r : store.runs()) EXPECT_TRUE(r.finished_utc.empty()) << r.run_id;
  std::size_t failed = 0;
  for (const CaseRecord& c : store.cases()) failed += c.ok ? 0 : 1;
  EXPECT_GT(failed, 0u) << "failed attempts are kept, once per attempt";
}

}  // namespace
