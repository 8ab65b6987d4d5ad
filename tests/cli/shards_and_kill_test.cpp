// Cluster use through the command: shards merged into one store (and merge refusing stores made with other
// settings), and a run killed with SIGKILL that leaves a readable store and resumes without duplicates.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

#include "store/feature_store.hpp"
#include "support/case_files.hpp"
#include "support/test_paths.hpp"

extern char** environ;

namespace voxfeat::test {
namespace {

int run_command(const std::string& command) {
  const int status = std::system((command + " > /dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::filesystem::path manifest_of(const std::filesystem::path& dir, int cases) {
  const auto c = write_small_case(dir, "case");
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < cases; ++i) rows.push_back({"P-" + std::to_string(i), c.image.string(), c.mask.string(), ""});
  return write_manifest(dir / "m.csv", rows);
}

std::size_t distinct_keys(const std::vector<detail::CaseRecord>& cases, std::size_t* ok_rows) {
  std::set<std::string> keys;
  *ok_rows = 0;
  for (const auto& c : cases)
    if (c.ok) {
      ++*ok_rows;
      keys.insert(c.key.patient_pseudonym);
    }
  return keys.size();
}

TEST(ClusterUse, ShardsMergeIntoOneStoreAndMergeRefusesOtherSettings) {
  const auto dir = fresh_temp_dir("cli-merge");
  const auto manifest = manifest_of(dir, 5);
  const std::string voxfeat = cli_path().string();
  for (int k = 0; k < 2; ++k)
    ASSERT_EQ(run_command(voxfeat + " extract --quiet --demo-key --shard " + std::to_string(k) + "/2 --manifest " +
                          manifest.string() + " --out " + (dir / ("shard" + std::to_string(k) + ".h5")).string()),
              0);
  ASSERT_EQ(run_command(voxfeat + " merge " + (dir / "shard0.h5").string() + " " + (dir / "shard1.h5").string() +
                        " --out " + (dir / "site.h5").string()),
            0);
  std::size_t ok_rows = 0;
  EXPECT_EQ(distinct_keys(detail::FeatureStore::open_read_only(dir / "site.h5").cases(), &ok_rows), 5u);
  EXPECT_EQ(ok_rows, 5u);

  std::ofstream(dir / "other.yaml") << "families: [intensity_statistics]\n";
  ASSERT_EQ(run_command(voxfeat + " extract --quiet --demo-key --settings " + (dir / "other.yaml").string() +
                        " --manifest " + manifest.string() + " --out " + (dir / "other.h5").string()),
            0);
  EXPECT_NE(run_command(voxfeat + " merge " + (dir / "shard0.h5").string() + " " + (dir / "other.h5").string() +
                        " --out " + (dir / "mixed.h5").string()),
            0);
  EXPECT_FALSE(std::filesystem::exists(dir / "mixed.h5"));
}

TEST(ClusterUse, KilledRunLeavesAReadableStoreAndResumesWithoutDuplicates) {
  const auto dir = fresh_temp_dir("cli-kill");
  const auto manifest = manifest_of(dir, 40);
  const auto store = dir / "site.h5";
  const std::string voxfeat = cli_path().string();
  for (int attempt = 0; attempt < 3; ++attempt) {
    // Start a run and SIGKILL it part-way (each case takes some tens of milliseconds).
    const std::vector<std::string> args{voxfeat, "extract", "--quiet", "--demo-key", "--threads", "1",
                                        "--manifest", manifest.string(), "--out", store.string()};
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, voxfeat.c_str(), nullptr, nullptr, argv.data(), environ), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(250 + 150 * attempt));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (std::filesystem::exists(store)) {
      std::size_t ok_rows = 0;
      const auto keys = distinct_keys(detail::FeatureStore::open_read_only(store).cases(), &ok_rows);
      EXPECT_EQ(keys, ok_rows) << "duplicate rows after kill " << attempt;
    }
  }
  ASSERT_EQ(run_command(voxfeat + " extract --quiet --demo-key --manifest " + manifest.string() + " --out " +
                        store.string()),
            0);
  std::size_t ok_rows = 0;
  EXPECT_EQ(distinct_keys(detail::FeatureStore::open_read_only(store).cases(), &ok_rows), 40u);
  EXPECT_EQ(ok_rows, 40u);
  EXPECT_EQ(run_command(voxfeat + " inspect " + store.string()), 0);
}

}  // namespace
}  // namespace voxfeat::test
