#include <gtest/gtest.h>
#include <unistd.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "store/csv_export.hpp"
#include "store/feature_store.hpp"
#include "store/journal.hpp"
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

class FeatureStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = voxfeat::test::fresh_temp_dir("store");
    store_path = dir / "site.h5";
    key = voxfeat::test::test_pseudonymiser(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  fs::path dir;
  fs::path store_path;
  Pseudonymiser key = Pseudonymiser::demo();  // replaced by a file key in SetUp
};

std::string read_string_attribute(hid_t object, const char* name) {
  const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
  const hid_t type = H5Aget_type(attribute);
  char* text = nullptr;
  H5Aread(attribute, type, &text);
  std::string value = text ? text : "";
  H5free_memory(text);
  H5Tclose(type);
  H5Aclose(attribute);
  return value;
}

TEST_F(FeatureStoreTest, RoundTripsRunsCasesColumnsAndNaN) {
  const RunRecord run = test_run("run-a");
  {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
    store.begin_run(run, test_columns());
    for (int n = 0; n < 5; ++n) store.append_case(test_case(key, run, n));
    store.append_case(test_case(key, run, 5, /*ok=*/false));
    store.end_run(run.run_id, "2026-11-28T23:00:00Z");
    store.close();
  }
  EXPECT_FALSE(fs::exists(journal_path(store_path))) << "close() must retire the journal";

  const FeatureStore store = FeatureStore::open_read_only(store_path);
  EXPECT_EQ(store.key_fingerprint(), key.fingerprint());
  const auto runs = store.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].run_id, run.run_id);
  EXPECT_EQ(runs[0].settings_text, run.settings_text);
  EXPECT_EQ(runs[0].settings_sha256, run.settings_sha256);
  EXPECT_EQ(runs[0].family_versions, run.family_versions);
  EXPECT_EQ(runs[0].finished_utc, "2026-11-28T23:00:00Z");
  EXPECT_EQ(runs[0].shard, "0/2");
  EXPECT_FALSE(runs[0].demo_key);

  ASSERT_EQ(store.settings_hashes(), std::vector<std::string>{run.settings_sha256});
  const auto columns = store.columns(run.settings_sha256);
  ASSERT_EQ(columns.size(), 4u);
  EXPECT_EQ(columns[0].name, "morph_volume");
  EXPECT_EQ(columns[0].unit, "mm^3");
  EXPECT_EQ(columns[0].ibsi_code, "RNU0");
  EXPECT_EQ(columns[0].aggregation_code, "DHQ4");
  EXPECT_EQ(columns[0].family, "morphology");
  EXPECT_EQ(columns[3].ibsi_code, "");

  const auto cases = store.cases();
  ASSERT_EQ(cases.size(), 6u);
  for (int n = 0; n < 5; ++n) {
    const CaseRecord expected = test_case(key, run, n);
    EXPECT_TRUE(cases[std::size_t(n)].ok);
    EXPECT_EQ(cases[std::size_t(n)].key.patient_pseudonym, expected.key.patient_pseudonym);
    EXPECT_EQ(cases[std::size_t(n)].image_sha256, expected.image_sha256);
    EXPECT_TRUE(same_values(cases[std::size_t(n)].values, expected.values)) << "case " << n;
  }
  EXPECT_FALSE(cases[5].ok);
  EXPECT_EQ(cases[5].error, "mask is empty for label 1");
  EXPECT_TRUE(cases[5].values.empty());
}

TEST_F(FeatureStoreTest, SchemaIsReadableWithTheHdf5CApi) {
  const RunRecord run = test_run("run-a");
  {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
    store.begin_run(run, test_columns());
    store.append_case(test_case(key, run, 1));
    store.close();
  }
  const hid_t file = H5Fopen(store_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  EXPECT_EQ(read_string_attribute(file, "format"), "voxfeat-feature-store");
  EXPECT_EQ(read_string_attribute(file, "key_fingerprint"), key.fingerprint());
  const std::string table = "/features/" + run.settings_sha256.substr(0, 16);
  const hid_t dataset = H5Dopen2(file, (table + "/morph_volume").c_str(), H5P_DEFAULT);
  ASSERT_GE(dataset, 0);
  EXPECT_EQ(read_string_attribute(dataset, "unit"), "mm^3");
  EXPECT_EQ(read_string_attribute(dataset, "ibsi_code"), "RNU0");
  EXPECT_EQ(read_string_attribute(dataset, "aggregation_code"), "DHQ4");
  EXPECT_EQ(read_string_attribute(dataset, "family"), "morphology");
  double value = 0;
  EXPECT_GE(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value), 0);
  EXPECT_EQ(value, 1001.0);  // test_case(1): morph_volume = 1000 + n
  H5Dclose(dataset);
  for (const char* name : {"/runs/settings_text", "/cases/status", "/cases/error", "/runs/family_versions_json"})
    EXPECT_GT(H5Lexists(file, name, H5P_DEFAULT), 0) << name;
  EXPECT_GT(H5Lexists(file, (table + "/column_order").c_str(), H5P_DEFAULT), 0);
  H5Fclose(file);
}

TEST_F(FeatureStoreTest, HasCompletedAndAppendAfterReopen) {
  const RunRecord first = test_run("run-1");
  {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
    store.begin_run(first, test_columns());
    store.append_case(test_case(key, first, 1));
    store.append_case(test_case(key, first, 2, /*ok=*/false));
    EXPECT_TRUE(store.has_completed(test_case(key, first, 1).key));
    EXPECT_FALSE(store.has_completed(test_case(key, first, 2).key)) << "failed cases are retried";
    store.end_run(first.run_id, "2026-11-28T23:00:00Z");
    store.close();
  }
  const RunRecord second = test_run("run-2");
  {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
    EXPECT_TRUE(store.has_completed(test_case(key, second, 1).key));
    EXPECT_FALSE(store.has_completed(test_case(key, second, 2).key));
    store.begin_run(second, test_columns());
    store.append_case(test_case(key, second, 2));
    store.append_case(test_case(key, second, 1));  // a duplicate key: the first row wins, nothing is added
    store.end_run(second.run_id, "2026-11-28T23:30:00Z");
    store.close();
  }
  const FeatureStore store = FeatureStore::open_read_only(store_path);
  EXPECT_EQ(store.runs().size(), 2u);
  const auto cases = store.cases();
  ASSERT_EQ(cases.size(), 3u);  // ok(1, run-1), failed(2, run-1), ok(2, run-2)
  EXPECT_EQ(cases[0].run_id, "run-1");
  EXPECT_EQ(cases[2].run_id, "run-2");
  EXPECT_TRUE(cases[2].ok);
}

TEST_F(FeatureStoreTest, RefusesAnotherKey) {
  { FeatureStore::open(store_path, key.fingerprint()).close(); }
  const auto other = voxfeat::test::test_pseudonymiser(dir, "another-site-key-0123456789abcdefgh");
  try {
    (void)FeatureStore::open(store_path, other.fingerprint());
    FAIL() << "expected KeyError";
  } catch (const voxfeat::KeyError& e) {
    EXPECT_NE(std::string(e.what()).find(store_path.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(key.fingerprint().substr(0, 16)), std::string::npos) << e.what();
  }
}

TEST_F(FeatureStoreTest, RefusesWhatTheSchemaCannotHold) {
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
  const RunRecord run = test_run("run-a");
  store.begin_run(run, test_columns());
  // Same settings, other columns.
  auto changed = test_columns();
  changed[0].unit = "mm^2";
  EXPECT_THROW(store.begin_run(test_run("run-b"), changed), voxfeat::Error);
  // Same run id twice.
  EXPECT_THROW(store.begin_run(run, test_columns()), voxfeat::Error);
  // A raw id instead of a pseudonym.
  CaseRecord raw = test_case(key, run, 1);
  raw.key.patient_pseudonym = "P-001";
  EXPECT_THROW(store.append_case(raw), voxfeat::Error);
  // Wrong number of values.
  CaseRecord short_row = test_case(key, run, 1);
  short_row.values.pop_back();
  EXPECT_THROW(store.append_case(short_row), voxfeat::Error);
  // Unknown run.
  EXPECT_THROW(store.append_case(test_case(key, test_run("never-begun"), 1)), voxfeat::Error);
  // Reserved column name.
  auto reserved = test_columns();
  reserved[0].name = "label";
  EXPECT_THROW(store.begin_run(test_run("run-c", 1), reserved), voxfeat::Error);
  store.close();
  EXPECT_THROW(store.append_case(test_case(key, run, 1)), voxfeat::Error);

  FeatureStore reader = FeatureStore::open_read_only(store_path);
  EXPECT_THROW(reader.begin_run(test_run("run-d"), test_columns()), voxfeat::Error);
}

TEST_F(FeatureStoreTest, OneWriterAtATime) {
  FeatureStore writer = FeatureStore::open(store_path, key.fingerprint());
  EXPECT_THROW((void)FeatureStore::open(store_path, key.fingerprint()), voxfeat::IoError);
  EXPECT_NO_THROW((void)FeatureStore::open_read_only(store_path));  // readers never wait
  writer.close();
  EXPECT_NO_THROW(FeatureStore::open(store_path, key.fingerprint()).close());
}

TEST_F(FeatureStoreTest, RefusesFilesThatAreNotStores) {
  EXPECT_THROW((void)FeatureStore::open_read_only(dir / "absent.h5"), voxfeat::IoError);
  const auto text = dir / "notes.h5";
  std::ofstream(text) << "not hdf5\n";
  EXPECT_THROW((void)FeatureStore::open_read_only(text), voxfeat::IoError);
  EXPECT_THROW((void)FeatureStore::open(text, key.fingerprint()), voxfeat::IoError);
  const auto plain = dir / "plain.h5";
  H5Fclose(H5Fcreate(plain.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  try {
    (void)FeatureStore::open_read_only(plain);
    FAIL() << "expected IoError";
  } catch (const voxfeat::IoError& e) {
    EXPECT_NE(std::string(e.what()).find("not a voxfeat feature store"), std::string::npos) << e.what();
  }
}

TEST_F(FeatureStoreTest, ReplaysAJournalLeftByAKilledWriter) {
  const RunRecord run = test_run("run-killed");
  const int code = voxfeat::test::run_in_child([&] {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
    store.begin_run(run, test_columns());
    for (int n = 0; n < 3; ++n) store.append_case(test_case(key, run, n));
    ::_exit(0);  // "killed": the store is never closed or destroyed
  });
  ASSERT_EQ(code, 0);
  ASSERT_TRUE(fs::exists(journal_path(store_path)));
  {
    // A reader sees the journal's cases without changing anything.
    const FeatureStore reader = FeatureStore::open_read_only(store_path);
    EXPECT_EQ(reader.cases().size(), 3u);
    EXPECT_TRUE(fs::exists(journal_path(store_path)));
  }
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
  EXPECT_FALSE(fs::exists(journal_path(store_path))) << "a writer folds the journal into the file";
  EXPECT_EQ(store.cases().size(), 3u);
  ASSERT_EQ(store.runs().size(), 1u);
  EXPECT_EQ(store.runs()[0].finished_utc, "") << "the killed run stays marked as not finished";
  for (int n = 0; n < 3; ++n) EXPECT_TRUE(store.has_completed(test_case(key, run, n).key));
  store.close();
}

TEST_F(FeatureStoreTest, TruncatedJournalStillOpens) {
  const RunRecord run = test_run("run-torn");
  ASSERT_EQ(voxfeat::test::run_in_child([&] {
              FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
              store.begin_run(run, test_columns());
              for (int n = 0; n < 3; ++n) store.append_case(test_case(key, run, n));
              ::_exit(0);  // "killed": the store is never closed or destroyed
            }),
            0);
  const auto journal = journal_path(store_path);
  const auto full = fs::file_size(journal);
  // Cut 5 bytes into the last record: the first two cases survive, the torn one is ignored.
  fs::resize_file(journal, full - 5);
  {
    const FeatureStore reader = FeatureStore::open_read_only(store_path);
    EXPECT_EQ(reader.cases().size(), 2u);
  }
  // Cut inside the header: nothing of the journal is trusted, the file itself still opens.
  const auto copy = dir / "journal.copy";
  fs::copy_file(journal, copy);
  fs::resize_file(journal, 10);
  EXPECT_EQ(FeatureStore::open_read_only(store_path).cases().size(), 0u);
  // Back to the cut record, then a writer folds it in and drops the journal.
  fs::remove(journal);
  fs::copy_file(copy, journal);
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
  EXPECT_EQ(store.cases().size(), 2u);
  EXPECT_FALSE(fs::exists(journal));
  store.close();
}

TEST_F(FeatureStoreTest, KillBetweenPublishAndJournalRemovalGivesNoDuplicates) {
  const RunRecord run = test_run("run-a");
  const auto journal = journal_path(store_path);
  const auto saved = dir / "journal.saved";
  {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
    store.begin_run(run, test_columns());
    for (int n = 0; n < 4; ++n) store.append_case(test_case(key, run, n));
    fs::copy_file(journal, saved);
    store.close();  // publishes (naming the journal and its 5 records), then removes the journal
  }
  fs::copy_file(saved, journal);  // as if killed right after the rename, before the unlink
  const FeatureStore reader = FeatureStore::open_read_only(store_path);
  EXPECT_EQ(reader.cases().size(), 4u);
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
  EXPECT_EQ(store.cases().size(), 4u);
  store.close();
}

TEST_F(FeatureStoreTest, PublishesDuringARun) {
  StoreOptions options;
  options.publish_every_cases = 3;
  const RunRecord run = test_run("run-a");
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint(), options);
  store.begin_run(run, test_columns());
  for (int n = 0; n < 7; ++n) store.append_case(test_case(key, run, n));
  // The HDF5 file alone (journal ignored) already holds the first published cases.
  const auto copy = dir / "snapshot.h5";
  fs::copy_file(store_path, copy);
  EXPECT_GE(FeatureStore::open_read_only(copy).cases().size(), 3u);
  EXPECT_EQ(FeatureStore::open_read_only(store_path).cases().size(), 7u);  // file + journal
  store.close();
}

TEST_F(FeatureStoreTest, AppendCaseIsThreadSafe) {
  StoreOptions options;
  options.publish_every_cases = 10;  // publications race with appends too
  const RunRecord run = test_run("run-threads");
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint(), options);
  store.begin_run(run, test_columns());
  constexpr int threads = 4;
  constexpr int per_thread = 40;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) store.append_case(test_case(key, run, t * per_thread + i));
    });
  for (auto& w : workers) w.join();
  store.end_run(run.run_id, "2026-11-28T23:00:00Z");
  store.close();
  const FeatureStore reader = FeatureStore::open_read_only(store_path);
  EXPECT_EQ(reader.cases().size(), std::size_t(threads * per_thread));
  for (int n = 0; n < threads * per_thread; ++n) EXPECT_TRUE(reader.has_completed(test_case(key, run, n).key)) << n;
}


TEST_F(FeatureStoreTest, DiagnosticsSurviveTheJournalAndTheFileAndReachTheCsv) {
  // PyRadiomics' diagnostics_* of a case (a JSON object of strings) are kept through a killed writer's journal,
  // the HDF5 file and the CSV export, where they become columns before the features, in their order.
  const RunRecord run = test_run("run-diagnostics");
  CaseRecord with = test_case(key, run, 0);
  with.diagnostics =
      R"j({"diagnostics_Versions_voxfeat":"0.1.0","diagnostics_Mask-original_BoundingBox":"(1, 2, 3, 4, 5, 6)"})j";
  const CaseRecord without = test_case(key, run, 1);
  const int code = voxfeat::test::run_in_child([&] {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
    store.begin_run(run, test_columns());
    store.append_case(with);
    store.append_case(without);
    ::_exit(0);
  });
  ASSERT_EQ(code, 0);
  {
    FeatureStore store = FeatureStore::open(store_path, key.fingerprint());  // replays the journal, republishes
    store.close();
  }
  const FeatureStore reader = FeatureStore::open_read_only(store_path);
  ASSERT_EQ(reader.cases().size(), 2u);
  EXPECT_EQ(reader.cases()[0].diagnostics, with.diagnostics);
  EXPECT_EQ(reader.cases()[1].diagnostics, "");
  std::ostringstream csv;
  voxfeat::detail::write_feature_csv(reader, csv);
  const std::string text = csv.str();
  EXPECT_NE(text.find("run_id,diagnostics_Versions_voxfeat,diagnostics_Mask-original_BoundingBox,"),
            std::string::npos) << text;
  EXPECT_NE(text.find(",0.1.0,\"(1, 2, 3, 4, 5, 6)\","), std::string::npos) << text;
}

TEST_F(FeatureStoreTest, RefusesDiagnosticsThatAreNotAFlatObjectOfStrings) {
  FeatureStore store = FeatureStore::open(store_path, key.fingerprint());
  const RunRecord run = test_run("run-bad-diagnostics");
  store.begin_run(run, test_columns());
  for (const char* bad : {"[1, 2]", R"({"a": 1})", R"({"a": {"b": "c"}})", "not json"}) {
    CaseRecord c = test_case(key, run, 0);
    c.diagnostics = bad;
    EXPECT_THROW(store.append_case(c), voxfeat::Error) << bad;
  }
  store.close();
}

}  // namespace
