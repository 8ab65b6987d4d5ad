// Built-in family "pyradiomics_glszm": PyRadiomics' glszm class, with its definitions and column names
// (docs/pyradiomics.md), for users moving from PyRadiomics. Not in the default settings: a PyRadiomics parameter
// file enables it (profile "pyradiomics").
#include <array>

#include "pyradiomics/glszm.hpp"
#include "support/pyradiomics_texture_family.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {
namespace {

std::array<double, 16> glszm_values(const kernels::pyradiomics::GreyLevels& levels, const ParamValues& params) {
  const auto matrix = kernels::pyradiomics::glszm_matrix(levels, pyradiomics_force2d_dimension(params));
  const auto f = kernels::pyradiomics::glszm_features(matrix, levels.voxel_count);
  return {f.small_area_emphasis,
          f.large_area_emphasis,
          f.gray_level_non_uniformity,
          f.gray_level_non_uniformity_normalized,
          f.size_zone_non_uniformity,
          f.size_zone_non_uniformity_normalized,
          f.zone_percentage,
          f.gray_level_variance,
          f.zone_variance,
          f.zone_entropy,
          f.low_gray_level_zone_emphasis,
          f.high_gray_level_zone_emphasis,
          f.small_area_low_gray_level_emphasis,
          f.small_area_high_gray_level_emphasis,
          f.large_area_low_gray_level_emphasis,
          f.large_area_high_gray_level_emphasis};
}

}  // namespace

void register_pyradiomics_glszm(Registry& registry) {
  registry.add(pyradiomics_texture_family(
      "glszm",
      "PyRadiomics' glszm class (radiomics/glszm.py): P(i, j) = number of zones (connected voxels of grey level i: "
      "26-connected, 8 in the plane with force2D; the distances setting does not apply) of size j. Grey levels are "
      "PyRadiomics' bins (fixed width counted from 0); i is the bin number. Normalised by the zone count N_z; "
      "ZoneEntropy adds eps = 2.2e-16 inside log2. Column names as PyRadiomics writes them.",
      pyradiomics_texture_params(/*with_distances=*/false),
      {
          {"SmallAreaEmphasis", "1", "", "Sum of P(i, j) / j^2 over N_z."},
          {"LargeAreaEmphasis", "1", "", "Sum of P(i, j) j^2 over N_z."},
          {"GrayLevelNonUniformity", "1", "", "Sum over i of (sum over j of P(i, j))^2, over N_z."},
          {"GrayLevelNonUniformityNormalized", "1", "", "Sum over i of (sum over j of P(i, j))^2, over N_z^2."},
          {"SizeZoneNonUniformity", "1", "", "Sum over j of (sum over i of P(i, j))^2, over N_z."},
          {"SizeZoneNonUniformityNormalized", "1", "", "Sum over j of (sum over i of P(i, j))^2, over N_z^2."},
          {"ZonePercentage", "1", "", "N_z / N_p (zones per ROI voxel)."},
          {"GrayLevelVariance", "1", "", "Variance of the grey level i under p(i, j) = P(i, j) / N_z."},
          {"ZoneVariance", "1", "", "Variance of the zone size j under p(i, j)."},
          {"ZoneEntropy", "1", "", "-Sum of p(i, j) log2(p(i, j) + eps) (bits)."},
          {"LowGrayLevelZoneEmphasis", "1", "", "Sum of P(i, j) / i^2 over N_z."},
          {"HighGrayLevelZoneEmphasis", "1", "", "Sum of P(i, j) i^2 over N_z."},
          {"SmallAreaLowGrayLevelEmphasis", "1", "", "Sum of P(i, j) / (i^2 j^2) over N_z."},
          {"SmallAreaHighGrayLevelEmphasis", "1", "", "Sum of P(i, j) i^2 / j^2 over N_z."},
          {"LargeAreaLowGrayLevelEmphasis", "1", "", "Sum of P(i, j) j^2 / i^2 over N_z."},
          {"LargeAreaHighGrayLevelEmphasis", "1", "", "Sum of P(i, j) i^2 j^2 over N_z."},
      },
      &glszm_values));
}

}  // namespace voxfeat::plugins
