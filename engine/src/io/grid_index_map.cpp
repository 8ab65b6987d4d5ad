#include "io/grid_index_map.hpp"

#include <cmath>

#include "voxfeat/error.hpp"

namespace voxfeat::io {

GridIndexMap::GridIndexMap(const Geometry& grid) : m_origin(grid.origin), m_physical_to_index{} {
  // m = direction · diag(spacing): column a is the physical step of one voxel along index axis a. A general 3×3
  // inverse (adjugate over determinant) rather than a transpose, so a slightly non-orthonormal direction read from
  // a header still maps points exactly back onto voxel centres.
  std::array<double, 9> m{};
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) m[r * 3 + c] = grid.direction[r * 3 + c] * grid.spacing[c];
  const double det =
      m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  const double scale = grid.spacing[0] * grid.spacing[1] * grid.spacing[2];
  if (!std::isfinite(det) || !(std::abs(det) > 1e-9 * scale))
    throw InputError("the image grid's direction matrix is singular; voxel positions cannot be inverted");
  const std::array<double, 9> adjugate{m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
                                       m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
                                       m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]};
  for (int i = 0; i < 9; ++i) m_physical_to_index[i] = adjugate[i] / det;
}

Vec3 GridIndexMap::continuous_index(const Vec3& physical) const {
  const double dx = physical[0] - m_origin[0], dy = physical[1] - m_origin[1], dz = physical[2] - m_origin[2];
  const auto& a = m_physical_to_index;
  return {a[0] * dx + a[1] * dy + a[2] * dz, a[3] * dx + a[4] * dy + a[5] * dz, a[6] * dx + a[7] * dy + a[8] * dz};
}

}  // namespace voxfeat::io
