// Built-in family "pyradiomics_gldm": PyRadiomics' gldm class, with its definitions and column names
// (docs/pyradiomics.md), for users moving from PyRadiomics. Not in the default settings: a PyRadiomics parameter
// file enables it (profile "pyradiomics").
#include <array>

#include "pyradiomics/gldm.hpp"
#include "support/pyradiomics_texture_family.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {
namespace {

std::array<double, 14> gldm_values(const kernels::pyradiomics::GreyLevels& levels, const ParamValues& params) {
  const auto matrix =
      kernels::pyradiomics::gldm_matrix(levels, pyradiomics_offsets(levels, params), params.real("gldm_a"));
  const auto f = kernels::pyradiomics::gldm_features(matrix);
  return {f.small_dependence_emphasis,
          f.large_dependence_emphasis,
          f.gray_level_non_uniformity,
          f.dependence_non_uniformity,
          f.dependence_non_uniformity_normalized,
          f.gray_level_variance,
          f.dependence_variance,
          f.dependence_entropy,
          f.low_gray_level_emphasis,
          f.high_gray_level_emphasis,
          f.small_dependence_low_gray_level_emphasis,
          f.small_dependence_high_gray_level_emphasis,
          f.large_dependence_low_gray_level_emphasis,
          f.large_dependence_high_gray_level_emphasis};
}

}  // namespace

void register_pyradiomics_gldm(Registry& registry) {
  auto params = pyradiomics_texture_params(/*with_distances=*/true);
  params.push_back({"gldm_a", ParamType::real, "0",
                    "gldm_a: a neighbour of grey level j depends on a centre of level i when |i - j| <= gldm_a"});
  registry.add(pyradiomics_texture_family(
      "gldm",
      "PyRadiomics' gldm class (radiomics/gldm.py): P(i, j) = number of voxels of grey level i with j - 1 "
      "dependent neighbours (ROI voxels at the distances' Chebyshev rings, in the plane with force2D, whose grey "
      "level differs by at most gldm_a; the centre counts, so j >= 1). Grey levels are PyRadiomics' bins (fixed "
      "width counted from 0); i is the bin number. Normalised by N_z = N_p; DependenceEntropy adds eps = 2.2e-16 "
      "inside log2. Column names as PyRadiomics writes them.",
      std::move(params),
      {
          {"SmallDependenceEmphasis", "1", "", "Sum of P(i, j) / j^2 over N_z."},
          {"LargeDependenceEmphasis", "1", "", "Sum of P(i, j) j^2 over N_z."},
          {"GrayLevelNonUniformity", "1", "", "Sum over i of (sum over j of P(i, j))^2, over N_z."},
          {"DependenceNonUniformity", "1", "", "Sum over j of (sum over i of P(i, j))^2, over N_z."},
          {"DependenceNonUniformityNormalized", "1", "", "Sum over j of (sum over i of P(i, j))^2, over N_z^2."},
          {"GrayLevelVariance", "1", "", "Variance of the grey level i under p(i, j) = P(i, j) / N_z."},
          {"DependenceVariance", "1", "", "Variance of the dependence j under p(i, j)."},
          {"DependenceEntropy", "1", "", "-Sum of p(i, j) log2(p(i, j) + eps) (bits)."},
          {"LowGrayLevelEmphasis", "1", "", "Sum of P(i, j) / i^2 over N_z."},
          {"HighGrayLevelEmphasis", "1", "", "Sum of P(i, j) i^2 over N_z."},
          {"SmallDependenceLowGrayLevelEmphasis", "1", "", "Sum of P(i, j) / (i^2 j^2) over N_z."},
          {"SmallDependenceHighGrayLevelEmphasis", "1", "", "Sum of P(i, j) i^2 / j^2 over N_z."},
          {"LargeDependenceLowGrayLevelEmphasis", "1", "", "Sum of P(i, j) j^2 / i^2 over N_z."},
          {"LargeDependenceHighGrayLevelEmphasis", "1", "", "Sum of P(i, j) i^2 j^2 over N_z."},
      },
      &gldm_values));
}

}  // namespace voxfeat::plugins
