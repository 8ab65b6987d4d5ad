#include "microscopy/hole_filling.hpp"

namespace voxfeat::kernels::microscopy {

std::uint64_t filled_area(const BoundingBox& bbox, std::span<const RowRun> runs, HoleScratch& scratch) {
  const std::int32_t rows = bbox.rows(), cols = bbox.cols();
  auto& gaps = scratch.gaps;
  auto& row_start = scratch.row_start;
  auto& stack = scratch.stack;
  gaps.clear();
  row_start.assign(std::size_t(rows) + 1, 0);
  stack.clear();
  // The gaps of each row; one in the first or last row or touching a side is 8-adjacent to the outside.
  std::size_t next = 0;
  for (std::int32_t r = 0; r < rows; ++r) {
    row_start[std::size_t(r)] = gaps.size();
    std::int32_t c = 0;
    for (; next < runs.size() && runs[next].row - bbox.row_begin == r; ++next) {
      const std::int32_t begin = runs[next].col_begin - bbox.col_begin;
      if (begin > c) gaps.push_back({r, c, begin, false});
      c = runs[next].col_end - bbox.col_begin;
    }
    if (c < cols) gaps.push_back({r, c, cols, false});
    for (std::size_t g = row_start[std::size_t(r)]; g < gaps.size(); ++g) {
      if (r == 0 || r == rows - 1 || gaps[g].begin == 0 || gaps[g].end == cols) {
        gaps[g].reached = true;
        stack.push_back(std::uint32_t(g));
      }
    }
  }
  row_start[std::size_t(rows)] = gaps.size();
  // Flood: gaps [a, b) and [c, d) of adjacent rows are 8-connected when their columns, widened by one, overlap:
  // c ≤ b and d ≥ a.
  std::uint64_t outside = 0;
  while (!stack.empty()) {
    const HoleScratch::Gap g = gaps[stack.back()];
    stack.pop_back();
    outside += std::uint64_t(g.end - g.begin);
    for (const std::int32_t r : {g.row - 1, g.row + 1}) {
      if (r < 0 || r >= rows) continue;
      for (std::size_t h = row_start[std::size_t(r)]; h < row_start[std::size_t(r) + 1]; ++h) {
        HoleScratch::Gap& n = gaps[h];
        if (n.reached || n.begin > g.end || n.end < g.begin) continue;
        n.reached = true;
        stack.push_back(std::uint32_t(h));
      }
    }
  }
  return bbox.area() - outside;
}

}  // namespace voxfeat::kernels::microscopy
