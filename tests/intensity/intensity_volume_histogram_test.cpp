// Intensity-volume histogram kernel (kernels/intensity/intensity_volume_histogram.hpp) in the manual's three
// discretisation cases, on samples worked out in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "intensity/intensity_volume_histogram.hpp"

namespace voxfeat::kernels {
namespace {

constexpr double kExact = 1e-12;  // a few double operations on exact inputs

std::vector<double> phantom_intensities() {
  std::vector<double> x;
  x.insert(x.end(), 50, 1.0);
  x.insert(x.end(), 1, 3.0);
  x.insert(x.end(), 16, 4.0);
  x.insert(x.end(), 7, 6.0);
  return x;
}

TEST(IntensityVolumeHistogram, DigitalPhantomManualTable) {
  // IBSI manual table "Example intensity-volume histogram" (G = [1, 6], w = 1): ν = 1, .324, .324, .311, .095, .095
  // at γ = 0, .2, .4, .6, .8, 1. V10 = ν(2) = 24/74, V90 = ν(6) = 7/74, I10 = 5, I90 = 2 (IBSI dig BC2M 0.324,
  // 0.0946, GBPN 5, 2). Area: 0.2 Σ trapezoids = 0.1 (1 + 2 (24 + 24 + 23 + 7)/74 + 7/74) = 23.7/74.
  IvhSettings s;
  s.range_min = 1.0;
  s.range_max = 6.0;
  const IvhFeatures f = intensity_volume_histogram(phantom_intensities(), s);
  EXPECT_NEAR(f.v10, 24.0 / 74.0, kExact);
  EXPECT_NEAR(f.v90, 7.0 / 74.0, kExact);
  EXPECT_EQ(f.i10, 5.0);
  EXPECT_EQ(f.i90, 2.0);
  EXPECT_NEAR(f.v10_minus_v90, 17.0 / 74.0, kExact);
  EXPECT_EQ(f.i10_minus_i90, 3.0);
  EXPECT_NEAR(f.area_under_curve, 23.7 / 74.0, kExact);
  // "auto" bounds are the ROI minimum and maximum, the same G here.
  const IvhFeatures automatic = intensity_volume_histogram(phantom_intensities(), IvhSettings{});
  EXPECT_EQ(automatic.v10, f.v10);
  EXPECT_EQ(automatic.area_under_curve, f.area_under_curve);
}

TEST(IntensityVolumeHistogram, DiscreteCalibratedRangeWiderThanRoi) {
  // G = [−500, 400] (a re-segmentation range), w = 1, intensities −500 −100 0 100 400. γ = 0.1 exactly at
  // i = −410 (90/900): ν = 4/5. γ = 0.9 at i = 310: ν = 1/5. ν never drops to 0.1 inside G (ν(400) = 1/5): I10 is
  // undefined. ν(−499) = 4/5 ≤ 0.9: I90 = −499.
  IvhSettings s;
  s.range_min = -500.0;
  s.range_max = 400.0;
  const IvhFeatures f = intensity_volume_histogram(std::vector<double>{0, -500, 400, 100, -100}, s);
  EXPECT_NEAR(f.v10, 0.8, kExact);
  EXPECT_NEAR(f.v90, 0.2, kExact);
  EXPECT_TRUE(std::isnan(f.i10));
  EXPECT_EQ(f.i90, -499.0);
}

TEST(IntensityVolumeHistogram, FixedBinSizeUsesBinCentres) {
  // X_min = 0, X_max = 3, w = 1: levels floor(x) + 1 = 1 1 2 3 3 → centres 0.5 0.5 1.5 2.5 2.5; G = [0.5, 2.5].
  // ν = 1, 3/5, 2/5 at γ = 0, 0.5, 1. V10 = 0.6, V90 = 0.4, I90 = 1.5, I10 undefined;
  // area = 0.5 (1 + 0.6)/2 + 0.5 (0.6 + 0.4)/2 = 0.65.
  IvhSettings s;
  s.discretisation = IvhDiscretisation::fixed_bin_size;
  s.range_min = 0.0;
  s.range_max = 3.0;
  const IvhFeatures f = intensity_volume_histogram(std::vector<double>{0.2, 0.7, 1.4, 2.6, 2.9}, s);
  EXPECT_NEAR(f.v10, 0.6, kExact);
  EXPECT_NEAR(f.v90, 0.4, kExact);
  EXPECT_EQ(f.i90, 1.5);
  EXPECT_TRUE(std::isnan(f.i10));
  EXPECT_NEAR(f.area_under_curve, 0.65, kExact);
  // An intensity equal to X_max falls in bin 4 (centre 3.5), above G: it stays in N and above every level.
  const IvhFeatures top = intensity_volume_histogram(std::vector<double>{0.2, 3.0}, s);
  EXPECT_NEAR(top.v10, 0.5, kExact);
  EXPECT_EQ(top.i90, 1.5);
}

TEST(IntensityVolumeHistogram, FixedBinNumberUsesBinNumbers) {
  // 0..9 in N_g = 5 bins over [0, 9]: floor(5x/9) + 1 (9 → 5) gives two voxels per level. G = [1, 5]:
  // ν = 1, .8, .6, .4, .2 at γ = 0, .25, .5, .75, 1. V10 = 0.8, V90 = 0.2, I90 = 2, I10 undefined,
  // area = 0.125 (1.8 + 1.4 + 1.0 + 0.6) = 0.6.
  IvhSettings s;
  s.discretisation = IvhDiscretisation::fixed_bin_number;
  s.bin_number = 5;
  const IvhFeatures f = intensity_volume_histogram(std::vector<double>{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, s);
  EXPECT_NEAR(f.v10, 0.8, kExact);
  EXPECT_NEAR(f.v90, 0.2, kExact);
  EXPECT_EQ(f.i90, 2.0);
  EXPECT_TRUE(std::isnan(f.i10));
  EXPECT_NEAR(f.area_under_curve, 0.6, kExact);
}

TEST(IntensityVolumeHistogram, NonIntegerStepLandsOnLevels) {
  // w = 0.1 over G = [0, 0.3]: the last level is 0 + 3 · 0.1 = 0.30000000000000004 in double, above the intensity
  // 0.3. The voxel at 0.3 must still count as having "at least" that level: ν = 1/2 there, so V90 (γ = 1 at the
  // last level) is 1/2, not 0. ν = 1/2 from level 0.1 on: I90 = 0.1; ν never reaches 0.1: I10 undefined.
  IvhSettings s;
  s.bin_size = 0.1;
  const IvhFeatures f = intensity_volume_histogram(std::vector<double>{0.0, 0.3}, s);
  EXPECT_EQ(f.v90, 0.5);
  EXPECT_EQ(f.v10, 0.5);
  EXPECT_NEAR(f.i90, 0.1, kExact);
  EXPECT_TRUE(std::isnan(f.i10));
}

TEST(IntensityVolumeHistogram, FlatAndSingleVoxelRois) {
  // G is one point: intensity fractions are undefined (V NaN), ν = 1 at the only level (I NaN), area 0 (manual).
  for (const auto& x : {std::vector<double>{7.0}, std::vector<double>(100, 7.0)}) {
    const IvhFeatures f = intensity_volume_histogram(x, IvhSettings{});
    EXPECT_TRUE(std::isnan(f.v10));
    EXPECT_TRUE(std::isnan(f.v90));
    EXPECT_TRUE(std::isnan(f.i10));
    EXPECT_TRUE(std::isnan(f.i90));
    EXPECT_EQ(f.area_under_curve, 0.0);
  }
  // With a given range the fractions exist: a flat ROI at 0 in G = [−10, 10] has ν = 1 up to 0, then 0.
  IvhSettings s;
  s.range_min = -10.0;
  s.range_max = 10.0;
  const IvhFeatures f = intensity_volume_histogram(std::vector<double>(5, 0.0), s);
  EXPECT_EQ(f.v10, 1.0);
  EXPECT_EQ(f.v90, 0.0);
  EXPECT_EQ(f.i10, 1.0);
  EXPECT_EQ(f.area_under_curve, 0.0);
  EXPECT_TRUE(std::isnan(intensity_volume_histogram({}, IvhSettings{}).v10));
}

TEST(IntensityVolumeHistogram, RefusesUnusableSettings) {
  const std::vector<double> x{1, 2, 3};
  IvhSettings s;
  s.bin_size = 0.0;
  EXPECT_THROW(intensity_volume_histogram(x, s), std::invalid_argument);
  s = {};
  s.range_min = 5.0;
  s.range_max = 1.0;
  EXPECT_THROW(intensity_volume_histogram(x, s), std::invalid_argument);
  s = {};
  s.bin_size = 1e-9;  // 2e9 levels over [1, 3]
  EXPECT_THROW(intensity_volume_histogram(x, s), std::invalid_argument);
  s = {};
  s.discretisation = IvhDiscretisation::fixed_bin_number;
  s.bin_number = 0;
  EXPECT_THROW(intensity_volume_histogram(x, s), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::kernels
