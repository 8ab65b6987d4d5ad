// Moments of hand-built objects: raw (local coordinates), central, normalised, Hu, and the intensity-weighted set.
#include <gtest/gtest.h>

#include <cmath>

#include "microscopy/inertia_formulas.hpp"
#include "microscopy/label_art.hpp"
#include "microscopy/moments2d.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::IntensityPlane;
using test::microscopy::label_art;
using test::microscopy::LabelPlane;

// Sums of a few small numbers against closed forms: 1e-12 relative, 1e-12 absolute floor.
void expect_near(double actual, double expected) {
  EXPECT_NEAR(actual, expected, 1e-12 * std::max(1.0, std::fabs(expected)));
}

TEST(Moments2D, TwoByTwoSquareInLocalCoordinates) {
  // Away from the origin: raw moments must not depend on where the box lies.
  const LabelPlane p = label_art({"....", "....", "..11", "..11"});
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  const ObjectMoments m = shape_moments(t.objects[0].bbox, t.runs_of(0));
  // Local pixels (0,0), (0,1), (1,0), (1,1): M_ij = Σ r^i c^j.
  expect_near(m.raw.v[0][0], 4);
  expect_near(m.raw.v[1][0], 2);
  expect_near(m.raw.v[0][1], 2);
  expect_near(m.raw.v[1][1], 1);
  expect_near(m.raw.v[2][0], 2);
  expect_near(m.raw.v[3][3], 1);
  expect_near(m.centroid_row, 0.5);
  expect_near(m.centroid_col, 0.5);
  // Central: Δ = ±½ on each axis. μ20 = 1, μ22 = 4/16, odd orders 0.
  expect_near(m.central.v[2][0], 1);
  expect_near(m.central.v[0][2], 1);
  expect_near(m.central.v[2][2], 0.25);
  EXPECT_EQ(m.central.v[1][1], 0.0);
  expect_near(m.central.v[3][0], 0);
  // η20 = μ20 / μ00² = 1/16; η22 = μ22 / μ00³ = 1/256; below order 2 undefined.
  expect_near(m.normalised.v[2][0], 1.0 / 16);
  expect_near(m.normalised.v[2][2], 0.25 / 64);
  EXPECT_TRUE(std::isnan(m.normalised.v[0][0]));
  EXPECT_TRUE(std::isnan(m.normalised.v[1][0]));
  EXPECT_TRUE(std::isnan(m.normalised.v[0][1]));
  // Hu: I1 = η20 + η02 = 1/8, I2 = (η20 − η02)² + 4η11² = 0; third-order invariants 0.
  expect_near(m.hu[0], 0.125);
  expect_near(m.hu[1], 0);
  expect_near(m.hu[6], 0);
}

TEST(Moments2D, HuSeventhInvariantChangesSignUnderMirroring) {
  const LabelPlane p = label_art({
      "11..22",
      "1....2",
      "111222",
  });
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  const ObjectMoments a = shape_moments(t.objects[0].bbox, t.runs_of(0));
  const ObjectMoments b = shape_moments(t.objects[1].bbox, t.runs_of(1));
  for (int k = 0; k < 6; ++k) expect_near(b.hu[std::size_t(k)], a.hu[std::size_t(k)]);
  EXPECT_NE(a.hu[6], 0.0);
  expect_near(b.hu[6], -a.hu[6]);
}

TEST(Moments2D, IntensityWeighted) {
  // Two pixels of one row, weights 1 and 3: weighted centroid at column ¾ (local), μw02 = 1·(¾)² + 3·(¼)² = ¾.
  const LabelPlane p = label_art({".11"});
  const IntensityPlane v{3, 1, {9.0f, 1.0f, 3.0f}};
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  const ObjectMoments m = intensity_moments(t.objects[0].bbox, t.runs_of(0), v.view());
  expect_near(m.raw.v[0][0], 4);
  expect_near(m.raw.v[0][1], 3);
  expect_near(m.raw.v[0][3], 3);
  EXPECT_EQ(m.raw.v[1][0], 0.0);
  expect_near(m.centroid_col, 0.75);
  EXPECT_EQ(m.centroid_row, 0.0);
  EXPECT_EQ(m.central.v[0][1], 0.0);
  expect_near(m.central.v[0][2], 0.75);
  // μw03 = 1·(−¾)³ + 3·(¼)³ = −27/64 + 3/64 = −3/8; normalised by μw00^(5/2) = 32.
  expect_near(m.central.v[0][3], -0.375);
  expect_near(m.normalised.v[0][3], -0.375 / 32);
}

TEST(Moments2D, SecondMomentsOfMirrorImagesAreEqualExactly) {
  // A triangle symmetric about the anti-diagonal with a non-integer centroid: μ20 == μ02 must hold bit for bit,
  // or orientation's special case would not fire (the reason they come from exact integer sums).
  const LabelPlane p = label_art({
      "1111111",
      ".111111",
      "..11111",
      "...1111",
      "....111",
      ".....11",
      "......1",
  });
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  const ObjectMoments m = shape_moments(t.objects[0].bbox, t.runs_of(0));
  EXPECT_EQ(m.central.v[2][0], m.central.v[0][2]);
  const InertiaTensor2D tensor = inertia_tensor(m.central);
  EXPECT_EQ(tensor.a, tensor.c);
  EXPECT_LT(tensor.b, 0.0);  // μ11 > 0
  EXPECT_DOUBLE_EQ(orientation(tensor), -0.78539816339744830962);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
