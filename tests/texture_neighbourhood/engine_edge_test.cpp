// NGTDM and NGLDM through the engine on degenerate ROIs, every aggregation: a single voxel and a flat one-slice ROI.
// Expected values follow from the IBSI definitions (sections 3.10, 3.11): see the comments per case.
#include <gtest/gtest.h>

#include <cmath>

#include "extraction/extractor.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

detail::FeatureRow extract(const Volume<float>& image, const Volume<std::uint8_t>& mask) {
  const Settings settings = Settings::parse(R"(
voxfeat_settings: 1
label: nonzero
discretisation: {method: fixed_bin_size, bin_size: 1, lower_bound: auto}
families:
  ngtdm: {aggregations: ["3D", "2.5D", "2D"]}
  ngldm: {aggregations: ["3D", "2.5D", "2D"]}
)",
                                            registry(), "texture_neighbourhood edge");
  return detail::extract_roi(image, mask, settings, registry());
}

Geometry grid() {
  Geometry g;
  g.size = {12, 12, 6};
  g.spacing = {1.0, 1.0, 2.0};
  return g;
}

const char* const aggregations[] = {"3d", "2_5d", "2d"};
const char* const ngtdm_outputs[] = {"coarseness", "contrast", "busyness", "complexity", "strength"};

TEST(NeighbourhoodEdgeRois, SingleVoxel) {
  Volume<float> image(grid(), 10.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  mask(6, 6, 3) = 1;
  image(6, 6, 3) = 42.0f;
  const auto row = extract(image, mask);
  for (const std::string a : aggregations) {
    // NGTDM: the voxel has no ROI neighbour, so N_v,c = 0 and every feature is undefined.
    for (const std::string f : ngtdm_outputs) EXPECT_TRUE(std::isnan(row.value("ngtdm_" + f + "_" + a))) << f << a;
    // NGLDM: one centre of level 1 with dependence 1 (itself).
    EXPECT_EQ(row.value("ngldm_low_dependence_emphasis_" + a), 1.0);
    EXPECT_EQ(row.value("ngldm_high_dependence_high_grey_level_emphasis_" + a), 1.0);
    EXPECT_EQ(row.value("ngldm_dependence_count_entropy_" + a), 0.0);
    EXPECT_EQ(row.value("ngldm_dependence_count_percentage_" + a), 1.0);
  }
}

TEST(NeighbourhoodEdgeRois, FlatOneSliceRoi) {
  Volume<float> image(grid(), 0.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  for (std::size_t y = 3; y < 9; ++y)
    for (std::size_t x = 3; x < 9; ++x) mask(x, y, 2) = 1, image(x, y, 2) = 5.0f;
  const auto row = extract(image, mask);
  for (const std::string a : aggregations) {
    // One grey level: s_i = 0, coarseness takes IBSI's 10^6 cap, the rest their defined 0.
    EXPECT_EQ(row.value("ngtdm_coarseness_" + a), 1.0e6);
    for (const std::string f : {"contrast", "busyness", "complexity", "strength"})
      EXPECT_EQ(row.value("ngtdm_" + f + "_" + a), 0.0) << f << a;
    // 6×6 flat square, in-plane dependence: 4 corners j = 4, 16 edge voxels j = 6, 16 inner voxels j = 9, and
    // the 3D neighbourhood finds nothing more in a single slice. HDE = (4·16 + 16·36 + 16·81) / 36.
    EXPECT_NEAR(row.value("ngldm_high_dependence_emphasis_" + a), (4.0 * 16 + 16.0 * 36 + 16.0 * 81) / 36.0, 1e-12);
    EXPECT_EQ(row.value("ngldm_grey_level_variance_" + a), 0.0);
  }
}

}  // namespace
}  // namespace voxfeat::test
