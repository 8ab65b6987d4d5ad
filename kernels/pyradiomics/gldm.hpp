#pragma once
// PyRadiomics' grey level dependence matrix and its 14 features (radiomics/gldm.py, v3; matrix by calculate_gldm in
// radiomics/src/cmatrices.c). A voxel of level i depends on each neighbour at its angles (both directions, every
// Chebyshev distance of the `distances` setting, in the plane with force2D) that is in the ROI with |i − j| ≤ α
// (gldm_a); its column is the number of those plus one (the centre counts). Every ROI voxel counts once, so
// N_z = N_p. Rows of absent grey levels and columns of absent dependences are left out: i is the grey level itself.
#include <span>

#include "pyradiomics/angles.hpp"
#include "pyradiomics/binning.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::pyradiomics {

/// Dependence counts: row i − 1 for grey level i, column j − 1 for dependence j, non-zero cells only. `offsets`:
/// the bidirectional angles (pyradiomics/angles.hpp), none of them 0. A voxel of the box is visited once; rows run
/// in parallel in a fixed partition into chunks; counts are integers, so the matrix is the same for any thread
/// count. Memory: one dependence count per box column per chunk, and at most about 2^22 partial cells in all.
texture::CountMatrix gldm_matrix(const GreyLevels& levels, std::span<const Offset> offsets, double alpha);

struct GldmFeatures {
  double small_dependence_emphasis, large_dependence_emphasis, gray_level_non_uniformity,
      dependence_non_uniformity, dependence_non_uniformity_normalized, gray_level_variance, dependence_variance,
      dependence_entropy, low_gray_level_emphasis, high_gray_level_emphasis,
      small_dependence_low_gray_level_emphasis, small_dependence_high_gray_level_emphasis,
      large_dependence_low_gray_level_emphasis, large_dependence_high_gray_level_emphasis;
};

/// The features of a non-empty matrix, normalised by N_z = N_p; DependenceEntropy with ε
/// (pyradiomics/matrix_entropy.hpp). PyRadiomics' deprecated GLNN and DependencePercentage are not computed.
GldmFeatures gldm_features(const texture::CountMatrix& matrix);

}  // namespace voxfeat::kernels::pyradiomics
