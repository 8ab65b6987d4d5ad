// Manifest parsing, shard selection (including Slurm's variables) and identifier redaction.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "batch/batch_runner.hpp"
#include "batch/manifest.hpp"
#include "batch/shard.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

std::filesystem::path write_text(const std::string& text) {
  const auto dir = fresh_temp_dir("manifest");
  std::ofstream(dir / "m.csv") << text;
  return dir / "m.csv";
}

TEST(Manifest, ReadsRequiredAndOptionalColumnsAndResolvesRelativePaths) {
  const auto path = write_text(
      "patient_id,study_id,image,mask,label\nP-1,S1,img.nii.gz,/abs/mask.nii.gz,2\n\"P,2\",,b.nrrd,c.mha,\n");
  const auto cases = detail::read_manifest(path);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].patient_id, "P-1");
  EXPECT_EQ(cases[0].study_id, "S1");
  EXPECT_EQ(cases[0].image, path.parent_path() / "img.nii.gz");
  EXPECT_EQ(cases[0].mask, std::filesystem::path("/abs/mask.nii.gz"));
  EXPECT_EQ(cases[0].label, "2");
  EXPECT_EQ(cases[1].patient_id, "P,2");
  EXPECT_EQ(cases[1].label, "");
}

TEST(Manifest, MissingColumnsAreNamed) {
  try {
    detail::read_manifest(write_text("patient_id,image\nP1,a.nii\n"));
    FAIL() << "accepted a manifest without a mask column";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("lacks required column(s): mask"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("m.csv"), std::string::npos) << e.what();
  }
}

TEST(Manifest, UnknownColumnsEmptyFieldsAndRaggedRowsAreRefused) {
  EXPECT_THROW(detail::read_manifest(write_text("patient_id,image,mask,lable\nP,a,b,1\n")), ConfigError);
  EXPECT_THROW(detail::read_manifest(write_text("patient_id,image,mask\n,a,b\n")), ConfigError);
  EXPECT_THROW(detail::read_manifest(write_text("patient_id,image,mask\nP,a\n")), ConfigError);
  EXPECT_THROW(detail::read_manifest(write_text("")), ConfigError);
  EXPECT_THROW(detail::read_manifest("/nonexistent/manifest.csv"), ConfigError);
}

TEST(Shard, ParsesKOverNAndOwnsEveryNthCase) {
  const auto s = detail::resolve_shard("1/3");
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->owns(0));
  EXPECT_TRUE(s->owns(1));
  EXPECT_TRUE(s->owns(4));
  EXPECT_THROW(detail::resolve_shard("3/3"), ConfigError);
  EXPECT_THROW(detail::resolve_shard("a/3"), ConfigError);
  EXPECT_THROW(detail::resolve_shard("1-3"), ConfigError);
}

TEST(Shard, ComesFromSlurmArrayVariables) {
  ::setenv("SLURM_ARRAY_TASK_ID", "5", 1);
  ::setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
  ::setenv("SLURM_ARRAY_TASK_MIN", "3", 1);
  const auto s = detail::resolve_shard("");
  ::unsetenv("SLURM_ARRAY_TASK_ID");
  ::unsetenv("SLURM_ARRAY_TASK_COUNT");
  ::unsetenv("SLURM_ARRAY_TASK_MIN");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2);
  EXPECT_EQ(s->count, 4);
  EXPECT_FALSE(detail::resolve_shard(""));
}

TEST(Redaction, RemovesRawIdentifiersCaseInsensitively) {
  const std::string m = detail::redact_identifiers("/data/p-0042/ct.nii: cannot read; patient P-0042",
                                                   {{"P-0042", "[patient_id]"}, {"", "[study_id]"}});
  EXPECT_EQ(m, "/data/[patient_id]/ct.nii: cannot read; patient [patient_id]");
}

}  // namespace
}  // namespace voxfeat::test
