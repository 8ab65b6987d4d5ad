#pragma once
// Grey level run length matrices (IBSI 1 section 3.7, TP0I): one matrix per scope and direction, and its features
// (feature slots in glrlm_formulas.hpp; the formulas are the shared size-zone ones).
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "texture/count_matrix.hpp"
#include "texture/directions.hpp"

namespace voxfeat::kernels::texture {

/// A GLRLM with the number of ROI voxels N_v it was counted over: run percentage divides by N_v, and IBSI sums N_v
/// when matrices are merged, so merge() adds both.
struct RunLengthMatrix {
  CountMatrix runs;  ///< rows: grey level − 1 (Ng), columns: run length − 1
  std::uint64_t voxels = 0;

  void merge(const RunLengthMatrix& other) {
    runs.merge(other.runs);
    voxels += other.voxels;
  }
  [[nodiscard]] bool empty() const { return runs.empty(); }
  friend bool operator==(const RunLengthMatrix&, const RunLengthMatrix&) = default;
};

/// Runs of equal grey level among ROI voxels (level > 0, levels 1..ng) of `scope` along `direction` (a unit
/// direction: runs along m and −m are the same). A run ends at the scope border, at a voxel outside the ROI or at
/// another level. Columns: the longest run the scope allows along the direction.
///
/// Memory: while (ng + 1) × (Nr + 1) is at most 2^20 cells and at most 4 cells per scope voxel, counts each ROI voxel's
/// position in its run densely in 4-byte cells (4 copies while ≤ 2^12 cells: ≤ 4 MiB per task), plus 4 bytes per voxel
/// of two planes and 8 bytes per x row; otherwise counts runs in ng × Nr cells of 8 bytes (same bounds) or collects
/// one 8-byte code per run (≤ 8 bytes × scope voxels) and sorts.
RunLengthMatrix glrlm_matrix(const View3<std::int32_t>& scope, Offset direction, std::uint32_t ng);

/// glrlm_matrix for every direction of `directions` (result i = glrlm_matrix(scope, directions[i], ng), bit for bit),
/// counted in one pass over the scope per group of directions (as many groups as TBB threads may run; counts are
/// exact integers, so the grouping never changes a matrix).
///
/// Memory: while every direction allows runs of ≥ 2 voxels, directions × (ng + 1) × (max Nr + 1) is at most 2^20
/// cells and (ng + 1) × (max Nr + 1) at most 4 cells per scope voxel: 4 bytes per cell (≤ 4 MiB), plus 8 bytes per
/// plane voxel and direction, plus 8 bytes per x row; otherwise one glrlm_matrix per direction (its bounds).
std::vector<RunLengthMatrix> glrlm_matrices(const View3<std::int32_t>& scope, std::span<const Offset> directions,
                                            std::uint32_t ng);

/// The build callable for aggregate_directional: per direction (glrlm_matrix) and batch (glrlm_matrices).
struct GlrlmBuilder {
  std::uint32_t ng = 0;
  RunLengthMatrix operator()(const View3<std::int32_t>& scope, Offset direction) const {
    return glrlm_matrix(scope, direction, ng);
  }
  std::vector<RunLengthMatrix> operator()(const View3<std::int32_t>& scope, std::span<const Offset> directions) const {
    return glrlm_matrices(scope, directions, ng);
  }
};

/// The specification, for tests: walks every line of the scope along the direction from its first voxel and
/// splits it into maximal runs; counts in an ordered map.
RunLengthMatrix glrlm_matrix_reference(const View3<std::int32_t>& scope, Offset direction, std::uint32_t ng);

/// The 16 GLRLM features (order of SizeZoneFeature: short runs emphasis first) of a non-empty matrix;
/// out.size() == size_zone_feature_count.
void glrlm_features(const RunLengthMatrix& matrix, std::span<double> out);

}  // namespace voxfeat::kernels::texture
