#pragma once
// The Chebyshev neighbourhood sweep shared by NGTDM (IBSI IPET) and NGLDM (IBSI REK0): both look, for every ROI
// voxel, at the voxels within Chebyshev distance δ (in-plane for 2D, 26-style for 3D), ignoring the neighbours
// outside the ROI. The sweep works one image row at a time and one neighbour offset at a time, so the inner loop is a
// plain pass over contiguous x (vectorised by the compiler) and there is no bounds test per voxel: work is
// O(voxels × (2δ+1)^d), memory O(row length).
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "common/views.hpp"

namespace voxfeat::kernels::texture {

/// The x range [begin, end) of a row's ROI voxels (level > 0); begin == end when there is none. Only centres in the
/// ROI matter, so a sweep limited to this span does work proportional to the ROI, not to its bounding box.
struct RowSpan {
  std::size_t begin = 0, end = 0;
  [[nodiscard]] bool empty() const { return begin >= end; }
};

inline RowSpan roi_span(const std::int32_t* row, std::size_t length) {
  std::size_t b = 0, e = length;
  while (b < e && row[b] <= 0) ++b;
  while (e > b && row[e - 1] <= 0) --e;
  return {b, e};
}

/// Calls `visit(row, m_y, m_z)` for every row (y + m_y, z + m_z), |m_y|, |m_z| ≤ δ (m_z = 0 unless `three_d`), that
/// lies in the scope, the centre row included: the rows whose voxels can be neighbours of row (y, z).
template <class Visit>
void for_each_neighbourhood_row(const View3<std::int32_t>& scope, bool three_d, int delta, std::size_t y,
                                std::size_t z, Visit&& visit) {
  const auto ex = static_cast<std::ptrdiff_t>(scope.extent[0]);
  const auto ey = static_cast<std::ptrdiff_t>(scope.extent[1]);
  const auto ez = static_cast<std::ptrdiff_t>(scope.extent[2]);
  const int dz_max = three_d ? delta : 0;
  for (int dz = -dz_max; dz <= dz_max; ++dz) {
    const std::ptrdiff_t nz = static_cast<std::ptrdiff_t>(z) + dz;
    if (nz < 0 || nz >= ez) continue;
    for (int dy = -delta; dy <= delta; ++dy) {
      const std::ptrdiff_t ny = static_cast<std::ptrdiff_t>(y) + dy;
      if (ny >= 0 && ny < ey) visit(scope.data + (nz * ey + ny) * ex, dy, dz);
    }
  }
}

/// Calls `accumulate(neighbour, begin, end)` once per neighbour offset m ≠ 0 (|m|∞ ≤ δ, m_z = 0 unless `three_d`)
/// whose row (y + m_y, z + m_z) lies in the scope: `neighbour` points so that `neighbour[x]` is the level at
/// (x + m_x, y + m_y, z + m_z), valid for x in [begin, end) ⊆ `centres` (the centres of interest in row (y, z)).
template <class Accumulate>
void sweep_neighbour_rows(const View3<std::int32_t>& scope, bool three_d, int delta, std::size_t y, std::size_t z,
                          RowSpan centres, Accumulate&& accumulate) {
  const auto ex = static_cast<std::ptrdiff_t>(scope.extent[0]);
  for_each_neighbourhood_row(scope, three_d, delta, y, z, [&](const std::int32_t* row, int dy, int dz) {
    for (int dx = -delta; dx <= delta; ++dx) {
      if (dx == 0 && dy == 0 && dz == 0) continue;
      const std::ptrdiff_t begin = std::max<std::ptrdiff_t>(std::ptrdiff_t(centres.begin), -dx);
      const std::ptrdiff_t end = std::min<std::ptrdiff_t>(std::ptrdiff_t(centres.end), ex - dx);
      if (begin < end) accumulate(row + dx, static_cast<std::size_t>(begin), static_cast<std::size_t>(end));
    }
  });
}

/// A fixed partition of the scope's rows (y, z) into chunks, independent of the thread count: chunk results that are
/// real-valued are combined in chunk order, so sums are the same for any number of threads.
struct RowChunks {
  std::size_t rows = 0;
  std::size_t count = 0;
  [[nodiscard]] std::size_t begin(std::size_t c) const { return c * rows / count; }
  [[nodiscard]] std::size_t end(std::size_t c) const { return (c + 1) * rows / count; }
};

/// At most `max_chunks` chunks (≥ 1 when the scope has rows).
inline RowChunks row_chunks(const View3<std::int32_t>& scope, std::size_t max_chunks) {
  const std::size_t rows = scope.extent[1] * scope.extent[2];
  return {rows, std::min(rows, std::max<std::size_t>(1, max_chunks))};
}

}  // namespace voxfeat::kernels::texture
