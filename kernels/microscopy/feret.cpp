#include "microscopy/feret.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace voxfeat::kernels::microscopy {
namespace {

// Inclusive column interval of a convex image row; empty when first > last.
struct Columns {
  std::int64_t first = 0;
  std::int64_t last = -1;
  [[nodiscard]] bool empty() const { return first > last; }
};

Columns columns_of(std::span<const ColumnInterval> rows, std::int64_t r) {
  if (r < 0 || r >= std::int64_t(rows.size())) return {};
  const ColumnInterval& i = rows[std::size_t(r)];
  return {i.begin, std::int64_t(i.end) - 1};
}

// The extreme crack midpoints on each half-pixel row line, in ascending (r, c) order: on row line 2r the ends of
// the row's interval (cracks to the left and right), on line 2r − 1 the extremes of the columns where rows r − 1
// and r differ (cracks above or below). Only extremes of a line can be hull vertices; the rows of a convex image
// are intervals, so the columns that differ between two rows are the symmetric difference of two intervals.
void extreme_crack_midpoints(std::span<const ColumnInterval> rows, std::vector<HalfPoint>& points) {
  points.clear();
  const auto height = std::int64_t(rows.size());
  for (std::int64_t r = 0; r <= height; ++r) {
    const Columns above = columns_of(rows, r - 1), here = columns_of(rows, r);
    if (above.empty() != here.empty() || (!above.empty() && (above.first != here.first || above.last != here.last))) {
      std::int64_t lo = 0, hi = 0;
      if (above.empty() || here.empty()) {
        const Columns& only = above.empty() ? here : above;
        lo = only.first, hi = only.last;
      } else {
        lo = above.first != here.first ? std::min(above.first, here.first) : std::min(above.last, here.last) + 1;
        hi = above.last != here.last ? std::max(above.last, here.last) : std::max(above.first, here.first) - 1;
      }
      points.push_back({2 * r - 1, 2 * lo});
      if (hi != lo) points.push_back({2 * r - 1, 2 * hi});
    }
    if (!here.empty()) {
      points.push_back({2 * r, 2 * here.first - 1});
      points.push_back({2 * r, 2 * here.last + 1});
    }
  }
}

// Direction angle of a − b, as documented for angle_of_max.
double direction_angle(const HalfPoint& a, const HalfPoint& b) {
  std::int64_t dr = a.r - b.r, dc = a.c - b.c;
  if (dr < 0 || (dr == 0 && dc < 0)) dr = -dr, dc = -dc;
  return std::atan2(double(dc), double(dr));
}

}  // namespace

FeretDiameters feret_diameters(const ConvexImage& convex, std::vector<HalfPoint>& points,
                               std::vector<HalfPoint>& hull) {
  FeretDiameters f;
  extreme_crack_midpoints(convex.rows, points);
  convex_polygon(points, hull);
  // Half-pixel units throughout; halved at the end.
  if (hull.size() < 3) {  // no pixel (a single pixel already has four crack midpoints)
    if (hull.size() == 2) {
      f.max = std::sqrt(double(squared_distance(hull[0], hull[1]))) / 2.0;
      f.mean = f.max * 2.0 / std::numbers::pi;
      f.angle_of_max = direction_angle(hull[0], hull[1]);
    }
    return f;
  }
  std::int64_t longest = -1;
  double narrowest = INFINITY;
  const auto consider_pair = [&](const HalfPoint& a, const HalfPoint& b) {
    const std::int64_t d = squared_distance(a, b);
    if (d < longest) return;
    const double angle = direction_angle(a, b);
    if (d > longest || angle < f.angle_of_max) longest = d, f.angle_of_max = angle;
  };
  for_each_edge_antipode(hull, [&](std::size_t i, std::size_t j) {
    const HalfPoint &a = hull[i], &b = hull[(i + 1) % hull.size()], &far = hull[j];
    consider_pair(a, far);
    consider_pair(b, far);
    narrowest = std::min(narrowest, double(turn(a, b, far)) / std::sqrt(double(squared_distance(a, b))));
  });
  f.max = std::sqrt(double(longest)) / 2.0;
  f.min = narrowest / 2.0;
  f.mean = polygon_perimeter(hull) / 2.0 / std::numbers::pi;
  return f;
}

}  // namespace voxfeat::kernels::microscopy
