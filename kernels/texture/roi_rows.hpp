#pragma once
// ROI extent of every x row of a level volume (level > 0 inside the ROI), for the GLCM and GLRLM builders, which
// visit only [lo, hi) of each row. The ROI box has a margin and a tumour is no box: about half of the box voxels
// are zeros, mostly in long runs at both ends of the rows.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::kernels::texture {

/// [lo, hi) of the ROI voxels of one x row; hi ≤ lo: the row holds none.
struct RowSpan {
  std::uint32_t lo = 0, hi = 0;
};

namespace roi_rows_detail {

// Whether 16 voxels are all 0: one SIMD OR per 4 voxels (GCC/Clang vector extension; a plain loop is re-associated
// by the compiler into a scalar OR chain, three times slower). Only a filter: the exact test (level > 0) follows.
typedef std::int32_t Int32x4 __attribute__((vector_size(16)));
inline bool block_all_zero(const std::int32_t* p) {
  Int32x4 a, b, c, d;
  std::memcpy(&a, p, sizeof a);
  std::memcpy(&b, p + 4, sizeof b);
  std::memcpy(&c, p + 8, sizeof c);
  std::memcpy(&d, p + 12, sizeof d);
  const Int32x4 bits = (a | b) | (c | d);
  return (bits[0] | bits[1] | bits[2] | bits[3]) == 0;
}

/// First x in [lo, hi) with an ROI voxel (hi if none).
inline std::size_t first_roi(const std::int32_t* row, std::size_t lo, std::size_t hi) {
  while (lo + 16 <= hi && block_all_zero(row + lo)) lo += 16;
  while (lo < hi && row[lo] <= 0) ++lo;
  return lo;
}
/// One past the last x in [lo, hi) with an ROI voxel (lo if none).
inline std::size_t end_roi(const std::int32_t* row, std::size_t lo, std::size_t hi) {
  while (hi >= lo + 16 && block_all_zero(row + hi - 16)) hi -= 16;
  while (hi > lo && row[hi - 1] <= 0) --hi;
  return hi;
}

}  // namespace roi_rows_detail

/// The span of every x row, index y + ey·z (extent[0] < 2^32). One pass over the scope per matrix.
inline std::vector<RowSpan> row_spans(const View3<std::int32_t>& scope) {
  const std::size_t ex = scope.extent[0], rows = scope.extent[1] * scope.extent[2];
  std::vector<RowSpan> spans(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::int32_t* row = scope.data + r * ex;
    const std::size_t lo = roi_rows_detail::first_roi(row, 0, ex);
    spans[r] = {std::uint32_t(lo), std::uint32_t(roi_rows_detail::end_roi(row, lo, ex))};
  }
  return spans;
}

}  // namespace voxfeat::kernels::texture
