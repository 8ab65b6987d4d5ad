// The batch runner end to end on small on-disk cases: every case stored, resume skips finished cases, and each kind
// of bad input is recorded as a failed case with a message naming the case, the file and the problem while the
// other cases are stored and the store stays readable.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "batch/batch_runner.hpp"
#include "demo/synthetic_ct.hpp"
#include "io/image_reader.hpp"
#include "store/feature_store.hpp"
#include "support/batch_run.hpp"
#include "support/case_files.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

Settings fast_settings() {
  // Moran's I / Geary's C are exact FFT convolutions; these tests are about the batch, not the features.
  return Settings::defaults(registry());
}

BatchRun run(const std::filesystem::path& manifest, const std::filesystem::path& store) {
  return run_quiet_batch(manifest, store, fast_settings(), registry());
}

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fresh_temp_dir("batch");
    m_good = write_small_case(m_dir, "good");
  }
  /// Runs a manifest of the good case and one bad case; returns the bad case's stored error.
  std::string run_with_bad_case(const std::filesystem::path& image, const std::filesystem::path& mask,
                                const std::string& label = "") {
    const auto manifest = write_manifest(m_dir / "manifest.csv", {{"GOOD-1", m_good.image.string(),
                                                                   m_good.mask.string(), ""},
                                                                  {"BAD-1", image.string(), mask.string(), label}});
    const BatchRun r = run(manifest, m_dir / "site.h5");
    EXPECT_EQ(r.summary.ok, 1u);
    EXPECT_EQ(r.summary.failed, 1u);
    std::size_t ok = 0;
    std::string error;
    for (const auto& c : r.stored) {
      ok += c.ok ? 1 : 0;
      if (!c.ok) error = c.error;
    }
    EXPECT_EQ(ok, 1u) << "the good case must be stored";
    EXPECT_NE(error.find("manifest row 2"), std::string::npos) << error;  // names the case
    return error;
  }
  std::filesystem::path m_dir;
  CaseFiles m_good;
};

TEST_F(BadInput, CorruptImageFile) {
  std::ofstream(m_dir / "corrupt.nii.gz") << "this is not a NIfTI file at all";
  const auto error = run_with_bad_case(m_dir / "corrupt.nii.gz", m_good.mask);
  EXPECT_NE(error.find("corrupt.nii.gz"), std::string::npos) << error;
}

TEST_F(BadInput, TruncatedImageFile) {
  const std::string bytes = read_bytes(m_good.image);
  std::ofstream(m_dir / "truncated.nii.gz", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  const auto error = run_with_bad_case(m_dir / "truncated.nii.gz", m_good.mask);
  EXPECT_NE(error.find("truncated.nii.gz"), std::string::npos) << error;
  // The problem is named too: a short stream is "truncated: X of Y voxel bytes", a broken one "corrupt or truncated".
  EXPECT_TRUE(error.find(": truncated: ") != std::string::npos ||
              error.find("corrupt or truncated") != std::string::npos)
      << error;
}

TEST_F(BadInput, UnsupportedFormat) {
  std::ofstream(m_dir / "scan.jpg") << "jpeg";
  const auto error = run_with_bad_case(m_dir / "scan.jpg", m_good.mask);
  EXPECT_NE(error.find("scan.jpg: unsupported format"), std::string::npos) << error;
}

TEST_F(BadInput, ImageMaskGeometryMismatch) {
  detail::SyntheticCtSpec spec;
  spec.size = {48, 48, 20};
  spec.radii_mm = {8, 8, 8};
  const auto other = detail::make_synthetic_ct(spec);
  io::write_mask(m_dir / "other_mask.nii.gz", other.mask);
  const auto error = run_with_bad_case(m_good.image, m_dir / "other_mask.nii.gz");
  EXPECT_NE(error.find("geometry mismatch: size 48x48x24 vs 48x48x20"), std::string::npos) << error;
  EXPECT_NE(error.find("other_mask.nii.gz"), std::string::npos) << error;
}

TEST_F(BadInput, EmptyMask) {
  Geometry g = io::read_image(m_good.image).geometry();
  io::write_mask(m_dir / "empty_mask.nii.gz", Volume<std::uint8_t>(g, 0));
  const auto error = run_with_bad_case(m_good.image, m_dir / "empty_mask.nii.gz");
  EXPECT_NE(error.find("empty_mask.nii.gz: the mask is empty"), std::string::npos) << error;
}

TEST_F(BadInput, AbsentLabel) {
  const auto error = run_with_bad_case(m_good.image, m_good.mask, "3");
  EXPECT_NE(error.find("label 3 is absent (labels present: 1)"), std::string::npos) << error;
}

TEST_F(BadInput, NanVoxelsInTheRoi) {
  Volume<float> image = io::read_image(m_good.image);
  const auto mask = io::read_mask(m_good.mask, {});
  for (std::size_t i = 0; i < image.voxel_count(); ++i)
    if (mask.mask.data()[i]) {
      image.data()[i] = std::numeric_limits<float>::quiet_NaN();
      break;
    }
  io::write_image(m_dir / "nan.nii.gz", image);
  const auto error = run_with_bad_case(m_dir / "nan.nii.gz", m_good.mask);
  EXPECT_NE(error.find("non-finite voxel value"), std::string::npos) << error;
  EXPECT_NE(error.find("nan.nii.gz"), std::string::npos) << error;
}

TEST_F(BadInput, InfiniteVoxelsInTheRoi) {
  Volume<float> image = io::read_image(m_good.image);
  const auto mask = io::read_mask(m_good.mask, {});
  for (std::size_t i = image.voxel_count(); i-- > 0;)
    if (mask.mask.data()[i]) {
      image.data()[i] = std::numeric_limits<float>::infinity();
      break;
    }
  io::write_image(m_dir / "inf.nii.gz", image);
  const auto error = run_with_bad_case(m_dir / "inf.nii.gz", m_good.mask);
  EXPECT_NE(error.find("non-finite voxel value"), std::string::npos) << error;
  EXPECT_NE(error.find("inf.nii.gz"), std::string::npos) << error;
}

TEST_F(BadInput, UnreadablePath) {
  const auto error = run_with_bad_case(m_dir / "missing" / "ct.nii.gz", m_good.mask);
  EXPECT_NE(error.find("ct.nii.gz"), std::string::npos) << error;
  EXPECT_NE(error.find("cannot open"), std::string::npos) << error;  // hashing the input comes first
}

TEST_F(BadInput, MissingManifestColumnsRefuseTheRunAndKeepTheStore) {
  const auto good_manifest =
      write_manifest(m_dir / "good.csv", {{"GOOD-1", m_good.image.string(), m_good.mask.string(), ""}});
  ASSERT_EQ(run(good_manifest, m_dir / "site.h5").summary.ok, 1u);
  std::ofstream(m_dir / "bad.csv") << "patient_id,image\nP,x.nii\n";
  detail::BatchOptions options;
  options.manifest = m_dir / "bad.csv";
  options.store = m_dir / "site.h5";
  options.quiet = true;
  EXPECT_THROW(detail::run_batch(options, fast_settings(), registry(), detail::Pseudonymiser::demo()), ConfigError);
  EXPECT_EQ(detail::FeatureStore::open_read_only(m_dir / "site.h5").cases().size(), 1u);
}

TEST_F(BadInput, MissingOrShortKeyIsRefused) {
  ::unsetenv("VOXFEAT_KEY_FILE");
  EXPECT_THROW(detail::Pseudonymiser::resolve("", false), KeyError);
  std::ofstream(m_dir / "short.key") << "too short";
  EXPECT_THROW(detail::Pseudonymiser::resolve((m_dir / "short.key").string(), false), KeyError);
  EXPECT_THROW(detail::Pseudonymiser::resolve((m_dir / "absent.key").string(), false), KeyError);
}

TEST_F(BadInput, WrongKeyForAnExistingStoreIsRefused) {
  const auto manifest =
      write_manifest(m_dir / "good.csv", {{"GOOD-1", m_good.image.string(), m_good.mask.string(), ""}});
  detail::BatchOptions options;
  options.manifest = manifest;
  options.store = m_dir / "site.h5";
  options.quiet = true;
  const auto key_a = detail::Pseudonymiser::from_key_file(write_key_file(m_dir, "a.key", 'a'));
  const auto key_b = detail::Pseudonymiser::from_key_file(write_key_file(m_dir, "b.key", 'b'));
  ASSERT_EQ(detail::run_batch(options, fast_settings(), registry(), key_a).ok, 1u);
  EXPECT_THROW(detail::run_batch(options, fast_settings(), registry(), key_b), KeyError);
  EXPECT_EQ(detail::FeatureStore::open_read_only(m_dir / "site.h5").cases().size(), 1u);
}

TEST(Batch, StoresEveryCaseAndResumeSkipsFinishedOnes) {
  const auto dir = fresh_temp_dir("resume");
  const auto a = write_small_case(dir, "a", 1), b = write_small_case(dir, "b", 2);
  const auto manifest = write_manifest(dir / "m.csv", {{"A", a.image.string(), a.mask.string(), ""},
                                                       {"B", b.image.string(), b.mask.string(), "1"}});
  const BatchRun first = run(manifest, dir / "site.h5");
  EXPECT_EQ(first.summary.ok, 2u);
  const BatchRun second = run(manifest, dir / "site.h5");
  EXPECT_EQ(second.summary.skipped, 2u);
  EXPECT_EQ(second.summary.ok + second.summary.failed, 0u);
  EXPECT_EQ(second.stored.size(), 2u);
  const auto store = detail::FeatureStore::open_read_only(dir / "site.h5");
  EXPECT_EQ(store.runs().size(), 2u);
  for (const auto& c : second.stored) {
    EXPECT_EQ(c.values.size(), store.columns(c.key.settings_sha256).size());
    EXPECT_EQ(c.image_sha256.size(), 64u);
  }
}

TEST(Batch, DuplicateCaseKeysInAManifestAreRefusedUpFront) {
  const auto dir = fresh_temp_dir("duplicates");
  const auto a = write_small_case(dir, "a", 1), b = write_small_case(dir, "b", 2);
  // " p-1" and "P-1" normalise to the same patient.
  const auto manifest = write_manifest(dir / "m.csv", {{"P-1", a.image.string(), a.mask.string(), ""},
                                                       {"Q-2", b.image.string(), b.mask.string(), ""},
                                                       {" p-1", b.image.string(), b.mask.string(), ""}});
  detail::BatchOptions options;
  options.manifest = manifest;
  options.store = dir / "site.h5";
  options.quiet = true;
  try {
    detail::run_batch(options, fast_settings(), registry(), detail::Pseudonymiser::demo());
    FAIL() << "accepted two rows for one case";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("rows 1 and 3"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "site.h5")) << "a refused run writes nothing";
}

TEST(Batch, ShardsPartitionTheManifest) {
  const auto dir = fresh_temp_dir("shards");
  std::vector<std::vector<std::string>> rows;
  const auto c = write_small_case(dir, "c", 3);
  for (int i = 0; i < 5; ++i) rows.push_back({"P" + std::to_string(i), c.image.string(), c.mask.string(), ""});
  const auto manifest = write_manifest(dir / "m.csv", rows);
  std::size_t total = 0;
  for (int k = 0; k < 2; ++k) {
    detail::BatchOptions options;
    options.manifest = manifest;
    options.store = dir / ("shard" + std::to_string(k) + ".h5");
    options.quiet = true;
    options.shard = detail::Shard{k, 2};
    const auto s = detail::run_batch(options, fast_settings(), registry(), detail::Pseudonymiser::demo());
    EXPECT_EQ(s.ok, k == 0 ? 3u : 2u);
    total += s.ok;
  }
  EXPECT_EQ(total, 5u);
}

}  // namespace
}  // namespace voxfeat::test
