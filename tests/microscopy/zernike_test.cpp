// Zernike moment magnitudes (kernels/microscopy/zernike.hpp): against an independent numpy port of mahotas'
// zernike_moments on the reference images (tests/reference/microscopy/make_zernike_reference.py), and properties
// that hold by definition: the formulas against the textbook R_nm(ρ)·e^{−imθ}, a disc's rotational symmetry,
// invariance under a quarter turn and under translation, single pixels, the radius rules.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "microscopy/label_art.hpp"
#include "microscopy/reference_planes.hpp"
#include "microscopy/reference_table.hpp"
#include "microscopy/zernike.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::IntensityPlane;
using test::microscopy::label_art;
using test::microscopy::LabelPlane;
using test::microscopy::ReferencePlanes;

constexpr int kPairs = 30;  // order 9

struct PlaneZernike {
  ObjectTable table;
  std::vector<ZernikeMoments> shape, intensity;
};

PlaneZernike zernike_of(const std::vector<std::uint32_t>& labels, const std::vector<float>& intensity,
                        std::int32_t width, std::int32_t height, const ZernikeOptions& options = {}) {
  PlaneZernike z;
  z.table = collect_objects(labels.data(), width, height);
  const PlaneView<float> values{intensity.data(), width, height};
  for (std::size_t i = 0; i < z.table.objects.size(); ++i) {
    z.shape.push_back(shape_zernike(z.table.objects[i].bbox, z.table.runs_of(i), options));
    z.intensity.push_back(intensity_zernike(z.table.objects[i].bbox, z.table.runs_of(i), values, options));
  }
  return z;
}

// ---------------------------------------------------------------------------------------------------------------
// Formulas

TEST(ZernikeFormulas, PairsInMahotasOrder) {
  EXPECT_EQ(zernike_pair_count(9), kPairs);
  EXPECT_EQ(zernike_pair_count(0), 1);
  int k = 0;
  for (int n = 0; n <= kZernikeOrderLimit; ++n)
    for (int m = n % 2; m <= n; m += 2, ++k) {
      EXPECT_EQ(zernike_index(n, m), k);
      EXPECT_EQ(zernike_pair(k).n, n);
      EXPECT_EQ(zernike_pair(k).m, m);
    }
  EXPECT_EQ(k, zernike_pair_count(kZernikeOrderLimit));
  EXPECT_EQ(zernike_column_name({9, 9}), "zernike_9_9");
  EXPECT_EQ(zernike_column_name({4, 2}, true), "zernike_weighted_4_2");
}

long double factorial(int n) {
  long double f = 1;
  for (int k = 2; k <= n; ++k) f *= k;  // exact: 20! < 2^64, the long double mantissa
  return f;
}

// R_nm(ρ)·(cos mθ − i sin mθ), the textbook form with ρ from hypot and θ from atan2, in long double, against the
// polynomial in (x, y) the kernels use. The alternating radial sums cancel: terms up to Σ|coefficients| (below 10^3
// for n ≤ 9, about 10^5 at n = 20) times double rounding: 1e-12 up to order 9, 1e-10 above.
TEST(ZernikeFormulas, TermEqualsTextbookPolynomial) {
  std::vector<double> table(kZernikeCoefficientLimit);
  fill_zernike_coefficients(kZernikeOrderLimit, table.data());
  for (const auto& [d_row, d_col] : {std::pair{0.3, -0.4}, {-0.9, 0.1}, {0.0, 1.0}, {0.7, 0.7}, {-0.05, -0.02}}) {
    const ZernikePoint p = zernike_point(d_row, d_col, 1.0);
    const long double rho = std::hypot((long double)d_row, (long double)d_col);
    const long double theta = std::atan2((long double)d_row, (long double)d_col);
    for (int k = 0; k < zernike_pair_count(kZernikeOrderLimit); ++k) {
      const ZernikePair pair = zernike_pair(k);
      long double radial = 0.0L;
      for (int s = 0; s <= (pair.n - pair.m) / 2; ++s)
        radial += (s % 2 ? -1.0L : 1.0L) * factorial(pair.n - s) /
                  (factorial(s) * factorial((pair.n + pair.m) / 2 - s) * factorial((pair.n - pair.m) / 2 - s)) *
                  std::pow(rho, (long double)(pair.n - 2 * s));
      const ZernikeComplex term = zernike_term(table.data() + zernike_coefficient_offset(k),
                                               zernike_coefficient_count(pair), p, conjugate_power(p, pair.m));
      const double tolerance = pair.n <= 9 ? 1e-12 : 1e-10;
      EXPECT_NEAR(term.re, double(radial * std::cos(pair.m * theta)), tolerance) << pair.n << "," << pair.m;
      EXPECT_NEAR(term.im, double(-radial * std::sin(pair.m * theta)), tolerance) << pair.n << "," << pair.m;
    }
  }
}

TEST(ZernikeFormulas, CentreAndRimValues) {
  std::vector<double> table(kZernikeCoefficientLimit);
  fill_zernike_coefficients(kZernikeOrderLimit, table.data());
  const ZernikePoint centre = zernike_point(0.0, 0.0, 1.0), rim = zernike_point(0.0, 1.0, 1.0);
  for (int k = 0; k < zernike_pair_count(kZernikeOrderLimit); ++k) {
    const ZernikePair pair = zernike_pair(k);
    const double* c = table.data() + zernike_coefficient_offset(k);
    const int count = zernike_coefficient_count(pair);
    // R_n0(0) = (−1)^{n/2}; every R_nm(1) = 1 (exact: integer coefficients summing to ±1).
    const ZernikeComplex at_centre = zernike_term(c, count, centre, conjugate_power(centre, pair.m));
    EXPECT_EQ(at_centre.re, pair.m == 0 ? ((pair.n / 2) % 2 ? -1.0 : 1.0) : 0.0) << pair.n << "," << pair.m;
    EXPECT_EQ(at_centre.im, 0.0);
    EXPECT_EQ(zernike_term(c, count, rim, conjugate_power(rim, pair.m)).re, 1.0) << pair.n << "," << pair.m;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The numpy port of mahotas

// The reference and the kernel sum the same terms (magnitudes of size ≤ (n + 1)/π, each term of a sum ≤ 1 in size)
// in other orders with other (mathematically equal) polynomials: relative 1e-9; the absolute floor is for the
// magnitudes that are 0 by symmetry (a disc's m ≠ 0, say), where only rounding (~1e-16) is left.
void compare_with_reference(const std::string& name) {
  const ReferencePlanes p = test::microscopy::read_reference_planes(test::data_dir() / "microscopy", name);
  const PlaneZernike z = zernike_of(p.labels, p.intensity, p.width, p.height);
  const auto ref = test::microscopy::read_reference_table(test::source_dir() / "tests" / "reference" / "microscopy" /
                                                          (name + "_zernike.csv"));
  ASSERT_EQ(ref.rows.size(), z.table.objects.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < z.table.objects.size(); ++i) {
    const auto row = ref.rows.find(z.table.objects[i].label);
    ASSERT_NE(row, ref.rows.end());
    for (const bool weighted : {false, true}) {
      const ZernikeMoments& ours = weighted ? z.intensity[i] : z.shape[i];
      const std::string radius_column = weighted ? "zernike_weighted_radius" : "zernike_radius";
      const double radius = row->second[ref.column(radius_column)];
      EXPECT_NEAR(ours.radius, radius, 1e-12 * radius) << name << " label " << row->first << " " << radius_column;
      ASSERT_EQ(ours.magnitude.size(), std::size_t(kPairs));
      for (int k = 0; k < kPairs; ++k) {
        const std::string column = zernike_column_name(zernike_pair(k), weighted);
        const double expected = row->second[ref.column(column)], actual = ours.magnitude[std::size_t(k)];
        const double allowed = std::max(1e-9 * std::fabs(expected), 1e-13);
        EXPECT_LE(std::fabs(actual - expected), allowed)
            << name << " label " << row->first << " " << column << ": " << actual << " vs " << expected;
        worst = std::max(worst, std::fabs(actual - expected) / allowed);
      }
    }
  }
  ::testing::Test::RecordProperty("worst_error_over_allowed", std::to_string(worst));
}

TEST(ZernikeReference, ShapesImage) { compare_with_reference("shapes"); }
TEST(ZernikeReference, CellsImage) { compare_with_reference("cells"); }

// ---------------------------------------------------------------------------------------------------------------
// Properties

/// A digital disc of radius `radius` centred on a pixel, label 1, intensity 100 + 3·row − col (positive).
struct DiscPlane {
  std::int32_t size = 0;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensity;
};

DiscPlane disc(double radius) {
  DiscPlane d;
  d.size = 2 * std::int32_t(radius) + 5;
  const std::int32_t c = d.size / 2;
  for (std::int32_t r = 0; r < d.size; ++r)
    for (std::int32_t col = 0; col < d.size; ++col) {
      const double dr = r - c, dc = col - c;
      d.labels.push_back(dr * dr + dc * dc <= radius * radius ? 1u : 0u);
      d.intensity.push_back(float(100 + 3 * r - col));
    }
  return d;
}

// The lattice keeps a disc's four-fold symmetry (quarter turns and mirror images): Σ e^{−imθ} cancels exactly
// for m not a multiple of 4, leaving rounding; for m = 4, 8 what is left is the staircase rim's digitisation error
// (numpy gives 1.5e-3 to 3.3e-2 for radii 9.5 to 40.5), against |A_00| = 1/π.
TEST(ZernikeProperties, DiscHasNoAngularMomentsButTheLatticeOnes) {
  for (const double radius : {9.5, 20.5, 40.5}) {
    const DiscPlane d = disc(radius);
    const PlaneZernike z = zernike_of(d.labels, d.intensity, d.size, d.size);
    ASSERT_EQ(z.shape.size(), 1u);
    const ZernikeMoments& m = z.shape[0];
    EXPECT_EQ(m.centre_row, d.size / 2 - z.table.objects[0].bbox.row_begin);
    for (int k = 0; k < kPairs; ++k) {
      const ZernikePair pair = zernike_pair(k);
      const double v = m.magnitude[std::size_t(k)];
      if (pair.m % 4 != 0) {
        EXPECT_LT(v, 1e-13) << "radius " << radius << " " << pair.n << "," << pair.m;
      } else if (pair.m > 0) {
        EXPECT_LT(v, 0.05) << "radius " << radius << " " << pair.n << "," << pair.m;
      }
    }
    EXPECT_NEAR(m.magnitude[0], 1.0 / std::numbers::pi, 1e-15);
  }
}

/// The plane turned a quarter turn: new (row, col) = (col, height − 1 − row), a transpose and a flip.
template <class T>
std::vector<T> quarter_turn(const std::vector<T>& plane, std::int32_t width, std::int32_t height) {
  std::vector<T> out(plane.size());
  for (std::int32_t r = 0; r < height; ++r)
    for (std::int32_t c = 0; c < width; ++c)
      out[std::size_t(c) * std::size_t(height) + std::size_t(height - 1 - r)] = plane[std::size_t(r) * width + c];
  return out;
}

// A quarter turn maps the lattice onto itself: every pixel keeps its distance from the centre and its angle moves
// by π/2, which only changes phases. The centres move by rounding only: 1e-12 (magnitudes are ≤ 20/π).
TEST(ZernikeProperties, QuarterTurnKeepsEveryMagnitude) {
  for (const char* name : {"shapes", "cells"}) {
    const ReferencePlanes p = test::microscopy::read_reference_planes(test::data_dir() / "microscopy", name);
    const PlaneZernike before = zernike_of(p.labels, p.intensity, p.width, p.height);
    const PlaneZernike after = zernike_of(quarter_turn(p.labels, p.width, p.height),
                                          quarter_turn(p.intensity, p.width, p.height), p.height, p.width);
    ASSERT_EQ(before.shape.size(), after.shape.size());
    for (std::size_t i = 0; i < before.shape.size(); ++i) {
      ASSERT_EQ(before.table.objects[i].label, after.table.objects[i].label);
      for (int k = 0; k < kPairs; ++k) {
        EXPECT_NEAR(after.shape[i].magnitude[std::size_t(k)], before.shape[i].magnitude[std::size_t(k)], 1e-12)
            << name << " label " << before.table.objects[i].label << " pair " << k;
        EXPECT_NEAR(after.intensity[i].magnitude[std::size_t(k)], before.intensity[i].magnitude[std::size_t(k)],
                    1e-12)
            << name << " label " << before.table.objects[i].label << " pair " << k << " (intensity)";
      }
    }
  }
}

// Everything is computed in bounding-box coordinates, so moving the objects changes no bit.
TEST(ZernikeProperties, TranslationChangesNothing) {
  const ReferencePlanes p = test::microscopy::read_reference_planes(test::data_dir() / "microscopy", "shapes");
  const std::int32_t dr = 13, dc = 29, width = p.width + 40, height = p.height + 20;
  std::vector<std::uint32_t> labels(std::size_t(width) * height, 0);
  std::vector<float> intensity(labels.size(), 0.0f);
  for (std::int32_t r = 0; r < p.height; ++r)
    for (std::int32_t c = 0; c < p.width; ++c) {
      labels[std::size_t(r + dr) * width + std::size_t(c + dc)] = p.labels[std::size_t(r) * p.width + c];
      intensity[std::size_t(r + dr) * width + std::size_t(c + dc)] = p.intensity[std::size_t(r) * p.width + c];
    }
  const PlaneZernike before = zernike_of(p.labels, p.intensity, p.width, p.height);
  const PlaneZernike after = zernike_of(labels, intensity, width, height);
  ASSERT_EQ(before.shape.size(), after.shape.size());
  for (std::size_t i = 0; i < before.shape.size(); ++i) {
    EXPECT_EQ(after.shape[i].magnitude, before.shape[i].magnitude) << "label " << before.table.objects[i].label;
    EXPECT_EQ(after.intensity[i].magnitude, before.intensity[i].magnitude) << "label " << before.table.objects[i].label;
  }
}

// One pixel: radius 0, the pixel is the centre: |A_n0| = (n + 1)/π |R_n0(0)| = (n + 1)/π, every m > 0 is 0 (what
// mahotas gives for any positive radius). With zero intensity there is no weight at all: NaN.
TEST(ZernikeProperties, SinglePixelIsTheCentre) {
  const LabelPlane p = label_art({"...", ".1.", "..."});
  const IntensityPlane bright{3, 3, std::vector<float>(9, 5.0f)}, dark{3, 3, std::vector<float>(9, 0.0f)};
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  const ZernikeMoments shape = shape_zernike(t.objects[0].bbox, t.runs_of(0));
  const ZernikeMoments weighted = intensity_zernike(t.objects[0].bbox, t.runs_of(0), bright.view());
  EXPECT_EQ(shape.radius, 0.0);
  for (int k = 0; k < kPairs; ++k) {
    const ZernikePair pair = zernike_pair(k);
    const double expected = pair.m == 0 ? (pair.n + 1) / std::numbers::pi : 0.0;
    EXPECT_DOUBLE_EQ(shape.magnitude[std::size_t(k)], expected) << pair.n << "," << pair.m;
    EXPECT_DOUBLE_EQ(weighted.magnitude[std::size_t(k)], expected) << pair.n << "," << pair.m;
  }
  for (const double v : intensity_zernike(t.objects[0].bbox, t.runs_of(0), dark.view()).magnitude)
    EXPECT_TRUE(std::isnan(v));
}

// Nyxus' radius, min(bbox rows, cols), on a 1 × 14 line: R = 1 keeps the two pixels at column offsets ±0.5 (the
// centre is between them), x = ±0.5, y = 0, t = 0.25. Then by hand: A_00 = 1/π, A_11 = (2/π)·|0.5 − 0.5|/2 = 0,
// A_20 = (3/π)·|2t − 1| = 1.5/π, A_22 = (3/π)·|x²| = 0.75/π.
TEST(ZernikeProperties, BoundingBoxRadiusKeepsOnlyTheDisc) {
  const LabelPlane p = label_art({"11111111111111"});
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  const ZernikeMoments z = shape_zernike(t.objects[0].bbox, t.runs_of(0), {9, ZernikeRadius::bounding_box_side});
  const double pi = std::numbers::pi;
  EXPECT_EQ(z.radius, 1.0);
  EXPECT_DOUBLE_EQ(z.magnitude[std::size_t(zernike_index(0, 0))], 1.0 / pi);
  EXPECT_EQ(z.magnitude[std::size_t(zernike_index(1, 1))], 0.0);
  EXPECT_DOUBLE_EQ(z.magnitude[std::size_t(zernike_index(2, 0))], 1.5 / pi);
  EXPECT_DOUBLE_EQ(z.magnitude[std::size_t(zernike_index(2, 2))], 0.75 / pi);
  // A fixed radius of 1 is the same disc; one of 0.4 reaches no pixel: no weight, NaN.
  const ZernikeMoments fixed = shape_zernike(t.objects[0].bbox, t.runs_of(0), {9, ZernikeRadius::fixed, 1.0});
  EXPECT_EQ(fixed.magnitude, z.magnitude);
  EXPECT_TRUE(std::isnan(shape_zernike(t.objects[0].bbox, t.runs_of(0), {9, ZernikeRadius::fixed, 0.4}).magnitude[0]));
}

TEST(ZernikeProperties, OrderAndRadiusOptions) {
  const LabelPlane p = label_art({".11.", "1111", ".11."});
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  const ZernikeMoments order9 = shape_zernike(t.objects[0].bbox, t.runs_of(0));
  const ZernikeMoments order4 = shape_zernike(t.objects[0].bbox, t.runs_of(0), {4});
  ASSERT_EQ(order4.magnitude.size(), std::size_t(zernike_pair_count(4)));
  for (std::size_t k = 0; k < order4.magnitude.size(); ++k) EXPECT_EQ(order4.magnitude[k], order9.magnitude[k]);
  EXPECT_EQ(shape_zernike(t.objects[0].bbox, t.runs_of(0), {kZernikeOrderLimit}).magnitude.size(), 121u);
  for (const ZernikeOptions bad : {ZernikeOptions{-1}, ZernikeOptions{kZernikeOrderLimit + 1},
                                   ZernikeOptions{9, ZernikeRadius::fixed, 0.0},
                                   ZernikeOptions{9, ZernikeRadius::fixed, std::numeric_limits<double>::infinity()}})
    EXPECT_THROW(shape_zernike(t.objects[0].bbox, t.runs_of(0), bad), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
