#pragma once
// PyRadiomics' grey level size zone matrix and its 16 features (radiomics/glszm.py, v3; matrix by calculate_glszm in
// radiomics/src/cmatrices.c). A zone is a connected component of equal grey level under the distance-1 angles in
// both directions: 26-connectivity, or 8 within the plane with force2D, whatever the `distances` setting. Rows of
// absent grey levels and columns of absent sizes are left out, so i is the grey level itself and N_g is no divisor.
#include <cstdint>

#include "pyradiomics/angles.hpp"
#include "pyradiomics/binning.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::pyradiomics {

/// Zone counts: row i − 1 for grey level i, column j − 1 for zone size j, non-zero cells only.
/// `force2d_dimension`: the axis no zone crosses in numpy's order (0 = z, 1 = y, 2 = x), or no_force2d.
texture::CountMatrix glszm_matrix(const GreyLevels& levels, int force2d_dimension);

struct GlszmFeatures {
  double small_area_emphasis, large_area_emphasis, gray_level_non_uniformity, gray_level_non_uniformity_normalized,
      size_zone_non_uniformity, size_zone_non_uniformity_normalized, zone_percentage, gray_level_variance,
      zone_variance, zone_entropy, low_gray_level_zone_emphasis, high_gray_level_zone_emphasis,
      small_area_low_gray_level_emphasis, small_area_high_gray_level_emphasis, large_area_low_gray_level_emphasis,
      large_area_high_gray_level_emphasis;
};

/// The features of a non-empty matrix counted over `voxel_count` ROI voxels (N_p): everything normalised by the
/// zone count N_z, ZonePercentage = N_z / N_p, ZoneEntropy with ε (pyradiomics/matrix_entropy.hpp).
GlszmFeatures glszm_features(const texture::CountMatrix& matrix, std::uint64_t voxel_count);

}  // namespace voxfeat::kernels::pyradiomics
