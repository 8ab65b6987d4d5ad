// Degenerate ROIs through every family: a single voxel, a one-slice ROI, a flat ROI (one intensity). Each gives a
// row (no crash, no exception); features the IBSI definitions leave undefined there are NaN, and the well-defined
// ones keep their exact values.
#include <gtest/gtest.h>

#include <cmath>

#include "extraction/extractor.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

detail::FeatureRow extract(const Volume<float>& image, const Volume<std::uint8_t>& mask) {
  return detail::extract_roi(image, mask, Settings::defaults(registry()), registry());
}

Geometry grid() {
  Geometry g;
  g.size = {12, 12, 6};
  g.spacing = {1.0, 1.0, 2.0};
  return g;
}

TEST(EdgeRois, SingleVoxel) {
  Volume<float> image(grid(), 10.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  mask(6, 6, 3) = 1;
  image(6, 6, 3) = 42.0f;
  const auto row = extract(image, mask);
  EXPECT_DOUBLE_EQ(row.value("morph_volume_voxel_counting"), 2.0);  // one 1×1×2 mm voxel
  // Marching cubes of one voxel: an octahedron with vertices half a voxel from its centre along each axis,
  // (4/3)·0.5·0.5·1 = 1/3 mm³.
  EXPECT_NEAR(row.value("morph_volume"), 1.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(row.value("stat_mean"), 42.0);
  EXPECT_DOUBLE_EQ(row.value("stat_variance"), 0.0);
  EXPECT_TRUE(std::isnan(row.value("morph_major_axis_length")));  // covariance of one point: undefined
  EXPECT_TRUE(std::isnan(row.value("morph_morans_i")));           // no pair of voxels
  // The sphere of the local intensity peak still draws on the voxels around the ROI.
  EXPECT_GT(row.value("loc_peak_local"), 10.0);
  EXPECT_LT(row.value("loc_peak_local"), 42.0);
}

TEST(EdgeRois, OneSliceRoiAndFlatIntensities) {
  Volume<float> image(grid(), 0.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  for (std::size_t y = 3; y < 9; ++y)
    for (std::size_t x = 3; x < 9; ++x) {
      mask(x, y, 2) = 1;
      image(x, y, 2) = 5.0f;
    }
  const auto row = extract(image, mask);
  EXPECT_DOUBLE_EQ(row.value("morph_volume_voxel_counting"), 72.0);
  EXPECT_GT(row.value("morph_volume"), 0.0);
  EXPECT_DOUBLE_EQ(row.value("stat_range"), 0.0);
  EXPECT_DOUBLE_EQ(row.value("ih_maximum"), 1.0);  // a flat ROI is one grey level
  EXPECT_TRUE(std::isnan(row.value("morph_morans_i")));  // one intensity: 0/0
  // All centres in one plane: the smallest covariance eigenvalue is 0 (to round-off), so is the least axis.
  EXPECT_NEAR(row.value("morph_least_axis_length"), 0.0, 1e-6);
  EXPECT_NEAR(row.value("morph_flatness"), 0.0, 1e-6);
}

}  // namespace
}  // namespace voxfeat::test
