// PyRadiomics-compatible mode: the firstorder class on PyRadiomics' brain1 test case against PyRadiomics' published
// baseline (tests/data/pyradiomics/baseline_firstorder.csv, from AIM-Harvard/pyradiomics data/baseline; README
// there). Tolerance: 1e-6 relative with an absolute floor of 1e-12 (issue 5).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "io/image_reader.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

class PyradiomicsFirstOrder : public testing::TestWithParam<std::string> {};

TEST_P(PyradiomicsFirstOrder, MatchesBaseline) {
  const auto row = extract_brain1(pyradiomics_config(GetParam(), "firstorder"));
  EXPECT_EQ(pyradiomics_baseline("firstorder", GetParam()).size(), 18u);
  expect_baseline(row, "firstorder", GetParam());
}

INSTANTIATE_TEST_SUITE_P(Brain1, PyradiomicsFirstOrder,
                         testing::ValuesIn(pyradiomics_baseline_columns("firstorder")),
                         [](const auto& info) { return info.param; });

TEST(PyradiomicsNormalisation, RemoveOutliersClampsZScoresBeforeScaling) {
  // PyRadiomics' normalizeImage: z-scores beyond ±removeOutliers are set to ±removeOutliers, then × normalizeScale.
  // Order statistics commute with that monotone clamp: each equals the clamp of the unclamped one.
  const std::string common = "setting: {label: 1, normalize: true, normalizeScale: 100";
  const auto plain = extract_brain1(common + "}\nfeatureClass: {firstorder: }\n");
  const auto clamped = extract_brain1(common + ", removeOutliers: 0.5}\nfeatureClass: {firstorder: }\n");
  const auto clamp = [](double x) { return std::clamp(x, -50.0, 50.0); };
  for (const char* name : {"Minimum", "Maximum", "Median", "10Percentile", "90Percentile"}) {
    const std::string column = std::string("original_firstorder_") + name;
    EXPECT_NEAR(clamped.value(column), clamp(plain.value(column)), 1e-4) << column;
  }
  EXPECT_GT(plain.value("original_firstorder_Maximum"), 50.0);  // the clamp acts on this ROI
  EXPECT_DOUBLE_EQ(clamped.value("original_firstorder_Maximum"), 50.0);
  // Without normalize, PyRadiomics ignores removeOutliers: the ROI maximum stays 1266 (baseline_firstorder.csv).
  const auto ignored = extract_brain1("setting: {label: 1, removeOutliers: 0.5}\nfeatureClass: {firstorder: }\n");
  EXPECT_DOUBLE_EQ(ignored.value("original_firstorder_Maximum"), 1266.0);
}

TEST(PyradiomicsResegmentation, SigmaAndRelativeRangesAreThoseAbsoluteRanges) {
  // imageoperations.resegmentMask: mode sigma keeps [mean + a·SD, mean + b·SD] of the ROI (numpy.std: population),
  // mode relative [a·max, b·max]; the same features as the absolute ranges computed from the ROI's plain first-order
  // Mean, Variance and Maximum.
  const auto features = [](const std::string& setting) {
    return extract_brain1("setting: {label: 1" + setting + "}\nfeatureClass: {firstorder: }\n");
  };
  const auto plain = features("");
  const double mean = plain.value("original_firstorder_Mean");
  const double sd = std::sqrt(plain.value("original_firstorder_Variance"));
  const double maximum = plain.value("original_firstorder_Maximum");
  const auto expect_same = [](const detail::FeatureRow& a, const detail::FeatureRow& b, const std::string& what) {
    ASSERT_EQ(a.values.size(), b.values.size());
    for (std::size_t i = 0; i < a.values.size(); ++i)
      EXPECT_NEAR(a.values[i], b.values[i], 1e-9 * std::max(1.0, std::fabs(b.values[i])))
          << what << " " << a.columns[i].name;
  };
  const auto sigma = features(", resegmentMode: sigma, resegmentRange: [1, -1.5]");  // sorted, as PyRadiomics
  const auto absolute = features(", resegmentRange: [" + std::to_string(mean - 1.5 * sd) + ", " +
                                 std::to_string(mean + 1 * sd) + "]");
  expect_same(sigma, absolute, "sigma [-1.5, 1]");
  EXPECT_LT(sigma.value("original_firstorder_Maximum"), maximum);  // the range acts on this ROI
  const auto relative = features(", resegmentMode: relative, resegmentRange: [0.5, 0.9]");
  const auto relative_absolute = features(", resegmentRange: [" + std::to_string(0.5 * maximum) + ", " +
                                          std::to_string(0.9 * maximum) + "]");
  expect_same(relative, relative_absolute, "relative [0.5, 0.9]");
  const auto lower_only = features(", resegmentMode: relative, resegmentRange: [0.5]");
  EXPECT_DOUBLE_EQ(lower_only.value("original_firstorder_Maximum"), maximum);
  EXPECT_GE(lower_only.value("original_firstorder_Minimum"), 0.5 * maximum);
}

TEST(PyradiomicsResegmentation, ResegmentShapeGivesTheShapeOfTheResegmentedRoi) {
  // resegmentShape: true: shape's VoxelVolume counts the voxels the range keeps (counted here from the files).
  const auto image = io::read_image(data_dir() / "pyradiomics/brain1_image.nrrd");
  const auto mask = io::read_mask(data_dir() / "pyradiomics/brain1_label.nrrd", LabelSelector{false, 1}).mask;
  std::size_t kept = 0, all = 0;
  for (std::size_t i = 0; i < mask.voxel_count(); ++i)
    if (mask.data()[i]) ++all, kept += image.data()[i] <= 1000.0f ? 1 : 0;
  ASSERT_LT(kept, all);
  const double voxel = image.geometry().voxel_volume();
  const std::string common = "setting: {label: 1, resegmentRange: [-1000, 1000]";
  const auto shaped = extract_brain1(common + ", resegmentShape: true}\nfeatureClass: {shape: [VoxelVolume]}\n");
  const auto plain = extract_brain1(common + "}\nfeatureClass: {shape: [VoxelVolume]}\n");
  EXPECT_NEAR(shaped.value("original_shape_VoxelVolume"), double(kept) * voxel, 1e-9 * double(all) * voxel);
  EXPECT_NEAR(plain.value("original_shape_VoxelVolume"), double(all) * voxel, 1e-9 * double(all) * voxel);
}

}  // namespace
}  // namespace voxfeat::test
