// The exact convex image and Feret diameters against brute force on random objects: an independent hull (gift
// wrapping over every pixel's edge midpoints), every crack midpoint of the convex image, all pairs, all edge
// directions, and a numerical average of the caliper width.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "microscopy/convex_image.hpp"
#include "microscopy/feret.hpp"
#include "microscopy/lattice_hull.hpp"
#include "microscopy/random_objects.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::random_object;
using test::microscopy::RandomObject;

// Gift wrapping over all points (doubled coordinates), counter-clockwise, collinear points skipped.
std::vector<HalfPoint> gift_wrap(const std::vector<HalfPoint>& pts) {
  std::size_t start = 0;
  for (std::size_t i = 1; i < pts.size(); ++i) if (pts[i] < pts[start]) start = i;
  std::vector<HalfPoint> hull;
  std::size_t p = start;
  do {
    hull.push_back(pts[p]);
    std::size_t q = (p + 1) % pts.size();
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const std::int64_t t = turn(pts[p], pts[q], pts[i]);
      if (t < 0 || (t == 0 && squared_distance(pts[p], pts[i]) > squared_distance(pts[p], pts[q]))) q = i;
    }
    p = q;
  } while (p != start);
  return hull;
}

bool inside_or_on(const std::vector<HalfPoint>& hull, const HalfPoint& x) {
  for (std::size_t i = 0; i < hull.size(); ++i)
    if (turn(hull[i], hull[(i + 1) % hull.size()], x) < 0) return false;
  return true;
}

TEST(ConvexImage, MatchesABruteForceInsideTest) {
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const RandomObject o = random_object(seed);
    std::vector<HalfPoint> all;
    for (std::int32_t r = 0; r < o.rows; ++r)
      for (std::int32_t c = 0; c < o.cols; ++c)
        if (o.in[std::size_t(r * o.cols + c)])
          for (const auto& [a, b] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) all.push_back({2 * r + a, 2 * c + b});
    const std::vector<HalfPoint> hull = gift_wrap(all);
    std::vector<HalfPoint> scratch;
    ConvexImage convex;
    convex_image(o.bbox, o.runs, scratch, convex);
    std::uint64_t area = 0;
    for (std::int32_t r = 0; r < o.rows; ++r) {
      for (std::int32_t c = 0; c < o.cols; ++c) {
        const bool expected = inside_or_on(hull, {2 * r, 2 * c});
        const ColumnInterval& i = convex.rows[std::size_t(r)];
        ASSERT_EQ(c >= i.begin && c < i.end, expected) << "seed " << seed << " pixel " << r << "," << c;
        area += expected;
        ASSERT_TRUE(expected || !o.in[std::size_t(r * o.cols + c)]);  // the object lies in its convex image
      }
    }
    EXPECT_EQ(convex.area, area);
    EXPECT_EQ(convex.hull.size(), hull.size()) << "seed " << seed;
  }
}

TEST(Feret, MatchesBruteForceOverAllCrackMidpoints) {
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const RandomObject o = random_object(seed);
    std::vector<HalfPoint> scratch, hull;
    ConvexImage convex;
    convex_image(o.bbox, o.runs, scratch, convex);
    const FeretDiameters f = feret_diameters(convex, scratch, hull);

    const auto in = [&](std::int32_t r, std::int32_t c) {
      if (r < 0 || r >= o.rows) return false;
      const ColumnInterval& i = convex.rows[std::size_t(r)];
      return c >= i.begin && c < i.end;
    };
    std::vector<HalfPoint> cracks;  // every midpoint between 4-adjacent pixels, one in and one out
    for (std::int32_t r = -1; r <= o.rows; ++r)
      for (std::int32_t c = -1; c <= o.cols; ++c) {
        if (in(r, c) != in(r + 1, c)) cracks.push_back({2 * r + 1, 2 * c});
        if (in(r, c) != in(r, c + 1)) cracks.push_back({2 * r, 2 * c + 1});
      }
    std::int64_t longest = 0;
    double angle = 0.0;
    for (const HalfPoint& a : cracks)
      for (const HalfPoint& b : cracks) {
        const std::int64_t d = squared_distance(a, b);
        std::int64_t dr = a.r - b.r, dc = a.c - b.c;
        if (dr < 0 || (dr == 0 && dc < 0)) dr = -dr, dc = -dc;
        const double t = std::atan2(double(dc), double(dr));
        if (d > longest || (d == longest && t < angle)) longest = d, angle = t;
      }
    // Width: the smallest over the directions of all point pairs (hull edges among them) of the extent across.
    double width = INFINITY;
    for (const HalfPoint& a : cracks)
      for (const HalfPoint& b : cracks) {
        if (a == b) continue;
        std::int64_t lo = 0, hi = 0;
        for (const HalfPoint& x : cracks) lo = std::min(lo, turn(a, b, x)), hi = std::max(hi, turn(a, b, x));
        width = std::min(width, double(hi - lo) / std::sqrt(double(squared_distance(a, b))));
      }
    // Mean caliper width, numerically: 20000 directions over a half turn (error ~1e-8 for these sizes).
    double mean = 0.0;
    const int steps = 20000;
    for (int k = 0; k < steps; ++k) {
      const double t = std::numbers::pi * (k + 0.5) / steps, u = std::cos(t), v = std::sin(t);
      double lo = INFINITY, hi = -INFINITY;
      for (const HalfPoint& x : cracks) lo = std::min(lo, u * x.r + v * x.c), hi = std::max(hi, u * x.r + v * x.c);
      mean += (hi - lo) / steps;
    }
    // Exact integers under one square root: 1e-12; the numerical mean: 1e-6 (discretisation of the angle).
    EXPECT_NEAR(f.max, std::sqrt(double(longest)) / 2, 1e-12 * f.max) << "seed " << seed;
    EXPECT_NEAR(f.angle_of_max, angle, 1e-12) << "seed " << seed;
    EXPECT_NEAR(f.min, width / 2, 1e-12 * f.max) << "seed " << seed;
    EXPECT_NEAR(f.mean, mean / 2, 1e-6 * f.max) << "seed " << seed;
    EXPECT_LE(f.min, f.mean);
    EXPECT_LE(f.mean, f.max);
  }
}

TEST(LatticeHull, MonotoneChainDropsCollinearPointsAndRepeats) {
  std::vector<HalfPoint> pts{{0, 0}, {0, 0}, {0, 2}, {0, 4}, {2, 0}, {2, 4}, {4, 0}, {4, 2}, {4, 4}, {2, 2}};
  std::sort(pts.begin(), pts.end());
  std::vector<HalfPoint> hull;
  convex_polygon(pts, hull);
  ASSERT_EQ(hull.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_GT(turn(hull[i], hull[(i + 1) % 4], hull[(i + 2) % 4]), 0);
  EXPECT_DOUBLE_EQ(polygon_perimeter(hull), 16.0);
  const std::vector<HalfPoint> line{{0, 0}, {1, 1}, {2, 2}};
  convex_polygon(line, hull);
  ASSERT_EQ(hull.size(), 2u);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
