#pragma once
// Intensity-volume histogram features (IBSI 1 P88C, section 3.5) from per-level voxel counts, one formula for CPU
// and GPU. The IVH is evaluated at the levels i_k = G_min + k w_d, k = 0..L−1, of the range G = [G_min, G_max]:
//   ν_k = 1 − (1/N) Σ [X_d,gl < i_k]      (volume fraction with intensity ≥ i_k)
//   γ_k = (i_k − G_min) / (G_max − G_min) = k w_d / (G_max − G_min)   (intensity fraction)
#include <cmath>
#include <cstdint>

#include "common/hd.hpp"

namespace voxfeat::kernels {

/// The evaluated levels: level k has intensity first_level + k·step. `fraction_span` is G_max − G_min.
struct IvhGrid {
  double first_level = 0.0;
  double step = 1.0;
  double fraction_span = 0.0;  ///< ≤ 0 when G is a single point: intensity fractions are then undefined
  int level_count = 1;
};

struct IvhFeatures {
  double v10 = NAN;             ///< BC2M, V10
  double v90 = NAN;             ///< BC2M, V90
  double i10 = NAN;             ///< GBPN, I10
  double i90 = NAN;             ///< GBPN, I90
  double v10_minus_v90 = NAN;   ///< DDTU
  double i10_minus_i90 = NAN;   ///< CNV2
  double area_under_curve = NAN;  ///< 9CMM (no IBSI reference value)
};

/// counts[k]: voxels whose discretised intensity is at least level k and below level k + 1 (the last level
/// keeps only its own value); below: voxels under level 0; total: every ROI voxel (also those above the last
/// level, which count in N but are never below a level). single_intensity: the ROI holds one discretised
/// intensity only, for which the manual sets the area under the curve to 0.
///
/// BC2M V_x: the largest ν_k with γ_k ≥ x, i.e. ν at the first such level (ν never increases); NaN when γ is
///   undefined or no level reaches x.
/// GBPN I_x: the lowest level i_k with ν_k ≤ x; NaN when no level of G qualifies (e.g. a flat ROI).
/// 9CMM: trapezoidal area under ν(γ); 0 for a single intensity, NaN when γ is undefined.
VOXFEAT_HD inline IvhFeatures ivh_features(const std::uint64_t* counts, const IvhGrid& grid, std::uint64_t below,
                                           std::uint64_t total, bool single_intensity) {
  IvhFeatures f;
  if (total == 0 || grid.level_count < 1) return f;
  const bool fractions_defined = grid.fraction_span > 0.0;
  const double n = double(total);
  bool have_v10 = false, have_v90 = false, have_i10 = false, have_i90 = false;
  std::uint64_t under = below;  // voxels below the current level
  double previous_gamma = 0.0, previous_nu = 0.0, area = 0.0;
  for (int k = 0; k < grid.level_count; ++k) {
    const double nu = double(total - under) / n;
    if (fractions_defined) {
      const double gamma = double(k) * grid.step / grid.fraction_span;
      if (!have_v10 && gamma >= 0.10) f.v10 = nu, have_v10 = true;
      if (!have_v90 && gamma >= 0.90) f.v90 = nu, have_v90 = true;
      if (k > 0) area += (gamma - previous_gamma) * 0.5 * (nu + previous_nu);
      previous_gamma = gamma;
      previous_nu = nu;
    }
    const double level = grid.first_level + double(k) * grid.step;
    if (!have_i10 && nu <= 0.10) f.i10 = level, have_i10 = true;
    if (!have_i90 && nu <= 0.90) f.i90 = level, have_i90 = true;
    under += counts[k];
  }
  f.v10_minus_v90 = f.v10 - f.v90;
  f.i10_minus_i90 = f.i10 - f.i90;
  f.area_under_curve = single_intensity ? 0.0 : (fractions_defined ? area : NAN);
  return f;
}

}  // namespace voxfeat::kernels
