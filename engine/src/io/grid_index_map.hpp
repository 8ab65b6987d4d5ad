#pragma once
// Physical (LPS, mm) → continuous voxel index of a grid: the inverse of Geometry::index_to_physical. Contours and
// SEG frames are placed with it, so that any grid orientation (not only axis-aligned) is handled in one place.
#include <array>

#include "voxfeat/volume.hpp"

namespace voxfeat::io {

class GridIndexMap {
 public:
  /// Throws InputError when the grid's direction × spacing matrix cannot be inverted (a degenerate grid).
  explicit GridIndexMap(const Geometry& grid);

  /// (i, j, k) such that grid.index_to_physical(i, j, k) == physical; integer values are voxel centres.
  [[nodiscard]] Vec3 continuous_index(const Vec3& physical) const;

 private:
  Vec3 m_origin;
  std::array<double, 9> m_physical_to_index;  ///< row-major inverse of direction · diag(spacing)
};

}  // namespace voxfeat::io
