// No direct identifier may reach any file voxfeat writes (DESIGN.md, Feature store): cases whose raw ids are known
// strings go through store, journal and CSV, and every byte of each file is searched for them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "store/csv_export.hpp"
#include "store/feature_store.hpp"
#include "store/journal.hpp"
#include "store/store_test_support.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace {

namespace fs = std::filesystem;
using namespace voxfeat::detail;

const std::string site_key = "privacy-test-site-key-0123456789abcdef";
const std::vector<std::string> raw_ids{"PATIENT-RAW-0001-SMITH", "PATIENT-RAW-0002-JONES", "1.2.840.113619.2.55.3.1",
                                       "1.2.840.113619.2.55.3.2", "1.2.840.113619.2.55.3.9"};

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void expect_no_identifier(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << file;
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ASSERT_FALSE(bytes.empty()) << file;
  const std::string folded = lower(bytes);
  for (const std::string& id : raw_ids) EXPECT_EQ(folded.find(lower(id)), std::string::npos) << id << " in " << file;
  EXPECT_EQ(bytes.find(site_key), std::string::npos) << "the key itself in " << file;
}

std::vector<CaseRecord> cases_of(const Pseudonymiser& p, const RunRecord& run) {
  std::vector<CaseRecord> out;
  for (int i = 0; i < 2; ++i) {
    CaseRecord c = voxfeat::test::test_case(p, run, i, /*ok=*/i == 0);
    // Raw ids as a manifest spells them (lower case, padded): the store must see only their pseudonyms.
    c.key.patient_pseudonym = p.pseudonym("  " + lower(raw_ids[std::size_t(i)]) + " ");
    c.key.study_pseudonym = p.pseudonym(raw_ids[2 + std::size_t(i)]);
    c.key.series_pseudonym = p.pseudonym(raw_ids[4]);
    out.push_back(c);
  }
  return out;
}

TEST(Privacy, NoRawIdentifierInStoreJournalOrCsv) {
  const voxfeat::test::ScopedTempDir scratch("privacy");
  const fs::path dir = scratch.path;
  const Pseudonymiser p = voxfeat::test::test_pseudonymiser(dir, site_key);
  const fs::path store_path = dir / "site.h5";
  const RunRecord run = voxfeat::test::test_run("run-privacy");

  // A writer killed before close leaves the journal: scan it while it exists.
  ASSERT_EQ(voxfeat::test::run_in_child([&] {
              FeatureStore store = FeatureStore::open(store_path, p.fingerprint());
              store.begin_run(run, voxfeat::test::test_columns());
              for (const auto& c : cases_of(p, run)) store.append_case(c);
              ::_exit(0);  // "killed": the store is never closed or destroyed
            }),
            0);
  ASSERT_TRUE(fs::exists(journal_path(store_path)));
  expect_no_identifier(journal_path(store_path));
  expect_no_identifier(store_path);

  {
    FeatureStore store = FeatureStore::open(store_path, p.fingerprint());  // folds the journal in
    store.end_run(run.run_id, "2026-11-28T23:00:00Z");
    store.close();
  }
  expect_no_identifier(store_path);
  const fs::path csv = dir / "features.csv";
  {
    std::ofstream out(csv, std::ios::binary);
    EXPECT_EQ(write_feature_csv(FeatureStore::open_read_only(store_path), out).rows, 1u);
  }
  expect_no_identifier(csv);
  // Raw ids never even reach the store's API: a non-pseudonym is refused.
  FeatureStore store = FeatureStore::open(store_path, p.fingerprint());
  CaseRecord raw = cases_of(p, run)[0];
  raw.key.patient_pseudonym = raw_ids[0];
  EXPECT_THROW(store.append_case(raw), voxfeat::Error);
  store.close();
  expect_no_identifier(store_path);
}

}  // namespace
