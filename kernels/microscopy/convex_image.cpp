#include "microscopy/convex_image.hpp"

#include <algorithm>
#include <limits>

namespace voxfeat::kernels::microscopy {
namespace {

// ⌊a / b⌋ and ⌈a / b⌉ for b > 0 (C++ division truncates towards zero).
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && a < 0); }
std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return a / b + (a % b != 0 && a > 0); }

// The row's leftmost and rightmost pixels are the only hull candidates: every other pixel's diamond lies in the
// hull of those two diamonds (skimage's possible_hull also adds column extremes, which change nothing). Of their
// edge midpoints, only the outermost on each half-pixel row line can be hull vertices: on line 2r the left point
// of the leftmost pixel and the right point of the rightmost; on line 2r − 1 the outermost of the bottom points
// of row r − 1's extremes and the top points of row r's. Generated line by line, they come sorted.
void edge_midpoint_candidates(std::span<const RowRun> runs, const BoundingBox& bbox, std::vector<HalfPoint>& points) {
  points.clear();
  struct Extremes {
    bool any = false;
    std::int64_t first = 0, last = 0;  // doubled local columns of the row's outermost pixel centres
  };
  Extremes above;
  std::size_t next = 0;
  for (std::int32_t r = 0; r <= bbox.rows(); ++r) {
    Extremes here;
    if (next < runs.size() && runs[next].row - bbox.row_begin == r) {
      here = {true, 2 * std::int64_t(runs[next].col_begin - bbox.col_begin), 0};
      while (next + 1 < runs.size() && runs[next + 1].row == runs[next].row) ++next;
      here.last = 2 * std::int64_t(runs[next].col_end - 1 - bbox.col_begin);
      ++next;
    }
    if (above.any || here.any) {
      const Extremes& a = above.any ? above : here;
      const Extremes& b = here.any ? here : above;
      const std::int64_t lo = std::min(a.first, b.first), hi = std::max(a.last, b.last);
      points.push_back({2 * std::int64_t(r) - 1, lo});
      if (hi != lo) points.push_back({2 * std::int64_t(r) - 1, hi});
    }
    if (here.any) {
      points.push_back({2 * std::int64_t(r), here.first - 1});
      points.push_back({2 * std::int64_t(r), here.last + 1});
    }
    above = here;
  }
}

}  // namespace

void convex_image(const BoundingBox& bbox, std::span<const RowRun> runs, std::vector<HalfPoint>& points,
                  ConvexImage& out) {
  edge_midpoint_candidates(runs, bbox, points);
  convex_polygon(points, out.hull);

  // A convex polygon meets each row line 2r in one segment: its ends are the smallest and largest crossing of an
  // edge with the line. Pixel centres (2r, 2c) on it satisfy ⌈C_min / 2⌉ ≤ c ≤ ⌊C_max / 2⌋, with each crossing C
  // an exact fraction, so "inside or on" is decided without rounding. Each row's interval collects, over the
  // edges that cross its line, the smallest ⌈C / 2⌉ and the largest ⌊C / 2⌋ + 1.
  out.rows.assign(std::size_t(bbox.rows()),
                  {std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::min()});
  const auto cross_at = [&](std::int64_t row_line, std::int64_t num, std::int64_t den) {
    ColumnInterval& row = out.rows[std::size_t(row_line / 2)];
    row.begin = std::min(row.begin, std::int32_t(ceil_div(num, 2 * den)));
    row.end = std::max(row.end, std::int32_t(floor_div(num, 2 * den) + 1));
  };
  const std::size_t n = out.hull.size();
  for (std::size_t i = 0; i < n; ++i) {
    HalfPoint p = out.hull[i], q = out.hull[(i + 1) % n];
    if (p.r > q.r) std::swap(p, q);
    if (p.r == q.r) {
      if (p.r % 2 == 0) {  // an edge along a row line: both ends cross it
        cross_at(p.r, p.c, 1);
        cross_at(p.r, q.c, 1);
      }
      continue;
    }
    const std::int64_t den = q.r - p.r;
    for (std::int64_t line = p.r + (p.r & 1); line <= q.r; line += 2)
      cross_at(line, p.c * den + (line - p.r) * (q.c - p.c), den);
  }
  out.area = 0;
  for (ColumnInterval& row : out.rows) {
    if (row.begin >= row.end) row = {0, 0};
    out.area += std::uint64_t(row.end - row.begin);
  }
}

void fill_convex_mask(const BoundingBox& bbox, const ConvexImage& convex, std::int32_t padding, BinaryCrop& out) {
  out.rows = bbox.rows() + 2 * padding;
  out.cols = bbox.cols() + 2 * padding;
  out.padding = padding;
  out.row0 = bbox.row_begin - padding;
  out.col0 = bbox.col_begin - padding;
  out.pixels.assign(std::size_t(out.rows) * std::size_t(out.cols), 0);
  for (std::size_t r = 0; r < convex.rows.size(); ++r) {
    const ColumnInterval& i = convex.rows[r];
    std::uint8_t* row = out.pixels.data() + out.index(std::int32_t(r) + padding, padding);
    std::fill(row + i.begin, row + i.end, std::uint8_t(1));
  }
}

}  // namespace voxfeat::kernels::microscopy
