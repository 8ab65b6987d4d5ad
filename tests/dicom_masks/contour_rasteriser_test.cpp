// The contour rasteriser on its own (no DICOM): squares, holes and overlaps by the even-odd rule, a triangle,
// centres exactly on edges (the half-open rule), random polygons against a per-voxel crossing test, grids with
// non-identity directions, thread-count independence, and the refusals.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <numbers>
#include <random>

#include "io/contour_rasteriser.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

using io::ContourPolygon;

/// 12 × 10 × 3 voxels of 1 mm at the origin, identity direction: physical mm are index units.
Geometry unit_grid() {
  Geometry g;
  g.size = {12, 10, 3};
  return g;
}

/// A polygon on slice z given by (x, y) index-unit vertices, mapped through `grid` to physical space.
ContourPolygon polygon(const Geometry& grid, double z, std::initializer_list<std::array<double, 2>> xy) {
  ContourPolygon p;
  p.number = 1;
  for (const auto& v : xy) p.points.push_back(grid.index_to_physical(v[0], v[1], z));
  return p;
}

ContourPolygon rectangle(const Geometry& grid, double z, double x0, double y0, double x1, double y1) {
  return polygon(grid, z, {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
}

std::size_t count(const Volume<std::uint8_t>& mask) {
  std::size_t n = 0;
  for (std::uint8_t v : mask.values()) n += v;
  return n;
}

/// Per-voxel reference: the classic crossing-number test (W. R. Franklin's PNPOLY) on one point. Its edge test
/// (y_a > y) != (y_b > y) and its crossing test x < x_c give the same parities as the scanline's half-open rule.
bool inside_by_crossings(const std::vector<std::array<double, 2>>& poly, double x, double y) {
  bool inside = false;
  for (std::size_t a = 0, b = poly.size() - 1; a < poly.size(); b = a++) {
    const auto& p = poly[a];
    const auto& q = poly[b];
    if ((p[1] > y) != (q[1] > y) && x < (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]) + p[0]) inside = !inside;
  }
  return inside;
}

TEST(ContourRasteriser, SquareBetweenVoxelCentres) {
  const Geometry g = unit_grid();
  const auto mask = io::rasterise_contours({rectangle(g, 1, 1.5, 2.5, 6.5, 5.5)}, g);
  EXPECT_EQ(count(mask), 5u * 3u);
  for (std::size_t j = 0; j < g.size[1]; ++j)
    for (std::size_t i = 0; i < g.size[0]; ++i)
      EXPECT_EQ(mask(i, j, 1), (i >= 2 && i <= 6 && j >= 3 && j <= 5) ? 1 : 0) << i << "," << j;
}

TEST(ContourRasteriser, CentresOnEdgesFollowTheHalfOpenRule) {
  const Geometry g = unit_grid();
  // Corners on voxel centres: x in [2, 5) and y in [1, 3) are inside; the right and upper edges are not.
  const auto mask = io::rasterise_contours({rectangle(g, 0, 2, 1, 5, 3)}, g);
  EXPECT_EQ(count(mask), 3u * 2u);
  EXPECT_EQ(mask(2, 1, 0), 1);
  EXPECT_EQ(mask(4, 2, 0), 1);
  EXPECT_EQ(mask(5, 1, 0), 0);  // on the right edge
  EXPECT_EQ(mask(2, 3, 0), 0);  // on the upper edge
  // Vertex order (clockwise or not) does not matter.
  const auto reversed = io::rasterise_contours({polygon(g, 0, {{2, 3}, {5, 3}, {5, 1}, {2, 1}})}, g);
  EXPECT_EQ(reversed.values(), mask.values());
}

TEST(ContourRasteriser, PolygonsSharingAnEdgeTileWithoutGapOrOverlap) {
  const Geometry g = unit_grid();
  const auto left = io::rasterise_contours({rectangle(g, 2, 2, 1, 5, 4)}, g);
  const auto right = io::rasterise_contours({rectangle(g, 2, 5, 1, 9, 4)}, g);
  const auto both = io::rasterise_contours({rectangle(g, 2, 2, 1, 9, 4)}, g);
  for (std::size_t v = 0; v < both.voxel_count(); ++v) {
    EXPECT_LE(left.data()[v] + right.data()[v], 1) << "voxel " << v << " claimed twice";
    EXPECT_EQ(left.data()[v] + right.data()[v], both.data()[v]) << "voxel " << v;
  }
  // A diagonal shared edge too (its crossings are computed from the same endpoint order in both polygons).
  const auto lower = io::rasterise_contours({polygon(g, 2, {{0.3, 0.2}, {11.1, 0.2}, {0.3, 9.7}})}, g);
  const auto upper = io::rasterise_contours({polygon(g, 2, {{11.1, 0.2}, {11.1, 9.7}, {0.3, 9.7}})}, g);
  const auto square = io::rasterise_contours({rectangle(g, 2, 0.3, 0.2, 11.1, 9.7)}, g);
  for (std::size_t v = 0; v < square.voxel_count(); ++v)
    EXPECT_EQ(lower.data()[v] + upper.data()[v], square.data()[v]) << "voxel " << v;
}

TEST(ContourRasteriser, InnerContourIsAHole) {
  const Geometry g = unit_grid();
  const auto mask =
      io::rasterise_contours({rectangle(g, 1, 0.5, 0.5, 8.5, 8.5), rectangle(g, 1, 2.5, 2.5, 5.5, 5.5)}, g);
  EXPECT_EQ(count(mask), 8u * 8u - 3u * 3u);
  EXPECT_EQ(mask(1, 1, 1), 1);
  EXPECT_EQ(mask(4, 4, 1), 0);  // in the hole
  EXPECT_EQ(mask(3, 3, 1), 0);
  EXPECT_EQ(mask(6, 6, 1), 1);
}

TEST(ContourRasteriser, OverlappingPolygonsCombineByEvenOdd) {
  const Geometry g = unit_grid();
  // 5 × 5 squares overlapping on 2 × 2 centres: those are inside two polygons, so outside the ROI.
  const auto mask =
      io::rasterise_contours({rectangle(g, 0, 0.5, 0.5, 5.5, 5.5), rectangle(g, 0, 3.5, 3.5, 8.5, 8.5)}, g);
  EXPECT_EQ(count(mask), 25u + 25u - 2u * 4u);
  EXPECT_EQ(mask(4, 4, 0), 0);
  EXPECT_EQ(mask(5, 5, 0), 0);
  EXPECT_EQ(mask(3, 3, 0), 1);
  EXPECT_EQ(mask(6, 6, 0), 1);
}

TEST(ContourRasteriser, Triangle) {
  const Geometry g = unit_grid();
  // Legs on x = 0.5 and y = 0.5, hypotenuse x + y = 9 through voxel centres: those on it are on a right edge,
  // so outside; inside are i, j >= 1 with i + j <= 8: 7 + 6 + ... + 1 centres.
  const auto mask = io::rasterise_contours({polygon(g, 0, {{0.5, 0.5}, {8.5, 0.5}, {0.5, 8.5}})}, g);
  EXPECT_EQ(count(mask), 28u);
  for (std::size_t j = 0; j < g.size[1]; ++j)
    for (std::size_t i = 0; i < g.size[0]; ++i)
      EXPECT_EQ(mask(i, j, 0), (i >= 1 && j >= 1 && i + j <= 8) ? 1 : 0) << i << "," << j;
}

TEST(ContourRasteriser, PartsOutsideTheImageAreClipped) {
  const Geometry g = unit_grid();
  const auto mask = io::rasterise_contours({rectangle(g, 0, -20.5, -3.5, 2.5, 40.5)}, g);
  EXPECT_EQ(count(mask), 3u * g.size[1]);  // columns 0..2, every row
}

TEST(ContourRasteriser, RandomPolygonsMatchPerVoxelCrossingTest) {
  Geometry g;
  g.size = {40, 36, 4};
  std::mt19937 rng(20240611);
  std::uniform_real_distribution<double> x(-3.0, 43.0), y(-3.0, 39.0);
  for (int trial = 0; trial < 50; ++trial) {
    // Star-shaped and self-intersecting polygons alike, two per slice, so the even-odd combination is exercised.
    std::vector<ContourPolygon> contours;
    std::vector<std::vector<std::array<double, 2>>> flat;
    for (int p = 0; p < 2; ++p) {
      ContourPolygon c;
      c.number = std::size_t(p + 1);
      std::vector<std::array<double, 2>> v;
      const int n = 3 + int(rng() % 12);
      for (int k = 0; k < n; ++k) {
        v.push_back({x(rng), y(rng)});
        c.points.push_back({v.back()[0], v.back()[1], 2.0});
      }
      contours.push_back(c);
      flat.push_back(v);
    }
    const auto mask = io::rasterise_contours(contours, g);
    for (std::size_t j = 0; j < g.size[1]; ++j)
      for (std::size_t i = 0; i < g.size[0]; ++i) {
        const bool expected =
            inside_by_crossings(flat[0], double(i), double(j)) != inside_by_crossings(flat[1], double(i), double(j));
        ASSERT_EQ(mask(i, j, 2), expected ? 1 : 0) << "trial " << trial << " at " << i << "," << j;
      }
    ASSERT_EQ(count(mask), [&] {
      std::size_t n = 0;
      for (std::size_t v = g.size[0] * g.size[1] * 2; v < g.size[0] * g.size[1] * 3; ++v) n += mask.data()[v];
      return n;
    }()) << "only slice 2 is drawn";
  }
}

/// Rasterising the same index-space polygons on a rotated, anisotropic grid gives the same voxels as on the
/// identity grid: the physical → index mapping inverts the direction matrix.
Volume<std::uint8_t> expect_same_as_identity_grid(const Geometry& rotated,
                                                  const std::vector<std::vector<std::array<double, 2>>>& shapes) {
  Geometry identity;
  identity.size = rotated.size;
  std::vector<ContourPolygon> on_identity, on_rotated;
  for (const auto& shape : shapes) {
    ContourPolygon a, b;
    for (const auto& v : shape) {
      a.points.push_back(identity.index_to_physical(v[0], v[1], 1));
      b.points.push_back(rotated.index_to_physical(v[0], v[1], 1));
    }
    on_identity.push_back(a);
    on_rotated.push_back(b);
  }
  const auto expected = io::rasterise_contours(on_identity, identity);
  const auto got = io::rasterise_contours(on_rotated, rotated);
  EXPECT_EQ(got.values(), expected.values());
  return got;
}

void expect_rotation_invariance(const Geometry& rotated) {
  const auto quad_with_hole = expect_same_as_identity_grid(
      rotated, {{{1.3, 1.2}, {9.7, 2.1}, {8.2, 8.9}, {2.2, 7.4}}, {{3.5, 3.5}, {6.5, 3.5}, {6.5, 6.5}, {3.5, 6.5}}});
  EXPECT_EQ(quad_with_hole(2, 2, 1), 1);  // inside the quadrilateral
  EXPECT_EQ(quad_with_hole(5, 5, 1), 0);  // in the square hole
  // Corners on voxel centres: the rotation's rounding noise (~1e-15 voxel) must not move them off the centres.
  const auto on_centres = expect_same_as_identity_grid(rotated, {{{2, 1}, {5, 1}, {5, 3}, {2, 3}}});
  EXPECT_EQ(count(on_centres), 6u);
}

TEST(ContourRasteriser, NonIdentityDirections) {
  Geometry quarter_turn;  // index x runs along physical y, index y along −x (as in tests/io)
  quarter_turn.size = {12, 10, 3};
  quarter_turn.spacing = {0.75, 1.25, 2.5};
  quarter_turn.origin = {-10.5, 20.25, 3.0};
  quarter_turn.direction = {0, -1, 0, 1, 0, 0, 0, 0, 1};
  expect_rotation_invariance(quarter_turn);

  Geometry oblique = quarter_turn;  // 30° about z then 20° about x: slices are not axial
  const double a = std::numbers::pi / 6, b = std::numbers::pi / 9;
  const double ca = std::cos(a), sa = std::sin(a), cb = std::cos(b), sb = std::sin(b);
  oblique.direction = {ca, -sa, 0, cb * sa, cb * ca, -sb, sb * sa, sb * ca, cb};
  expect_rotation_invariance(oblique);
}

TEST(ContourRasteriser, ThreadCountDoesNotChangeTheMask) {
  Geometry g;
  g.size = {64, 64, 40};
  std::vector<ContourPolygon> contours;
  for (std::size_t k = 0; k < g.size[2]; ++k) {
    ContourPolygon c;
    c.number = k + 1;
    for (int v = 0; v < 50; ++v) {
      const double t = 2 * std::numbers::pi * v / 50, r = 20 + 8 * std::sin(5 * t + double(k));
      c.points.push_back({32 + r * std::cos(t), 32 + r * std::sin(t), double(k)});
    }
    contours.push_back(c);
  }
  Volume<std::uint8_t> one, two;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = io::rasterise_contours(contours, g);
  }
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    two = io::rasterise_contours(contours, g);
  }
  EXPECT_EQ(one.values(), two.values());
  EXPECT_GT(count(one), 0u);
}

TEST(ContourRasteriser, ToleratesContoursNearASlice) {
  Geometry g = unit_grid();
  g.spacing = {1, 1, 3};
  // 0.2 slice spacing off slice 1 (z = 3.6 mm): accepted onto slice 1.
  const auto mask = io::rasterise_contours({rectangle(g, 1.2, 1.5, 1.5, 3.5, 3.5)}, g);
  EXPECT_EQ(mask(2, 2, 1), 1);
  EXPECT_EQ(count(mask), 4u);
}

void expect_input_error(const std::vector<ContourPolygon>& contours, const Geometry& grid, const std::string& part) {
  try {
    io::rasterise_contours(contours, grid);
    ADD_FAILURE() << "no error; expected one mentioning '" << part << "'";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

TEST(ContourRasteriser, Refusals) {
  Geometry g = unit_grid();
  g.spacing = {1, 1, 3};
  expect_input_error({rectangle(g, 1.5, 1, 1, 4, 4)}, g, "lies between slices");
  expect_input_error({rectangle(g, 1.5, 1, 1, 4, 4)}, g, "z = 4.5 mm");
  expect_input_error({rectangle(g, 7, 1, 1, 4, 4)}, g, "outside the image's 3 slices");
  expect_input_error({rectangle(g, -1, 1, 1, 4, 4)}, g, "outside");
  ContourPolygon two_points = rectangle(g, 1, 1, 1, 4, 4);
  two_points.points.resize(2);
  two_points.number = 7;
  expect_input_error({two_points}, g, "contour 7 is an empty contour");
  ContourPolygon tilted = rectangle(g, 1, 1, 1, 4, 4);
  tilted.points[2][2] += 3.0;  // one corner a slice higher
  expect_input_error({tilted}, g, "not parallel to the image's slices");
  ContourPolygon not_a_number = rectangle(g, 1, 1, 1, 4, 4);
  not_a_number.points[1][0] = std::nan("");
  expect_input_error({not_a_number}, g, "non-finite");
}

}  // namespace
}  // namespace voxfeat::test
