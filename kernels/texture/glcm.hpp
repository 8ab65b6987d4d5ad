#pragma once
// Grey level co-occurrence matrices (IBSI 1 section 3.6, LFYI): building one matrix per scope and offset, and the
// features of a matrix (formulas in glcm_formulas.hpp, shared with CUDA).
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "texture/count_matrix.hpp"
#include "texture/directions.hpp"

namespace voxfeat::kernels::texture {

/// Co-occurrences of ROI voxel pairs (v, v + offset) with both voxels inside `scope` and in the ROI (level > 0;
/// levels 1..ng). Row = level of v − 1, column = level of v + offset − 1. `symmetric`: each pair is also counted
/// as (v + offset, v), i.e. M_m+ + M_m− = M + Mᵀ, as IBSI defines the GLCM.
///
/// Memory: counts densely in 4 interleaved copies of (ng + 1)² cells of 4 bytes while that is at most 2^19 cells
/// (ng ≤ 723) and at most 4 cells per scope voxel (≤ 8 MiB per task, plus 8 bytes per x row); otherwise collects one 8-byte code per pair
/// (≤ 8 bytes × scope voxels) and sorts.
/// The result is a sparse CountMatrix (ng × ng): its size is the number of distinct pairs, never ng².
CountMatrix glcm_matrix(const View3<std::int32_t>& scope, Offset offset, std::uint32_t ng, bool symmetric);

/// glcm_matrix for every offset of `offsets` (result i = glcm_matrix(scope, offsets[i], ng, symmetric), bit for bit)
/// in one pass over the scope: each ROI voxel is read once as v, its neighbours at the offsets as linear-index steps
/// (scope bounds handled per x row). The scope is split into z-slabs counted in parallel (TBB), one set of partial
/// counts per worker thread, summed exactly (integers): identical for any thread count.
///
/// Memory: while offsets × (ng + 1)² is at most 2^20 cells (e.g. 13 offsets × 283 levels) and (ng + 1)² at most
/// 4 cells per scope voxel, offsets × ((ng + 1)² + extent x) cells of 4 bytes per worker thread (≤ 4 MiB + a row
/// buffer per offset) and 8 bytes per level in total (levels present), plus 8 bytes per x row; with more levels
/// present, falls back to one glcm_matrix per offset (its bounds, in parallel).
std::vector<CountMatrix> glcm_matrices(const View3<std::int32_t>& scope, std::span<const Offset> offsets,
                                       std::uint32_t ng, bool symmetric);

/// The build callable for aggregate_directional: per offset (glcm_matrix) and batch (glcm_matrices), so that the
/// aggregation counts all directions of a scope in one pass.
struct GlcmBuilder {
  std::uint32_t ng = 0;
  bool symmetric = true;
  CountMatrix operator()(const View3<std::int32_t>& scope, Offset offset) const {
    return glcm_matrix(scope, offset, ng, symmetric);
  }
  std::vector<CountMatrix> operator()(const View3<std::int32_t>& scope, std::span<const Offset> offsets) const {
    return glcm_matrices(scope, offsets, ng, symmetric);
  }
};

/// The specification, for tests: plain loops over every voxel and its neighbour, counts in an ordered map.
CountMatrix glcm_matrix_reference(const View3<std::int32_t>& scope, Offset offset, std::uint32_t ng, bool symmetric);

/// The 25 GLCM features (order of glcm::Feature) of a non-empty matrix; out.size() == glcm::feature_count.
/// Ng in the normalised features is matrix.rows() (the discretisation's level count).
void glcm_features(const CountMatrix& matrix, std::span<double> out);

}  // namespace voxfeat::kernels::texture
