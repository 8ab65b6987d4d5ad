// Shape of hand-built objects, every expected value derived by hand in the comments (skimage 0.19.3's
// definitions, tests/reference/microscopy/README.md).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "microscopy/label_art.hpp"
#include "microscopy/shape2d.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using std::numbers::pi;
using std::numbers::sqrt2;
using test::microscopy::label_art;
using test::microscopy::LabelPlane;

// Closed forms evaluated in a different order than the kernel's sums: 1e-12 relative, 1e-12 absolute floor.
constexpr double k_tol = 1e-12;

Shape2D shape_of(const LabelPlane& p, std::uint32_t label) {
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  for (std::size_t i = 0; i < t.objects.size(); ++i) {
    if (t.objects[i].label != label) continue;
    ShapeWorkspace work;
    return shape2d(t.objects[i], t.runs_of(i), shape_moments(t.objects[i].bbox, t.runs_of(i)), work);
  }
  throw std::invalid_argument("no such label");
}

void expect_near(double actual, double expected) {
  EXPECT_NEAR(actual, expected, k_tol * std::max(1.0, std::fabs(expected)));
}

TEST(Shape2D, SinglePixel) {
  const Shape2D s = shape_of(label_art({"...", ".1.", "..."}), 1);
  EXPECT_EQ(s.area, 1u);
  EXPECT_EQ(s.bbox.row_begin, 1);
  EXPECT_EQ(s.bbox.col_end, 2);
  EXPECT_EQ(s.area_bbox, 1u);
  EXPECT_EQ(s.area_convex, 1u);
  EXPECT_EQ(s.area_filled, 1u);
  EXPECT_EQ(s.euler_number, 1);
  expect_near(s.centroid_row, 1.0);
  expect_near(s.centroid_col, 1.0);
  // An isolated border pixel (pattern value 1) weighs 0 in Benkrid & Crookes' table.
  EXPECT_EQ(s.perimeter, 0.0);
  EXPECT_EQ(s.perimeter_8, 0.0);
  // Its four windows have codes 1, 2, 4, 8: π/4(1 + 1/√2) + π/(4√2) + 0 + π/4 = π/2 (1 + 1/√2) = 2.6815…
  expect_near(s.perimeter_crofton, pi / 2 * (1 + 1 / sqrt2));
  EXPECT_TRUE(std::isnan(s.circularity));
  expect_near(s.solidity, 1.0);
  expect_near(s.extent, 1.0);
  expect_near(s.equivalent_diameter_area, std::sqrt(4 / pi));
  // Second moments all 0: a − c == 0 and b = −0 (not < 0): +π/4; eccentricity 0 by skimage's rule.
  EXPECT_EQ(s.inertia_eigenvalues.major, 0.0);
  EXPECT_EQ(s.inertia_eigenvalues.minor, 0.0);
  EXPECT_EQ(s.eccentricity, 0.0);
  expect_near(s.orientation, pi / 4);
  // Crack midpoints: the diamond (±½, 0), (0, ±½). Longest pair 1 (ties at angle 0 and π/2: the smaller, 0);
  // width between opposite sides √½; mean = perimeter 4√½ / π.
  expect_near(s.feret.max, 1.0);
  expect_near(s.feret.angle_of_max, 0.0);
  expect_near(s.feret.min, std::sqrt(0.5));
  expect_near(s.feret.mean, 4 * std::sqrt(0.5) / pi);
  // The hull polygon is the same diamond; the convex image is the pixel (perimeter 0).
  expect_near(s.convex_hull_perimeter, 4 * std::sqrt(0.5));
  EXPECT_EQ(s.convex_perimeter, 0.0);
}

TEST(Shape2D, TwoByTwoSquare) {
  const Shape2D s = shape_of(label_art({"....", ".11.", ".11.", "...."}), 1);
  EXPECT_EQ(s.area, 4u);
  EXPECT_EQ(s.area_convex, 4u);  // edge midpoints, not corners: the hull holds no other pixel centre
  EXPECT_EQ(s.area_filled, 4u);
  EXPECT_EQ(s.euler_number, 1);
  // Every pixel: 2 border 4-neighbours and 1 diagonal, v = 1 + 4 + 10 = 15, weight 1.
  expect_near(s.perimeter, 4.0);
  expect_near(s.perimeter_8, 4.0);
  // Window codes 1, 5, 4, 3, 15, 12, 2, 10, 8: 2·π/4(1 + 1/√2) + π/(2√2) + π/4 + 2·π/(4√2) + π/4 = π + 3π/(2√2).
  expect_near(s.perimeter_crofton, pi + 3 * pi / (2 * sqrt2));
  expect_near(s.circularity, 4 * pi * 4 / 16);
  // μ20 = μ02 = 4·¼ = 1, μ11 = 0: tensor diag(¼, ¼), axes 4·½ = 2, orientation +π/4.
  expect_near(s.inertia_tensor.a, 0.25);
  expect_near(s.inertia_tensor.c, 0.25);
  EXPECT_EQ(s.inertia_tensor.b, 0.0);
  expect_near(s.axis_major_length, 2.0);
  expect_near(s.axis_minor_length, 2.0);
  EXPECT_EQ(s.eccentricity, 0.0);
  expect_near(s.orientation, pi / 4);
  // Crack midpoints: the octagon (−½, 0), (−½, 1), (0, 3/2), (1, 3/2), (3/2, 1), (3/2, 0), (1, −½), (0, −½).
  // Longest: √(2² + 1²) = √5, four pairs; the smallest angle is that of (1, −2): −atan(2). Width 2 (along an
  // axis; 3/√2 diagonally). Mean: perimeter (4 + 4√½) / π. The hull polygon of edge midpoints is the same octagon.
  expect_near(s.feret.max, std::sqrt(5.0));
  expect_near(s.feret.angle_of_max, -std::atan(2.0));
  expect_near(s.feret.min, 2.0);
  expect_near(s.feret.mean, (4 + 4 * std::sqrt(0.5)) / pi);
  expect_near(s.convex_hull_perimeter, 4 + 4 * std::sqrt(0.5));
  expect_near(s.convex_perimeter, 4.0);
}

TEST(Shape2D, HorizontalLine) {
  const Shape2D s = shape_of(label_art({".......", ".11111.", "......."}), 1);
  EXPECT_EQ(s.area, 5u);
  // End pixels v = 3 (weight 0), inner pixels v = 5 (weight 1): n − 2.
  expect_near(s.perimeter, 3.0);
  expect_near(s.perimeter_8, 3.0);
  // Windows above: codes 1, 5 ×(n−1), 4; below: 2, 10 ×(n−1), 8: n·π/4(1 + √2) + π/4.
  expect_near(s.perimeter_crofton, 5 * pi / 4 * (1 + sqrt2) + pi / 4);
  // μ02 = 4 + 1 + 0 + 1 + 4 = 10, μ20 = 0: a = 2, c = 0; axes 4√2 and 0; horizontal: π/2.
  expect_near(s.inertia_tensor.a, 2.0);
  EXPECT_EQ(s.inertia_tensor.c, 0.0);
  expect_near(s.axis_major_length, 4 * sqrt2);
  EXPECT_EQ(s.axis_minor_length, 0.0);
  expect_near(s.eccentricity, 1.0);
  expect_near(s.orientation, pi / 2);
  expect_near(s.feret.max, 5.0);
  expect_near(s.feret.angle_of_max, pi / 2);
  expect_near(s.feret.min, 1.0);
  EXPECT_EQ(s.area_convex, 5u);
}

TEST(Shape2D, VerticalLineHasOrientationZero) {
  const Shape2D s = shape_of(label_art({"1", "1", "1", "1"}), 1);
  EXPECT_EQ(s.orientation, 0.0);
  expect_near(s.feret.max, 4.0);
  expect_near(s.feret.angle_of_max, 0.0);
  // Cut by the plane's border on three sides: the crop's frame is background all the same.
  expect_near(s.perimeter, 2.0);
}

TEST(Shape2D, DiagonalLinesAndOrientationsSpecialCase) {
  const LabelPlane p = label_art({
      "1..2",
      ".12.",
      ".21.",
      "2..1",
  });
  const Shape2D down = shape_of(p, 1), up = shape_of(p, 2);
  // Diagonal neighbours only: ends v = 11 (weight 0), middles v = 21 (√2): (n − 2)√2.
  expect_near(down.perimeter, 2 * sqrt2);
  expect_near(up.perimeter, 2 * sqrt2);
  EXPECT_EQ(down.euler_number, 1);  // 8-connected: one object
  EXPECT_EQ(down.area_convex, 4u);  // the diamonds' hull holds only the line's own centres
  // μ20 = μ02 = 5; μ11 = +5 for the falling diagonal, −5 for the rising one. a == c, so skimage 0.19 returns
  // −π/4 when b = −μ11/μ00 < 0, else +π/4 — opposite to 0.5·atan2(2μ11, 0).
  expect_near(down.orientation, -pi / 4);
  expect_near(up.orientation, pi / 4);
  expect_near(down.inertia_eigenvalues.major, 2.5);
  EXPECT_EQ(down.inertia_eigenvalues.minor, 0.0);  // det = a² − b² = 0 exactly
  // Crack midpoints (−½, 0) to (3½, 3) and (0, −½) to (3, 3½) are 5 apart (the ends of the convex image, which
  // is the line); the smaller angle is atan2(3, 4). Mirrored: atan2(−4, 3).
  expect_near(down.feret.max, 5.0);
  expect_near(down.feret.angle_of_max, std::atan2(3.0, 4.0));
  expect_near(up.feret.max, 5.0);
  expect_near(up.feret.angle_of_max, std::atan2(-4.0, 3.0));
}

TEST(Shape2D, RingHasOneHoleToFill) {
  const Shape2D s = shape_of(label_art({
                                 "11111",
                                 "1...1",
                                 "1...1",
                                 "1...1",
                                 "11111",
                             }),
                             1);
  EXPECT_EQ(s.area, 16u);
  EXPECT_EQ(s.area_filled, 25u);
  EXPECT_EQ(s.area_convex, 25u);
  EXPECT_EQ(s.euler_number, 0);
  expect_near(s.solidity, 16.0 / 25.0);
  // Every ring pixel is a border pixel with v = 5 (corners) or 15 (sides): weight 1 each.
  expect_near(s.perimeter, 16.0);
  expect_near(s.perimeter_8, 16.0);
  // The convex image is the 5×5 square: corners v = 5, sides v = 15 on its outline of 16 pixels.
  expect_near(s.convex_perimeter, 16.0);
}

TEST(Shape2D, DiagonalRingIsNotFilledButHasEulerZero) {
  // The inside reaches the outside through the diagonal gaps (8-connected background), while the Euler number
  // sees one 4-connected hole: skimage's two notions of a hole disagree, and both are kept.
  const Shape2D s = shape_of(label_art({
                                 "..1..",
                                 ".1.1.",
                                 "1...1",
                                 ".1.1.",
                                 "..1..",
                             }),
                             1);
  EXPECT_EQ(s.area, 8u);
  EXPECT_EQ(s.area_filled, 8u);
  EXPECT_EQ(s.euler_number, 0);
}

TEST(Shape2D, TwoPartsAreOneObject) {
  const Shape2D s = shape_of(label_art({"1...1"}), 1);
  EXPECT_EQ(s.area, 2u);
  EXPECT_EQ(s.area_bbox, 5u);
  EXPECT_EQ(s.euler_number, 2);
  EXPECT_EQ(s.area_filled, 2u);   // the gap is open to the outside
  EXPECT_EQ(s.area_convex, 5u);   // the hull spans the gap
  expect_near(s.solidity, 0.4);
  expect_near(s.centroid_col, 2.0);
  EXPECT_EQ(s.perimeter, 0.0);    // two isolated pixels
  expect_near(s.feret.max, 5.0);  // crack (0, −½) to (0, 4½)
}

TEST(Shape2D, ObjectHoldingAnotherCountsItAsHole) {
  const LabelPlane p = label_art({
      "111",
      "121",
      "111",
  });
  const Shape2D s = shape_of(p, 1);
  EXPECT_EQ(s.area, 8u);
  EXPECT_EQ(s.area_filled, 9u);
  EXPECT_EQ(s.euler_number, 0);
  EXPECT_EQ(shape_of(p, 2).area_filled, 1u);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
