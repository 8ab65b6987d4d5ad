#include "morphology/hull_candidates.hpp"

#include <algorithm>

namespace voxfeat::kernels::morphology {
namespace {

// The two in-plane coordinates of a point on a plane normal to `axis`: (u, v) = the other axes in cyclic order.
struct PlaneAxes {
  std::size_t normal, u, v;
};

// Cross product (b − a) × (c − a) in the (u, v) plane used by the monotone chain.
double turn(const PlaneAxes& ax, const Point3& a, const Point3& b, const Point3& c) {
  return (b[ax.u] - a[ax.u]) * (c[ax.v] - a[ax.v]) - (b[ax.v] - a[ax.v]) * (c[ax.u] - a[ax.u]);
}

// Andrew's monotone chain on points sorted by (u, v); keeps strictly convex vertices only (a point in the middle of
// a hull edge is never a vertex of the 3D hull either).
void append_plane_hull(const PlaneAxes& ax, std::span<const Point3> plane, std::vector<Point3>& out) {
  if (plane.size() <= 2) {
    out.insert(out.end(), plane.begin(), plane.end());
    return;
  }
  std::vector<Point3> hull(2 * plane.size());
  std::size_t k = 0;
  for (const Point3& p : plane) {
    while (k >= 2 && turn(ax, hull[k - 2], hull[k - 1], p) <= 0) --k;
    hull[k++] = p;
  }
  for (std::size_t i = plane.size() - 1, lower = k + 1; i-- > 0;) {
    while (k >= lower && turn(ax, hull[k - 2], hull[k - 1], plane[i]) <= 0) --k;
    hull[k++] = plane[i];
  }
  // The last point repeats the first.
  out.insert(out.end(), hull.begin(), hull.begin() + long(k > 1 ? k - 1 : k));
}

}  // namespace

std::vector<Point3> planar_hull_filter(std::span<const Point3> points, int axis) {
  const auto n = std::size_t(axis);
  const PlaneAxes ax{n, (n + 1) % 3, (n + 2) % 3};
  std::vector<Point3> sorted(points.begin(), points.end());
  std::sort(sorted.begin(), sorted.end(), [&ax](const Point3& a, const Point3& b) {
    if (a[ax.normal] != b[ax.normal]) return a[ax.normal] < b[ax.normal];
    if (a[ax.u] != b[ax.u]) return a[ax.u] < b[ax.u];
    return a[ax.v] < b[ax.v];
  });
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<Point3> out;
  for (std::size_t begin = 0; begin < sorted.size();) {
    std::size_t end = begin + 1;
    while (end < sorted.size() && sorted[end][ax.normal] == sorted[begin][ax.normal]) ++end;
    append_plane_hull(ax, std::span<const Point3>(sorted).subspan(begin, end - begin), out);
    begin = end;
  }
  return out;
}

std::vector<Point3> hull_candidates(std::span<const Point3> points) {
  return planar_hull_filter(planar_hull_filter(planar_hull_filter(points, 2), 1), 0);
}

}  // namespace voxfeat::kernels::morphology
