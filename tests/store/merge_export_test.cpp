#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "store/csv_export.hpp"
#include "store/feature_store.hpp"
#include "store/journal.hpp"
#include "store/store_merge.hpp"
#include "store/store_summary.hpp"
#include "store/store_test_support.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace {

namespace fs = std::filesystem;
using namespace voxfeat::detail;
using voxfeat::test::test_case;
using voxfeat::test::test_columns;
using voxfeat::test::test_run;

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

class MergeExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = voxfeat::test::fresh_temp_dir("merge");
    key = voxfeat::test::test_pseudonymiser(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  /// A finished shard store holding cases [first, last) of one run; case `failed` (if in range) fails.
  fs::path shard(const std::string& name, int first, int last, const Pseudonymiser& k, int settings = 0,
                 int failed = -1) {
    const fs::path path = dir / name;
    FeatureStore store = FeatureStore::open(path, k.fingerprint());
    const RunRecord run = test_run("run-" + name, settings);
    store.begin_run(run, test_columns());
    for (int n = first; n < last; ++n) store.append_case(test_case(k, run, n, n != failed));
    store.end_run(run.run_id, "2026-11-28T23:00:00Z");
    store.close();
    return path;
  }

  fs::path dir;
  Pseudonymiser key = Pseudonymiser::demo();  // replaced by a file key in SetUp
};

TEST_F(MergeExportTest, MergeKeepsAllRunsAndDeduplicatesRows) {
  const auto a = shard("a.h5", 0, 5, key, 0, /*failed=*/2);
  const auto b = shard("b.h5", 3, 8, key);  // cases 3 and 4 overlap with a
  const auto out = dir / "merged.h5";
  const MergeReport report = merge_stores({a, b}, out);
  EXPECT_EQ(report.runs, 2u);
  EXPECT_EQ(report.duplicate_rows, 2u);
  EXPECT_EQ(report.feature_rows, 7u);  // 0..7 except the failed 2

  const FeatureStore merged = FeatureStore::open_read_only(out);
  EXPECT_EQ(merged.key_fingerprint(), key.fingerprint());
  ASSERT_EQ(merged.runs().size(), 2u);
  std::set<CaseKey> ok;
  for (const CaseRecord& c : merged.cases())
    if (c.ok) {
      EXPECT_TRUE(ok.insert(c.key).second);
    }
  EXPECT_EQ(ok.size(), 7u);
  const RunRecord run_a = test_run("run-a.h5");
  EXPECT_FALSE(merged.has_completed(test_case(key, run_a, 2).key));
  EXPECT_TRUE(merged.has_completed(test_case(key, run_a, 7).key));
  // The first input wins: case 3's row comes from a.
  for (const CaseRecord& c : merged.cases())
    if (c.ok && c.key.patient_pseudonym == test_case(key, run_a, 3).key.patient_pseudonym) {
      EXPECT_EQ(c.run_id, "run-a.h5");
    }
}

TEST_F(MergeExportTest, MergeRefusesExistingOutputOtherKeysAndOtherSettings) {
  const auto a = shard("a.h5", 0, 3, key);
  const auto existing = shard("existing.h5", 0, 1, key);
  EXPECT_THROW(merge_stores({a}, existing), voxfeat::IoError);

  const auto other_key = voxfeat::test::test_pseudonymiser(dir, "another-site-key-0123456789abcdefgh");
  const auto c = shard("c.h5", 0, 3, other_key);
  try {
    merge_stores({a, c}, dir / "out1.h5");
    FAIL() << "expected KeyError";
  } catch (const voxfeat::KeyError& e) {
    EXPECT_NE(std::string(e.what()).find("c.h5"), std::string::npos) << e.what();
  }
  const auto d = shard("d.h5", 0, 3, key, /*settings=*/1);
  try {
    merge_stores({a, d}, dir / "out2.h5");
    FAIL() << "expected ConfigError";
  } catch (const voxfeat::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("same settings"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "out1.h5"));
  EXPECT_FALSE(fs::exists(dir / "out2.h5"));
  EXPECT_FALSE(fs::exists(dir / "out2.h5.tmp"));
}

TEST_F(MergeExportTest, MergeIncludesWhatAKilledShardJournaled) {
  const auto a = shard("a.h5", 0, 3, key);
  const fs::path killed = dir / "killed.h5";
  ASSERT_EQ(voxfeat::test::run_in_child([&] {
              FeatureStore store = FeatureStore::open(killed, key.fingerprint());
              const RunRecord run = test_run("run-killed");
              store.begin_run(run, test_columns());
              for (int n = 10; n < 13; ++n) store.append_case(test_case(key, run, n));
              ::_exit(0);  // "killed": the store is never closed or destroyed
            }),
            0);
  const auto out = dir / "merged.h5";
  const MergeReport report = merge_stores({a, killed}, out);
  EXPECT_EQ(report.feature_rows, 6u);
  const FeatureStore merged = FeatureStore::open_read_only(out);
  ASSERT_EQ(merged.runs().size(), 2u);
  EXPECT_TRUE(merged.runs()[1].finished_utc.empty());
  EXPECT_TRUE(fs::exists(journal_path(killed))) << "merge reads its inputs, never changes them";
}

TEST_F(MergeExportTest, CsvHasTheTidyHeaderRoundTripDoublesAndEmptyNaN) {
  const auto a = shard("a.h5", 0, 4, key, 0, /*failed=*/3);
  const FeatureStore store = FeatureStore::open_read_only(a);
  std::ostringstream csv;
  const CsvReport report = write_feature_csv(store, csv);
  EXPECT_EQ(report.rows, 3u);
  EXPECT_EQ(report.feature_columns, 4u);

  auto lines = split(csv.str(), '\n');
  ASSERT_EQ(lines.back(), "");  // ends with a newline
  lines.pop_back();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "patient_pseudonym,study_pseudonym,series_pseudonym,label,settings_sha256,run_id,"
            "morph_volume,morph_area_mesh,stat_mean,ivh_v10");
  const RunRecord run = test_run("run-a.h5");
  for (int n = 0; n < 3; ++n) {
    const auto fields = split(lines[std::size_t(n) + 1], ',');
    ASSERT_EQ(fields.size(), 10u) << lines[std::size_t(n) + 1];
    const CaseRecord expected = test_case(key, run, n);
    EXPECT_EQ(fields[0], expected.key.patient_pseudonym);
    EXPECT_EQ(fields[1], expected.key.study_pseudonym);
    EXPECT_EQ(fields[2], "");  // no series id
    EXPECT_EQ(fields[3], "1");
    EXPECT_EQ(fields[4], run.settings_sha256);
    EXPECT_EQ(fields[5], "run-a.h5");
    for (std::size_t j = 0; j < 4; ++j) {
      const double v = expected.values[j];
      if (std::isnan(v)) {
        EXPECT_EQ(fields[6 + j], "") << "NaN is an empty field";
      } else {
        EXPECT_EQ(std::strtod(fields[6 + j].c_str(), nullptr), v) << "17 digits must read back the same double";
      }
    }
  }
  EXPECT_EQ(split(lines[2], ',')[7], "0.10000000000000001");  // 0.1 * 1 with 17 significant digits
}

TEST(CsvFormat, QuotesOnlyWhenNeededAndPrintsNumbersExactly) {
  EXPECT_EQ(csv_field("nonzero"), "nonzero");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_number(std::nan("")), "");
  EXPECT_EQ(csv_number(0.0), "0");
  EXPECT_EQ(csv_number(1.0 / 3.0), "0.33333333333333331");
  EXPECT_EQ(csv_number(-1e300), "-1.0000000000000001e+300");
  EXPECT_EQ(csv_number(HUGE_VAL), "inf");
}

TEST_F(MergeExportTest, InspectSummarisesRunsFailuresAndTables) {
  const auto a = shard("a.h5", 0, 4, key, 0, /*failed=*/1);
  std::ostringstream text;
  write_store_summary(a, text);
  const std::string s = text.str();
  for (const std::string& needle :
       {key.fingerprint().substr(0, 16), std::string("run-a.h5"), std::string("3 ok, 1 failed"),
        std::string("mask is empty for label 1"), std::string("morph_volume [mm^3]"), std::string("3 rows, 4 columns"),
        std::string("finished 2026-11-28T23:00:00Z")})
    EXPECT_NE(s.find(needle), std::string::npos) << needle << "\n" << s;

  const fs::path killed = dir / "killed.h5";
  ASSERT_EQ(voxfeat::test::run_in_child([&] {
              FeatureStore store = FeatureStore::open(killed, key.fingerprint());
              store.begin_run(test_run("run-killed"), test_columns());
              ::_exit(0);  // "killed": the store is never closed or destroyed
            }),
            0);
  std::ostringstream killed_text;
  write_store_summary(killed, killed_text);
  EXPECT_NE(killed_text.str().find("killed / not finished"), std::string::npos) << killed_text.str();
}

}  // namespace
