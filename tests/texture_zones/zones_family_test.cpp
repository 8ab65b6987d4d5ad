// The glszm and gldzm families through the engine: descriptors, parameters, degenerate ROIs.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "extraction/extractor.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

Settings zone_settings(const std::string& linkage = "1") {
  return Settings::parse("voxfeat_settings: 1\nlabel: nonzero\n"
                         "discretisation: {method: fixed_bin_size, bin_size: 1, lower_bound: auto}\n"
                         "families:\n"
                         "  glszm: {linkage_distance: " + linkage + ", aggregations: [\"2D\", \"2.5D\", \"3D\"]}\n"
                         "  gldzm: {linkage_distance: " + linkage + ", aggregations: [\"2D\", \"2.5D\", \"3D\"]}\n",
                         registry(), "test");
}

Geometry grid() {
  Geometry g;
  g.size = {10, 10, 5};
  g.spacing = {1.0, 1.0, 2.0};
  return g;
}

TEST(ZoneFamilies, SixteenOutputsWithIbsiCodes) {
  for (const char* name : {"glszm", "gldzm"}) {
    const FamilyDescriptor& f = registry().at(name);
    EXPECT_EQ(f.outputs.size(), 16u);
    for (const auto& o : f.outputs) EXPECT_EQ(o.ibsi_code.size(), 4u) << o.name;
    EXPECT_EQ(f.aggregations.size(), 3u);
  }
}

TEST(ZoneFamilies, SingleVoxelRoi) {
  Volume<float> image(grid(), 10.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  mask(5, 5, 2) = 1;
  const auto row = detail::extract_roi(image, mask, zone_settings(), registry());
  for (const char* suffix : {"_2d", "_2_5d", "_3d"}) {
    // One zone of one voxel at level 1, distance 1: every emphasis 1, zone percentage 1, variances 0.
    EXPECT_EQ(row.value(std::string("glszm_large_zone_emphasis") + suffix), 1.0);
    EXPECT_EQ(row.value(std::string("glszm_zone_percentage") + suffix), 1.0);
    EXPECT_EQ(row.value(std::string("gldzm_small_distance_emphasis") + suffix), 1.0);
    EXPECT_EQ(row.value(std::string("gldzm_zone_distance_variance") + suffix), 0.0);
  }
}

TEST(ZoneFamilies, FlatBoxDistanceFromMorphologicalMask) {
  // A flat 5×5×3 box: one zone (3D), 75 voxels; its distance is 1 (its surface). Per slice (2D): one zone of 25.
  Volume<float> image(grid(), 7.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  for (std::size_t z = 1; z < 4; ++z)
    for (std::size_t y = 2; y < 7; ++y)
      for (std::size_t x = 2; x < 7; ++x) mask(x, y, z) = 1;
  const auto row = detail::extract_roi(image, mask, zone_settings(), registry());
  EXPECT_NEAR(row.value("glszm_large_zone_emphasis_3d"), 75.0 * 75.0, 1e-9);  // one rounding of 75²
  EXPECT_NEAR(row.value("glszm_large_zone_emphasis_2d"), 25.0 * 25.0, 1e-9);
  EXPECT_NEAR(row.value("glszm_zone_percentage_2_5d"), 3.0 / 75.0, 1e-15);
  EXPECT_EQ(row.value("gldzm_small_distance_emphasis_3d"), 1.0);
  EXPECT_EQ(row.value("gldzm_zone_distance_entropy_2d"), 0.0);
}

TEST(ZoneFamilies, SharedZonesGiveEachFamilyItsValuesAlone) {
  // GLSZM and GLDZM count the same zones, labelled once per ROI and scope kind (RoiContext::shared) for both
  // families when both run. Values must be those of each family alone, for every aggregation and linkage distance.
  Geometry g;
  g.size = {24, 22, 12};
  Volume<float> image(g, 0.0f);
  Volume<std::uint8_t> mask(g, 0);
  std::uint32_t state = 99;
  const auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (std::size_t z = 1; z < 11; ++z)
    for (std::size_t y = 2; y < 20; ++y)
      for (std::size_t x = 3; x < 21; ++x) {
        mask(x, y, z) = (next() % 7) != 0;
        image(x, y, z) = float(next() % 6);
      }
  for (const char* linkage : {"1", "2"}) {
    const Settings both = zone_settings(linkage);
    for (const char* alone : {"glszm", "gldzm"}) {
      Settings one = both;
      std::erase_if(one.families, [&](const FamilySettings& f) { return f.name != alone; });
      const auto together = detail::extract_roi(image, mask, both, registry());
      const auto single = detail::extract_roi(image, mask, one, registry());
      ASSERT_FALSE(single.columns.empty());
      for (std::size_t c = 0; c < single.columns.size(); ++c) {
        const double a = single.values[c], b = together.value(single.columns[c].name);
        EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << single.columns[c].name << " " << a << " " << b;
      }
    }
  }
}

TEST(ZoneFamilies, RejectsLinkageOutOfRange) {
  Volume<float> image(grid(), 1.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  mask(5, 5, 2) = 1;
  // Refused when the settings are read (ParamSpec range), before any case runs, naming the key.
  for (const char* bad : {"0", "6"}) {
    try {
      detail::extract_roi(image, mask, zone_settings(bad), registry());
      ADD_FAILURE() << "linkage_distance " << bad << " accepted";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("linkage_distance: must be in 1..5, got " + std::string(bad)),
                std::string::npos)
          << e.what();
    }
  }
}

}  // namespace
}  // namespace voxfeat::test
