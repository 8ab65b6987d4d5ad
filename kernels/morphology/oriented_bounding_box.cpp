#include "morphology/oriented_bounding_box.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include <tbb/parallel_for.h>

namespace voxfeat::kernels::morphology {
namespace {

struct P2 {
  double u, v;
};

double cross(const P2& o, const P2& a, const P2& b) { return (a.u - o.u) * (b.v - o.v) - (a.v - o.v) * (b.u - o.u); }

// Akl–Toussaint: points strictly inside the polygon of the extreme points along 8 directions are not hull
// vertices. A projected 3D hull fills a disc-like region, so this drops most points before the O(n log n) sort.
std::vector<P2> drop_interior(const std::vector<P2>& pts) {
  if (pts.size() < 16) return pts;
  constexpr double dirs[8][2] = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}, {-1, 0}, {-1, -1}, {0, -1}, {1, -1}};
  std::array<std::size_t, 8> ext{};
  for (int d = 0; d < 8; ++d) {
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const double s = pts[i].u * dirs[d][0] + pts[i].v * dirs[d][1];
      if (s > best) best = s, ext[std::size_t(d)] = i;
    }
  }
  // Extremes in angular order form a convex polygon, counter-clockwise (repeats are skipped).
  std::vector<P2> poly;
  for (std::size_t i : ext)
    if (poly.empty() || (pts[i].u != poly.back().u || pts[i].v != poly.back().v)) poly.push_back(pts[i]);
  while (poly.size() > 1 && poly.front().u == poly.back().u && poly.front().v == poly.back().v) poly.pop_back();
  if (poly.size() < 3) return pts;
  std::vector<P2> kept;
  for (const P2& p : pts) {
    bool inside = true;
    for (std::size_t e = 0; e < poly.size() && inside; ++e)
      inside = cross(poly[e], poly[(e + 1) % poly.size()], p) > 0;
    if (!inside) kept.push_back(p);
  }
  return kept;
}

// Counter-clockwise convex hull without collinear points (Andrew's monotone chain).
std::vector<P2> hull_2d(std::vector<P2> pts) {
  pts = drop_interior(pts);
  std::sort(pts.begin(), pts.end(), [](const P2& a, const P2& b) { return a.u < b.u || (a.u == b.u && a.v < b.v); });
  if (pts.size() < 3) return pts;
  std::vector<P2> h(2 * pts.size());
  std::size_t k = 0;
  for (const P2& p : pts) {
    while (k >= 2 && cross(h[k - 2], h[k - 1], p) <= 0) --k;
    h[k++] = p;
  }
  for (std::size_t i = pts.size() - 1, lower = k + 1; i-- > 0;) {
    while (k >= lower && cross(h[k - 2], h[k - 1], pts[i]) <= 0) --k;
    h[k++] = pts[i];
  }
  h.resize(k - 1);
  return h;
}

struct Rectangle {
  double area = std::numeric_limits<double>::infinity();
  double width = 0, height = 0;
};

// Minimum-area enclosing rectangle of a CCW convex polygon by rotating calipers: for each edge, the farthest
// vertex along the edge normal and the extreme vertices along the edge direction advance monotonically.
Rectangle min_area_rectangle(const std::vector<P2>& h) {
  const std::size_t n = h.size();
  Rectangle best;
  if (n == 0) return {0, 0, 0};
  if (n < 3) {
    const double len = n == 2 ? std::hypot(h[1].u - h[0].u, h[1].v - h[0].v) : 0.0;
    return {0.0, len, 0.0};
  }
  const auto proj = [&](std::size_t i, double du, double dv) { return h[i % n].u * du + h[i % n].v * dv; };
  std::size_t far = 0, right = 0, left = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const P2 &a = h[i], &b = h[(i + 1) % n];
    const double len = std::hypot(b.u - a.u, b.v - a.v);
    const double du = (b.u - a.u) / len, dv = (b.v - a.v) / len;  // edge direction
    const double nu = -dv, nv = du;                                // inward normal (CCW polygon)
    if (i == 0) {
      for (std::size_t j = 0; j < n; ++j) {
        if (proj(j, nu, nv) > proj(far, nu, nv)) far = j;
        if (proj(j, du, dv) > proj(right, du, dv)) right = j;
        if (proj(j, du, dv) < proj(left, du, dv)) left = j;
      }
    } else {
      for (std::size_t s = 0; s < n && proj(far + 1, nu, nv) >= proj(far, nu, nv); ++s) far = (far + 1) % n;
      for (std::size_t s = 0; s < n && proj(right + 1, du, dv) >= proj(right, du, dv); ++s) right = (right + 1) % n;
      for (std::size_t s = 0; s < n && proj(left + 1, du, dv) <= proj(left, du, dv); ++s) left = (left + 1) % n;
    }
    const double height = proj(far, nu, nv) - (a.u * nu + a.v * nv);
    const double width = proj(right, du, dv) - proj(left, du, dv);
    if (width * height < best.area) best = {width * height, width, height};
  }
  return best;
}

}  // namespace

OrientedBox oriented_minimum_bounding_box(const ConvexHull& hull, std::size_t max_normals) {
  // Distinct facet normals up to sign, largest facets first.
  std::vector<std::size_t> order(hull.facets.size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return hull.facets[a].area > hull.facets[b].area; });
  std::vector<Point3> normals;
  for (std::size_t f : order) {
    Point3 n = hull.facets[f].normal;
    const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (!(len > 0)) continue;
    for (double& c : n) c /= len;
    bool seen = false;
    for (const Point3& m : normals)
      if (std::abs(std::abs(n[0] * m[0] + n[1] * m[1] + n[2] * m[2]) - 1.0) < 1e-12) {
        seen = true;
        break;
      }
    if (!seen) normals.push_back(n);
    if (normals.size() == max_normals) break;
  }

  std::vector<OrientedBox> boxes(normals.size());
  tbb::parallel_for(std::size_t(0), normals.size(), [&](std::size_t k) {
    const Point3& n = normals[k];
    // Any orthonormal (u, v) spanning the facet plane; the rectangle search covers all rotations within it.
    const Point3 helper = std::abs(n[0]) < 0.9 ? Point3{1, 0, 0} : Point3{0, 1, 0};
    Point3 u{n[1] * helper[2] - n[2] * helper[1], n[2] * helper[0] - n[0] * helper[2],
             n[0] * helper[1] - n[1] * helper[0]};
    const double ul = std::sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    for (double& c : u) c /= ul;
    const Point3 v{n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]};
    std::vector<P2> projected;
    projected.reserve(hull.vertices.size());
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Point3& p : hull.vertices) {
      const double h = p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
      lo = std::min(lo, h), hi = std::max(hi, h);
      projected.push_back({p[0] * u[0] + p[1] * u[1] + p[2] * u[2], p[0] * v[0] + p[1] * v[1] + p[2] * v[2]});
    }
    const Rectangle r = min_area_rectangle(hull_2d(std::move(projected)));
    std::array<double, 3> e{r.width, r.height, hi - lo};
    std::sort(e.begin(), e.end(), std::greater<>());
    boxes[k] = {e, e[0] * e[1] * e[2], 2.0 * (e[0] * e[1] + e[1] * e[2] + e[2] * e[0])};
  });
  OrientedBox best;
  best.volume = std::numeric_limits<double>::infinity();
  for (const OrientedBox& b : boxes)
    if (b.volume < best.volume) best = b;
  if (boxes.empty()) best = {{0, 0, 0}, 0, 0};
  return best;
}

}  // namespace voxfeat::kernels::morphology
