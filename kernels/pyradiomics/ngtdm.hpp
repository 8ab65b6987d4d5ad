#pragma once
// PyRadiomics' neighbouring grey tone difference matrix and its 5 features (radiomics/ngtdm.py, v3; matrix by
// calculate_ngtdm in radiomics/src/cmatrices.c). A voxel's neighbourhood is its ROI voxels at the angles (both
// directions, every Chebyshev distance of the `distances` setting, in the plane with force2D), the centre excluded.
// Unlike IBSI, a voxel with no ROI neighbour still counts in n_i (its difference is taken as 0), so N_v,p = N_p.
#include <cstdint>
#include <span>
#include <vector>

#include "pyradiomics/angles.hpp"
#include "pyradiomics/binning.hpp"

namespace voxfeat::kernels::pyradiomics {

/// The matrix as PyRadiomics keeps it once its empty grey levels are deleted: one entry per present level.
struct NgtdmMatrix {
  std::vector<int> levels;            ///< i, ascending
  std::vector<std::uint64_t> counts;  ///< n_i ≥ 1
  std::vector<double> sums;           ///< s_i = Σ |i − Ā| over the voxels of level i
};

/// `offsets`: the bidirectional angles (pyradiomics/angles.hpp), none of them 0. A voxel of the box is visited
/// once; rows run in parallel in a fixed partition into chunks whose partial s_i are added in chunk order, so the
/// sums are the same for any thread count. Memory: two sums per box column per chunk, and at most about 2^22
/// partial cells in all.
NgtdmMatrix ngtdm_matrix(const GreyLevels& levels, std::span<const Offset> offsets);

struct NgtdmFeatures {
  double coarseness, contrast, busyness, complexity, strength;
};

/// The features of a matrix with at least one level: Coarseness 10^6 when Σ p_i s_i = 0; Contrast 0 for a single
/// level; Busyness 0 when its denominator Σ Σ |i p_i − j p_j| is 0; Strength 0 when Σ s_i = 0.
NgtdmFeatures ngtdm_features(const NgtdmMatrix& matrix);

}  // namespace voxfeat::kernels::pyradiomics
