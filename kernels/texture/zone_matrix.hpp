#pragma once
// The matrix of the zone families (GLSZM, GLDZM): zone counts by grey level (row) and size or distance (column),
// with N_v, the voxel count of the scope(s) it was counted over, which zone percentage needs and which merging
// sums (IBSI 1, 9SAK/VMDZ "Aggregating features").
#include <cstdint>
#include <span>
#include <vector>

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

/// The 16 size_zone_features of a non-empty "grey level × size" count matrix (GLSZM, GLDZM, GLRLM) counted over
/// `voxel_count` voxels into out (out.size() == size_zone_feature_count): marginals from the sparse entries.
void size_matrix_features(const CountMatrix& counts, std::uint64_t voxel_count, std::span<double> out);

/// size_matrix_features of a zone matrix.
void zone_matrix_features(const ZoneMatrix& matrix, std::span<double> out);

}  // namespace voxfeat::kernels::texture
