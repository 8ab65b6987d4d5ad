#pragma once
// Neighbouring grey level dependence matrix (IBSI 1 section 3.11, REK0), IBSI's definition: every ROI voxel is a
// centre; its dependence j counts itself and the ROI voxels within Chebyshev distance δ whose level differs by at
// most α (neighbours outside the ROI never count), so 1 ≤ j ≤ (2δ+1)^d.
#include <span>

#include "common/views.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::texture {

/// Rows: grey level i − 1 (Ng rows); columns: dependence j − 1 ((2δ+1)^d columns, d = 3 or 2).
/// Time O(voxels × (2δ+1)^d), parallel over rows of the scope. Memory: counted densely per worker thread while
/// Ng × columns ≤ 2^20 cells (8 MiB per thread), else one 8-byte cell code per ROI voxel, sorted. Counts are
/// integers: bit-identical for any thread count. `three_d` = false: in-plane neighbourhood (8 voxels at δ = 1).
/// Throws std::invalid_argument for δ < 1, α < 0 or a level above `level_count`.
CountMatrix ngldm_matrix(const View3<std::int32_t>& scope, bool three_d, int delta, int alpha, int level_count);

/// The specification: plain loops over every voxel and every neighbour, for tests.
CountMatrix ngldm_matrix_reference(const View3<std::int32_t>& scope, bool three_d, int delta, int alpha,
                                   int level_count);

/// The 17 IBSI features of a matrix, in the order of ngldm::Feature (ngldm_formulas.hpp); all NaN for an empty matrix.
void ngldm_features(const CountMatrix& matrix, std::span<double> out);

}  // namespace voxfeat::kernels::texture
