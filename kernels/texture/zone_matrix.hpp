#pragma once
// The matrix of the zone families (GLSZM, GLDZM): zone counts by grey level (row) and size or distance (column),
// with N_v, the voxel count of the scope(s) it was counted over, which zone percentage needs and which merging
// sums (IBSI 1, 9SAK/VMDZ "Aggregating features").
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "common/hd.hpp"
#include "texture/count_matrix.hpp"
#include "texture/size_zone_formulas.hpp"
#include "texture/zones.hpp"

namespace voxfeat::kernels::texture {

struct ZoneMatrix {
  CountMatrix counts;
  std::uint64_t voxels = 0;  ///< N_v

  void merge(const ZoneMatrix& other) {
    counts.merge(other.counts);
    voxels += other.voxels;
  }
  [[nodiscard]] bool empty() const { return counts.empty(); }
  friend bool operator==(const ZoneMatrix&, const ZoneMatrix&) = default;
};

enum class ZoneColumn { size, distance };

/// Counts `zones` into a level_count × (largest size or distance) matrix; rows grow to the highest level present
/// when it exceeds level_count. A zone's column is its size − 1 or its distance − 1 (a distance of 0, a zone
/// outside the distance map's mask, counts as 1). Columns below 2^16 / rows are counted densely (at most 2^16 cells,
/// 512 KiB), larger zones from one sorted 8-byte code each: memory O(2^16 + zones) whatever the number of grey
/// levels, and no sort of the many small zones.
ZoneMatrix zone_matrix(std::span<const Zone> zones, int level_count, ZoneColumn column);

/// A zone's column: size − 1, or distance − 1 with a distance of 0 counted as 1. Shared with the GPU (cuda/zones).
VOXFEAT_HD inline std::uint32_t zone_column(std::uint32_t size, std::uint32_t distance, ZoneColumn column) {
  return column == ZoneColumn::size ? size - 1 : (distance > 1u ? distance : 1u) - 1;
}

/// The columns zone_matrix counts densely in a rows × cols matrix (rows × split ≤ 2^16 cells; 0 when rows > 2^16);
/// the zones of the other columns go as codes (row · cols + col).
inline std::uint32_t zone_dense_columns(std::uint32_t rows, std::uint32_t cols) {
  constexpr std::uint64_t dense_cells = std::uint64_t(1) << 16;
  if (rows == 0 || rows > dense_cells) return 0;
  return std::uint32_t(std::min<std::uint64_t>(cols, dense_cells / rows));
}

/// The rows × cols matrix of `dense` (rows × split counts, row-major) and `codes` (the other zones' cells, row ·
/// cols + col, in any order: sorted here). zone_matrix's last step, shared with the GPU builder (cuda/zones.cu).
CountMatrix zone_counts(std::uint32_t rows, std::uint32_t cols, std::uint32_t split,
                        std::span<const std::uint64_t> dense, std::span<std::uint64_t> codes);

/// The 16 size_zone_features of a non-empty "grey level × size" count matrix (GLSZM, GLDZM, GLRLM) counted over
/// `voxel_count` voxels into out (out.size() == size_zone_feature_count): marginals from the sparse entries.
void size_matrix_features(const CountMatrix& counts, std::uint64_t voxel_count, std::span<double> out);

/// size_matrix_features of a zone matrix.
void zone_matrix_features(const ZoneMatrix& matrix, std::span<double> out);

}  // namespace voxfeat::kernels::texture
