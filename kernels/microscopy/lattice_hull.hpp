#pragma once
// Convex polygons of points on the half-pixel lattice, in exact integer arithmetic. Pixel centres, pixel edge
// midpoints and crack midpoints all have half-integer (row, col), so doubled coordinates are integers: hulls,
// inside tests and antipodal pairs on them are exact, with no tolerance to choose (Qhull would need one; the
// hulls here are small and two-dimensional, where Andrew's monotone chain is both simpler and exact).
#include <cstdint>
#include <span>
#include <vector>

namespace voxfeat::kernels::microscopy {

/// (2·row, 2·col).
struct HalfPoint {
  std::int64_t r = 0;
  std::int64_t c = 0;

  friend bool operator==(const HalfPoint&, const HalfPoint&) = default;
  friend bool operator<(const HalfPoint& a, const HalfPoint& b) { return a.r != b.r ? a.r < b.r : a.c < b.c; }
};

/// Twice the signed area of the triangle (o, a, b): > 0 when o → a → b turns counter-clockwise in (row, col) axes.
inline std::int64_t turn(const HalfPoint& o, const HalfPoint& a, const HalfPoint& b) {
  return (a.r - o.r) * (b.c - o.c) - (a.c - o.c) * (b.r - o.r);
}

inline std::int64_t squared_distance(const HalfPoint& a, const HalfPoint& b) {
  return (a.r - b.r) * (a.r - b.r) + (a.c - b.c) * (a.c - b.c);
}

/// The convex polygon of `sorted` (ascending by (r, c), repeats allowed): its strictly convex vertices,
/// counter-clockwise (Andrew's monotone chain; collinear points dropped). One or two points give themselves.
void convex_polygon(std::span<const HalfPoint> sorted, std::vector<HalfPoint>& hull);

/// Rotating calipers over a counter-clockwise convex polygon of at least 3 vertices: for each edge (i, i + 1) the
/// vertex j farthest from its line, as visit(i, j); when two vertices are equally far (an edge parallel to
/// i → i + 1), visit(i, j) for both. Every antipodal vertex pair is among {i, i + 1} × {j}. O(vertices).
template <class Visit>
void for_each_edge_antipode(std::span<const HalfPoint> hull, Visit&& visit) {
  const std::size_t h = hull.size();
  std::size_t j = 1;
  for (std::size_t i = 0; i < h; ++i) {
    const std::size_t next = (i + 1) % h;
    const auto height = [&](std::size_t k) { return turn(hull[i], hull[next], hull[k]); };
    while (height((j + 1) % h) > height(j)) j = (j + 1) % h;
    visit(i, j);
    if (height((j + 1) % h) == height(j)) visit(i, (j + 1) % h);
  }
}

/// Euclidean perimeter of a closed polygon, in half-pixel units.
double polygon_perimeter(std::span<const HalfPoint> polygon);

}  // namespace voxfeat::kernels::microscopy
