// Re-segmentation through the engine: an intensity mask that loses some voxels (zones split by the removed ones),
// and one that loses every voxel. IBSI 1 section 2.5: the morphological mask keeps the voxels; features of the
// intensity mask are undefined when it is empty (NaN, documented in docs/settings.md), never a crash or a 0.
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

/// Every ROI family with every aggregation method, the re-segmentation range [min, 100].
Settings all_families(double min) {
  std::string text = "voxfeat_settings: 1\nresegmentation: {min: " + std::to_string(min) +
                     ", max: 100}\ndiscretisation: {method: fixed_bin_size, bin_size: 1}\nfamilies:\n";
  for (const FamilyDescriptor* f : registry().families()) {
    if (f->compute_objects) continue;  // per-object (microscopy) families take no ROI
    text += "  " + f->name + ": {aggregations: [";
    for (std::size_t a = 0; a < f->aggregations.size(); ++a) text += (a ? ", " : "") + f->aggregations[a].ibsi_code;
    text += "]}\n";
  }
  return Settings::parse(text, registry(), "resegmentation edge");
}

Geometry grid() {
  Geometry g;
  g.size = {9, 9, 9};
  g.spacing = {1.0, 1.0, 1.0};
  return g;
}

/// A line of five voxels along z, intensities 1 1 999 1 1: re-segmentation to [.., 100] removes the middle one.
void make_split_line(Volume<float>& image, Volume<std::uint8_t>& mask) {
  for (std::size_t z = 2; z < 7; ++z) {
    mask(4, 4, z) = 1;
    image(4, 4, z) = z == 4 ? 999.0f : 1.0f;
  }
}

TEST(Resegmentation, SplitsZonesButKeepsTheMorphology) {
  Volume<float> image(grid(), 0.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  make_split_line(image, mask);
  const auto row = detail::extract_roi(image, mask, all_families(-1000), registry());
  // Morphology reads the morphological mask: five voxels of 1 mm³.
  EXPECT_DOUBLE_EQ(row.value("morph_volume_voxel_counting"), 5.0);
  // Intensities: four voxels of 1.
  EXPECT_DOUBLE_EQ(row.value("stat_mean"), 1.0);
  EXPECT_DOUBLE_EQ(row.value("stat_maximum"), 1.0);
  // GLSZM (3D): two zones of size 2 at one grey level (the removed voxel splits the line). IBSI 3.9:
  // SZE = mean of 1/s² = 1/4, LZE = 4, zone percentage = N_s / N_v = 2/4, GLNU = 2²/2, ZSNU = 2²/2.
  EXPECT_DOUBLE_EQ(row.value("glszm_small_zone_emphasis_3d"), 0.25);
  EXPECT_DOUBLE_EQ(row.value("glszm_large_zone_emphasis_3d"), 4.0);
  EXPECT_DOUBLE_EQ(row.value("glszm_zone_percentage_3d"), 0.5);
  EXPECT_DOUBLE_EQ(row.value("glszm_grey_level_non_uniformity_3d"), 2.0);
  EXPECT_DOUBLE_EQ(row.value("glszm_zone_size_non_uniformity_3d"), 2.0);
  // GLDZM distances come from the morphological mask (IBSI 3.10): a one-voxel-thick line is all border, d = 1.
  EXPECT_DOUBLE_EQ(row.value("gldzm_small_distance_emphasis_3d"), 1.0);
  EXPECT_DOUBLE_EQ(row.value("gldzm_zone_percentage_3d"), 0.5);
}

TEST(Resegmentation, EmptyIntensityMaskGivesNanNotACrash) {
  Volume<float> image(grid(), 0.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  make_split_line(image, mask);
  // [500, 100] is refused by the settings; [99, 100] keeps nothing of 1 1 999 1 1.
  const auto row = detail::extract_roi(image, mask, all_families(99), registry());
  std::size_t nan = 0, finite = 0;
  for (std::size_t i = 0; i < row.columns.size(); ++i) {
    const std::string& name = row.columns[i].name;
    const double v = row.values[i];
    // PyRadiomics' shape classes, like IBSI's morphology, use the mask before re-segmentation.
    const bool shape_only = (name.rfind("morph_", 0) == 0 && name != "morph_integrated_intensity" &&
                             name != "morph_morans_i" && name != "morph_gearys_c" &&
                             name != "morph_centre_of_mass_shift") ||
                            name.rfind("original_shape", 0) == 0;
    if (shape_only) {
      // Shape features of a 1×1×5 line: defined from the morphological mask alone (OMBB/MVEE may be NaN for a
      // degenerate, flat hull, so only the volume is pinned here).
      if (name == "morph_volume_voxel_counting") {
        EXPECT_DOUBLE_EQ(v, 5.0);
      }
      continue;
    }
    EXPECT_TRUE(std::isnan(v)) << name << " = " << v << " with an empty intensity mask";
    (std::isnan(v) ? nan : finite)++;
  }
  EXPECT_GT(nan, 300u);
}

}  // namespace
}  // namespace voxfeat::test
