#pragma once
// Voxel-set statistics of the morphological and intensity masks: voxel counts, centres of mass and the covariance
// that PCA-based features use (IBSI 1, point sets X_c and X_c,gl).
#include <array>
#include <cstddef>
#include <cstdint>

#include "common/views.hpp"
#include "morphology/mesh.hpp"

namespace voxfeat::kernels::morphology {

struct VoxelMoments {
  std::size_t count = 0;
  Point3 centroid{};                  ///< mm, voxel centres at (i·s0, j·s1, k·s2); NaN when count == 0
  /// Sample covariance (divided by count − 1) of the voxel centres, mm^2, row-major 3×3; NaN when count < 2. The
  /// IBSI 1 manual does not say which normalisation PCA uses; the consensus values (digital phantom: minor axis
  /// 9.31 ± 0.06 mm) are those of the sample covariance (numpy.cov), the population one gives 9.24 mm.
  std::array<double, 9> covariance{};
};

/// Moments of the non-zero voxels of `mask`. Index sums are accumulated in 64-bit integers, so the result is exact
/// up to the final conversion and independent of the thread count.
VoxelMoments voxel_moments(const View3<std::uint8_t>& mask);

struct IntensityMoments {
  std::size_t count = 0;      ///< N_v,gl
  double sum = 0;             ///< Σ X_gl
  double mean = 0;            ///< μ; NaN when count == 0
  Point3 weighted_centroid{}; ///< Σ X_gl·x / Σ X_gl (mm), CoM_gl of KLMA; NaN when Σ X_gl == 0
};

/// Intensity sums over the non-zero voxels of `mask` (same grid as `image`). Sums run per z-slice and then over the
/// slices in order: the same doubles for any thread count.
IntensityMoments intensity_moments(const View3<float>& image, const View3<std::uint8_t>& mask);

/// Eigenvalues of a symmetric 3×3 covariance, descending (λ_major ≥ λ_minor ≥ λ_least, IBSI 1 TDIC/P9VJ/7J51);
/// tiny negative round-off is clamped to 0. NaN in, NaN out.
std::array<double, 3> principal_variances(const std::array<double, 9>& covariance);

}  // namespace voxfeat::kernels::morphology
