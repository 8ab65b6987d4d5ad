// Built-in family "pyradiomics_ngtdm": PyRadiomics' ngtdm class, with its definitions and column names
// (docs/pyradiomics.md), for users moving from PyRadiomics. Not in the default settings: a PyRadiomics parameter
// file enables it (profile "pyradiomics").
#include <array>

#include "pyradiomics/ngtdm.hpp"
#include "support/pyradiomics_texture_family.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {
namespace {

std::array<double, 5> ngtdm_values(const kernels::pyradiomics::GreyLevels& levels, const ParamValues& params) {
  const auto matrix = kernels::pyradiomics::ngtdm_matrix(levels, pyradiomics_offsets(levels, params));
  const auto f = kernels::pyradiomics::ngtdm_features(matrix);
  return {f.coarseness, f.contrast, f.busyness, f.complexity, f.strength};
}

}  // namespace

void register_pyradiomics_ngtdm(Registry& registry) {
  registry.add(pyradiomics_texture_family(
      "ngtdm",
      "PyRadiomics' ngtdm class (radiomics/ngtdm.py): per grey level i, n_i voxels and s_i = sum of |i - A| with A "
      "the mean grey level of the voxel's ROI neighbours at the distances' Chebyshev rings (in the plane with "
      "force2D), the centre excluded. Unlike IBSI, a voxel without ROI neighbour counts in n_i with a difference of "
      "0. Grey levels are PyRadiomics' bins (fixed width counted from 0); i is the bin number. Column names as "
      "PyRadiomics writes them.",
      pyradiomics_texture_params(/*with_distances=*/true),
      {
          {"Coarseness", "1", "", "1 / sum of p_i s_i; 10^6 when that sum is 0."},
          {"Contrast", "1", "",
           "Sum over level pairs of p_i p_j (i - j)^2 / (N_g,p (N_g,p - 1)), times sum of s_i / N_v,p; 0 for one "
           "level."},
          {"Busyness", "1", "", "Sum of p_i s_i / sum over level pairs of |i p_i - j p_j|; 0 when the latter is 0."},
          {"Complexity", "1", "", "Sum over level pairs of |i - j| (p_i s_i + p_j s_j) / (p_i + p_j), over N_v,p."},
          {"Strength", "1", "", "Sum over level pairs of (p_i + p_j)(i - j)^2 / sum of s_i; 0 when sum of s_i is 0."},
      },
      &ngtdm_values));
}

}  // namespace voxfeat::plugins
