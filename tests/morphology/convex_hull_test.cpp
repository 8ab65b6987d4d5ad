// Convex hull (Qhull), the planar hull pre-filter, maximum diameter, oriented minimum box and enclosing ellipsoid.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

#include "morphology/convex_hull.hpp"
#include "morphology/enclosing_ellipsoid.hpp"
#include "morphology/hull_candidates.hpp"
#include "morphology/marching_cubes.hpp"
#include "morphology/max_diameter.hpp"
#include "morphology/oriented_bounding_box.hpp"
#include "morphology/test_shapes.hpp"

namespace voxfeat::kernels::morphology {
namespace {

// The 8 corners of an a×b×c box plus points inside it and on its faces.
std::vector<Point3> box_points(double a, double b, double c, std::uint32_t seed) {
  std::vector<Point3> p;
  for (int i = 0; i < 8; ++i) p.push_back({(i & 1) * a, ((i >> 1) & 1) * b, ((i >> 2) & 1) * c});
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < 200; ++i) p.push_back({u(rng) * a, u(rng) * b, u(rng) * c});
  for (int i = 0; i < 50; ++i) p.push_back({u(rng) * a, 0.0, u(rng) * c});
  return p;
}

Point3 rotate(const Point3& p, double yaw, double pitch, double roll) {
  const double cy = std::cos(yaw), sy = std::sin(yaw), cp = std::cos(pitch), sp = std::sin(pitch),
               cr = std::cos(roll), sr = std::sin(roll);
  const double r[3][3] = {{cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr},
                          {sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr},
                          {-sp, cp * sr, cp * cr}};
  const double shift[3] = {3.0, -7.0, 1.5};
  Point3 q{};
  for (int i = 0; i < 3; ++i) q[std::size_t(i)] = r[i][0] * p[0] + r[i][1] * p[1] + r[i][2] * p[2] + shift[i];
  return q;
}

TEST(ConvexHull, BoxVolumeAreaAndDiameterAreExact) {
  const double a = 4, b = 3, c = 2;
  const ConvexHull hull = convex_hull(box_points(a, b, c, 1));
  // Box: V = abc, A = 2(ab + bc + ca), diameter = space diagonal. Qhull's sums over merged facets: 1e-9 relative.
  EXPECT_NEAR(hull.volume, a * b * c, 1e-9 * a * b * c);
  EXPECT_NEAR(hull.area, 2 * (a * b + b * c + c * a), 1e-9 * 52);
  EXPECT_EQ(hull.vertices.size(), 8u);
  EXPECT_EQ(hull.facets.size(), 6u);  // coplanar triangles merged: one facet per box face
  EXPECT_NEAR(max_diameter(hull.vertices), std::sqrt(a * a + b * b + c * c), 1e-12);
}

TEST(ConvexHull, FlatOrTinyPointSetsAreRejected) {
  EXPECT_THROW(convex_hull(std::vector<Point3>{{0, 0, 0}, {1, 0, 0}, {0, 1, 0}}), std::invalid_argument);
  std::vector<Point3> flat;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) flat.push_back({double(i), double(j), 2.0});
  EXPECT_THROW(convex_hull(flat), std::invalid_argument);
}

TEST(HullCandidates, PlanarFilterKeepsTheHullOfAMesh) {
  const auto mask = test::morphology::random_mask(7, {12, 10, 6}, 0.6, {0.8, 0.8, 2.0});
  const TriangleMesh mesh = marching_cubes(mask.view());
  const std::vector<Point3> kept = planar_hull_filter(mesh.vertices);
  EXPECT_LT(kept.size(), mesh.vertices.size());
  const ConvexHull all = convex_hull(mesh.vertices), filtered = convex_hull(kept);
  // Same hull from fewer points; only the summation order differs: 1e-12 relative.
  EXPECT_NEAR(filtered.volume, all.volume, 1e-12 * all.volume);
  EXPECT_NEAR(filtered.area, all.area, 1e-12 * all.area);
  EXPECT_EQ(filtered.vertices.size(), all.vertices.size());
  EXPECT_DOUBLE_EQ(max_diameter(filtered.vertices), max_diameter(mesh.vertices));
  // Filtering along all three axes keeps the same hull from fewer points still.
  const std::vector<Point3> fewer = hull_candidates(mesh.vertices);
  EXPECT_LE(fewer.size(), kept.size());
  const ConvexHull three = convex_hull(fewer);
  EXPECT_NEAR(three.volume, all.volume, 1e-12 * all.volume);
  EXPECT_EQ(three.vertices.size(), all.vertices.size());
}

TEST(MaxDiameter, EqualsTheBruteForceMaximumOverAllPoints) {
  std::mt19937 rng(3);
  std::normal_distribution<double> g(0.0, 5.0);
  std::vector<Point3> p(300);
  for (auto& q : p) q = {g(rng), g(rng), 0.5 * g(rng)};
  double best = 0;
  for (const auto& x : p)
    for (const auto& y : p) best = std::max(best, std::hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]));
  EXPECT_DOUBLE_EQ(max_diameter(convex_hull(p).vertices), best);
  EXPECT_EQ(max_diameter(std::vector<Point3>{{1, 2, 3}}), 0.0);
}

TEST(OrientedBoundingBox, RotatedBoxIsRecovered) {
  const double a = 6, b = 3.5, c = 2;
  std::vector<Point3> p;
  for (const auto& q : box_points(a, b, c, 5)) p.push_back(rotate(q, 0.4, -0.7, 1.1));
  const OrientedBox box = oriented_minimum_bounding_box(convex_hull(p));
  // The box's own faces are hull facets, so the face-flush search finds it exactly up to rounding: 1e-9.
  EXPECT_NEAR(box.extents[0], a, 1e-9);
  EXPECT_NEAR(box.extents[1], b, 1e-9);
  EXPECT_NEAR(box.extents[2], c, 1e-9);
  EXPECT_NEAR(box.volume, a * b * c, 1e-9);
  EXPECT_NEAR(box.area, 2 * (a * b + b * c + c * a), 1e-9);
}

TEST(OrientedBoundingBox, NeverLargerThanTheAxisAlignedBox) {
  const auto mask = test::morphology::ellipsoid_mask({14, 9, 6}, {1.0, 1.0, 2.0});
  const TriangleMesh mesh = marching_cubes(mask.view());
  Point3 lo = mesh.vertices.front(), hi = lo;
  for (const auto& v : mesh.vertices)
    for (std::size_t i = 0; i < 3; ++i) lo[i] = std::min(lo[i], v[i]), hi[i] = std::max(hi[i], v[i]);
  const double aabb = (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]);
  const OrientedBox box = oriented_minimum_bounding_box(convex_hull(mesh.vertices));
  EXPECT_LE(box.volume, aabb * (1 + 1e-12));
  EXPECT_GE(box.volume, convex_hull(mesh.vertices).volume);
}

// Points on the ellipsoid (x/a)² + (y/b)² + (z/c)² = 1, rotated and shifted.
std::vector<Point3> ellipsoid_points(double a, double b, double c, int n) {
  std::vector<Point3> p;
  std::mt19937 rng(11);
  std::normal_distribution<double> g(0.0, 1.0);
  for (int i = 0; i < n; ++i) {
    double x = g(rng), y = g(rng), z = g(rng);
    const double len = std::sqrt(x * x + y * y + z * z);
    p.push_back(rotate({a * x / len, b * y / len, c * z / len}, 0.3, 0.2, -0.5));
  }
  // The six vertices, so that the sample reaches the axes' ends.
  for (int s : {-1, 1}) {
    p.push_back(rotate({s * a, 0, 0}, 0.3, 0.2, -0.5));
    p.push_back(rotate({0, s * b, 0}, 0.3, 0.2, -0.5));
    p.push_back(rotate({0, 0, s * c}, 0.3, 0.2, -0.5));
  }
  return p;
}

TEST(EnclosingEllipsoid, PointsOnAnEllipsoidGiveThatEllipsoid) {
  const double a = 9, b = 5, c = 3;
  const auto points = ellipsoid_points(a, b, c, 2000);
  const EnclosingEllipsoid e = minimum_volume_enclosing_ellipsoid(convex_hull(points).vertices);
  EXPECT_TRUE(e.converged);
  // Khachiyan stopped at ‖Δu‖ < 0.001 approaches the minimum ellipsoid from inside; on this sample the semi-axes
  // are within 1% (measured: 0.15% at most).
  EXPECT_NEAR(e.semi_axes[0], a, 0.01 * a);
  EXPECT_NEAR(e.semi_axes[1], b, 0.01 * b);
  EXPECT_NEAR(e.semi_axes[2], c, 0.01 * c);
}

TEST(EnclosingEllipsoid, ABallIsItsOwnEnclosingEllipsoid) {
  const auto points = ellipsoid_points(4, 4, 4, 500);
  const EnclosingEllipsoid e = minimum_volume_enclosing_ellipsoid(points);
  for (double s : e.semi_axes) EXPECT_NEAR(s, 4.0, 0.04);  // same reason as above: 1%
  EXPECT_EQ(minimum_volume_enclosing_ellipsoid(std::vector<Point3>{{0, 0, 0}, {1, 0, 0}}).semi_axes[0], 0.0);
}

}  // namespace
}  // namespace voxfeat::kernels::morphology
