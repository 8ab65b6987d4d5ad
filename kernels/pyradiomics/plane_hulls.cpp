#include "pyradiomics/plane_hulls.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace voxfeat::kernels::pyradiomics {
namespace {

struct InPlane {
  std::size_t u, v;
};

InPlane in_plane_axes(int axis) { return {std::size_t(axis + 1) % 3, std::size_t(axis + 2) % 3}; }

// Twice the signed area of (a, b, c) in the plane: > 0 when c lies left of a→b (counter-clockwise).
std::int64_t turn(const InPlane& ax, const HalfIndex& a, const HalfIndex& b, const HalfIndex& c) {
  return std::int64_t(b[ax.u] - a[ax.u]) * (c[ax.v] - a[ax.v]) - std::int64_t(b[ax.v] - a[ax.v]) * (c[ax.u] - a[ax.u]);
}

// Andrew's monotone chain over points sorted by (u, v), collinear points dropped.
std::vector<HalfIndex> convex_polygon(const InPlane& ax, const std::vector<HalfIndex>& sorted) {
  if (sorted.size() <= 2) return sorted;
  std::vector<HalfIndex> hull(2 * sorted.size());
  std::size_t k = 0;
  const auto push = [&](const HalfIndex& p, std::size_t floor) {
    while (k >= floor && turn(ax, hull[k - 2], hull[k - 1], p) <= 0) --k;
    hull[k++] = p;
  };
  for (const HalfIndex& p : sorted) push(p, 2);
  const std::size_t lower = k + 1;
  for (std::size_t i = sorted.size() - 1; i-- > 0;) push(sorted[i], lower);
  hull.resize(k - 1);  // the last point closes the loop at the first
  return hull;
}

double squared_distance_mm(const HalfIndex& a, const HalfIndex& b, const std::array<double, 3>& spacing) {
  const auto pa = to_mm(a, spacing), pb = to_mm(b, spacing);
  const double dx = pa[0] - pb[0], dy = pa[1] - pb[1], dz = pa[2] - pb[2];
  return dx * dx + dy * dy + dz * dz;
}

}  // namespace

std::vector<PlaneHull> plane_hulls(std::span<const HalfIndex> points, int axis) {
  std::vector<PlaneHull> hulls;
  if (points.empty()) return hulls;
  const auto n = std::size_t(axis);
  const InPlane ax = in_plane_axes(axis);
  std::int32_t planes = 0, rows = 0;
  for (const HalfIndex& p : points) planes = std::max(planes, p[n] + 1), rows = std::max(rows, p[ax.u] + 1);
  // Per (plane, row u): the smallest and largest v.
  constexpr std::int32_t none = std::numeric_limits<std::int32_t>::max();
  std::vector<std::int32_t> lo(std::size_t(planes) * std::size_t(rows), none), hi(lo.size(), -1);
  for (const HalfIndex& p : points) {
    const std::size_t cell = std::size_t(p[n]) * std::size_t(rows) + std::size_t(p[ax.u]);
    lo[cell] = std::min(lo[cell], p[ax.v]);
    hi[cell] = std::max(hi[cell], p[ax.v]);
  }
  std::vector<HalfIndex> extremes;
  for (std::int32_t plane = 0; plane < planes; ++plane) {
    extremes.clear();
    for (std::int32_t u = 0; u < rows; ++u) {
      const std::size_t cell = std::size_t(plane) * std::size_t(rows) + std::size_t(u);
      if (lo[cell] == none) continue;
      HalfIndex p{};
      p[n] = plane, p[ax.u] = u, p[ax.v] = lo[cell];
      extremes.push_back(p);
      if (hi[cell] != lo[cell]) p[ax.v] = hi[cell], extremes.push_back(p);
    }
    if (!extremes.empty()) hulls.push_back({plane, convex_polygon(ax, extremes)});
  }
  return hulls;
}

double polygon_diameter(std::span<const HalfIndex> hull, int axis, const std::array<double, 3>& spacing) {
  const std::size_t h = hull.size();
  if (h < 2) return 0.0;
  const InPlane ax = in_plane_axes(axis);
  double best = 0.0;
  std::size_t j = 1;
  for (std::size_t i = 0; i < h; ++i) {
    const std::size_t next = (i + 1) % h;
    // Advance j while the next vertex lies farther from the edge i→next: j is then antipodal to that edge.
    while (turn(ax, hull[i], hull[next], hull[(j + 1) % h]) > turn(ax, hull[i], hull[next], hull[j])) j = (j + 1) % h;
    // With an edge parallel to i→next, j + 1 is antipodal too.
    for (const std::size_t k : {j, (j + 1) % h})
      best = std::max(
          {best, squared_distance_mm(hull[i], hull[k], spacing), squared_distance_mm(hull[next], hull[k], spacing)});
  }
  return std::sqrt(best);
}

}  // namespace voxfeat::kernels::pyradiomics
