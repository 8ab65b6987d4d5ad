// Objects tables (microscopy, docs/feature-store.md): a case is an image pair and its rows are the objects of its
// label image, keyed by object label. They survive a killed writer's journal, the HDF5 file (one row per object,
// an object_label column, format version 2), a merge and the CSV export (one line per object); a store of case
// tables keeps format version 1; malformed object rows are refused before anything is written.
#include <gtest/gtest.h>
#include <unistd.h>
#include <hdf5.h>

#include <filesystem>
#include <sstream>

#include "store/csv_export.hpp"
#include "store/feature_store.hpp"
#include "store/store_merge.hpp"
#include "store/store_test_support.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace {

namespace fs = std::filesystem;
using namespace voxfeat::detail;
using voxfeat::test::same_values;
using voxfeat::test::test_case;
using voxfeat::test::test_columns;
using voxfeat::test::test_run;

RunRecord objects_run(const std::string& id) {
  RunRecord run = test_run(id, 7);
  run.table_kind = objects_table_kind;
  return run;
}

/// Image `n` of `run` with objects 3, 17 and 40000 (four values each, the second object's third one NaN).
CaseRecord objects_case(const Pseudonymiser& p, const RunRecord& run, int n) {
  CaseRecord c = test_case(p, run, n);
  c.key.series_pseudonym = p.pseudonym("image-" + std::to_string(n));
  c.key.label = "objects";
  c.object_labels = {3, 17, 40000};
  c.values.clear();
  for (std::size_t k = 0; k < c.object_labels.size(); ++k)
    for (int j = 0; j < 4; ++j)
      c.values.push_back(k == 1 && j == 2 ? std::numeric_limits<double>::quiet_NaN() : 100.0 * n + 10.0 * k + j);
  return c;
}

class ObjectsTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = voxfeat::test::fresh_temp_dir("objects_store");
    store_path = dir / "site.h5";
    key = voxfeat::test::test_pseudonymiser(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir, store_path;
  Pseudonymiser key = Pseudonymiser::demo();
};

std::uint64_t format_version(const fs::path& path) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t attribute = H5Aopen(file, "format_version", H5P_DEFAULT);
  std::uint64_t version = 0;
  H5Aread(attribute, H5T_NATIVE_UINT64, &version);
  H5Aclose(attribute);
  H5Fclose(file);
  return version;
}

TEST_F(ObjectsTableTest, SurviveJournalFileAndCsvWithOneRowPerObject) {
  const RunRecord objects = objects_run("run-objects");
  const RunRecord cases = test_run("run-cases");
  const int code = voxfeat::test::run_in_child([&] {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
    store.begin_run(cases, test_columns());
    store.append_case(test_case(key, cases, 0));
    store.begin_run(objects, test_columns());
    store.append_case(objects_case(key, objects, 1));
    store.append_case(objects_case(key, objects, 2));
    CaseRecord failed = test_case(key, objects, 3, false);
    failed.key.label = "objects";
    store.append_case(failed);
    ::_exit(0);  // killed: only the journal holds them
  });
  ASSERT_EQ(code, 0);
  {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());  // replays the journal, republishes
    store.close();
  }
  EXPECT_EQ(format_version(store_path), 2u);
  const FeatureStore reader = FeatureStore::open_read_only(store_path);
  const auto runs = reader.runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].table_kind, "");
  EXPECT_EQ(runs[1].table_kind, "objects");
  const auto stored = reader.cases();
  ASSERT_EQ(stored.size(), 4u);
  for (int n : {1, 2}) {
    const CaseRecord want = objects_case(key, objects, n);
    EXPECT_EQ(stored[std::size_t(n)].object_labels, want.object_labels);
    EXPECT_TRUE(same_values(stored[std::size_t(n)].values, want.values)) << n;
  }
  EXPECT_FALSE(stored[3].ok);
  EXPECT_TRUE(stored[3].object_labels.empty());
  EXPECT_TRUE(stored[0].object_labels.empty());

  // The HDF5 table: 6 rows (two images of three objects), the object labels as unsigned 32-bit integers (and as
  // text in the label column).
  const hid_t file = H5Fopen(store_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const std::string table = "/features/" + objects.settings_sha256.substr(0, 16) + "/object_label";
  const hid_t dataset = H5Dopen2(file, table.c_str(), H5P_DEFAULT);
  ASSERT_GE(dataset, 0);
  std::uint32_t labels[6] = {};
  H5Dread(dataset, H5T_NATIVE_UINT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, labels);
  EXPECT_EQ(std::vector<std::uint32_t>(labels, labels + 6), (std::vector<std::uint32_t>{3, 17, 40000, 3, 17, 40000}));
  H5Dclose(dataset);
  H5Fclose(file);

  std::ostringstream csv;
  const CsvReport report = write_feature_csv(reader, csv);
  EXPECT_EQ(report.rows, 7u);  // one case row, six object rows
  const std::string text = csv.str();
  EXPECT_NE(text.find("series_pseudonym,label,settings_sha256"), std::string::npos) << text;
  EXPECT_NE(text.find(",40000," + objects.settings_sha256), std::string::npos) << "an object's line: its label\n"
                                                                              << text;
  EXPECT_NE(text.find(",1," + cases.settings_sha256), std::string::npos) << "a case's line: the ROI label";

  // A merge keeps the objects.
  const fs::path merged = dir / "merged.h5";
  merge_stores({store_path}, merged);
  const FeatureStore merged_reader = FeatureStore::open_read_only(merged);
  EXPECT_EQ(merged_reader.cases()[2].object_labels, objects_case(key, objects, 2).object_labels);
}

TEST_F(ObjectsTableTest, StoresOfCaseTablesKeepFormatVersionOne) {
  const RunRecord run = test_run("run-a");
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
  store.begin_run(run, test_columns());
  store.append_case(test_case(key, run, 0));
  store.close();
  EXPECT_EQ(format_version(store_path), 1u);
}

TEST_F(ObjectsTableTest, RefusesMalformedObjectRows) {
  const RunRecord objects = objects_run("run-objects");
  const RunRecord cases = test_run("run-cases");
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
  store.begin_run(objects, test_columns());
  store.begin_run(cases, test_columns());
  CaseRecord unsorted = objects_case(key, objects, 1);
  unsorted.object_labels = {17, 3, 40000};
  EXPECT_THROW(store.append_case(unsorted), voxfeat::Error);
  CaseRecord short_values = objects_case(key, objects, 1);
  short_values.values.pop_back();
  EXPECT_THROW(store.append_case(short_values), voxfeat::Error);
  CaseRecord none = objects_case(key, objects, 1);
  none.object_labels.clear();
  none.values.clear();
  EXPECT_THROW(store.append_case(none), voxfeat::Error);
  CaseRecord other_label = objects_case(key, objects, 1);
  other_label.key.label = "1";
  EXPECT_THROW(store.append_case(other_label), voxfeat::Error);
  CaseRecord labels_in_cases = test_case(key, cases, 1);
  labels_in_cases.object_labels = {1};
  EXPECT_THROW(store.append_case(labels_in_cases), voxfeat::Error);
  // The same settings cannot change kind.
  RunRecord other_kind = test_run("run-other", 7);
  EXPECT_THROW(store.begin_run(other_kind, test_columns()), voxfeat::Error);
  RunRecord unknown = objects_run("run-unknown");
  unknown.settings_sha256 = sha256_hex("other");
  unknown.table_kind = "pixels";
  EXPECT_THROW(store.begin_run(unknown, test_columns()), voxfeat::Error);
  store.close();
}

}  // namespace
