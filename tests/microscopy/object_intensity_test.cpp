// Intensity statistics over an object's pixels and its boundary pixels (numpy's definitions).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "microscopy/float_sort.hpp"
#include "microscopy/label_art.hpp"
#include "microscopy/object_intensity.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::IntensityPlane;
using test::microscopy::label_art;
using test::microscopy::LabelPlane;

void expect_near(double actual, double expected) {
  EXPECT_NEAR(actual, expected, 1e-12 * std::max(1.0, std::fabs(expected)));
}

ObjectIntensity intensity_of(const LabelPlane& p, const IntensityPlane& v, std::uint32_t label) {
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  IntensityWorkspace work;
  for (std::size_t i = 0; i < t.objects.size(); ++i)
    if (t.objects[i].label == label) return object_intensity(t.objects[i], t.runs_of(i), p.view(), v.view(), work);
  throw std::invalid_argument("no such label");
}

TEST(ObjectIntensity, FourValues) {
  const LabelPlane p = label_art({"11", "11"});
  const IntensityPlane v{2, 2, {4.0f, 1.0f, 3.0f, 2.0f}};
  const IntensityStatistics s = intensity_of(p, v, 1).all;
  EXPECT_EQ(s.count, 4u);
  expect_near(s.sum, 10);
  expect_near(s.mean, 2.5);
  expect_near(s.median, 2.5);
  expect_near(s.sd, std::sqrt(1.25));
  EXPECT_EQ(s.min, 1.0);
  EXPECT_EQ(s.max, 4.0);
  // numpy "linear": position 3q in the sorted values 1, 2, 3, 4.
  expect_near(s.p10, 1.3);
  expect_near(s.p25, 1.75);
  expect_near(s.p75, 3.25);
  expect_near(s.p90, 3.7);
  expect_near(s.skewness, 0.0);
  // m4 = (2·1.5⁴ + 2·0.5⁴) / 4 = 2.5625, m2² = 1.5625: 2.5625 / 1.5625 − 3 = −1.36.
  expect_near(s.kurtosis, -1.36);
  expect_near(s.mad, 1.0);
}

TEST(ObjectIntensity, FlatSampleHasUndefinedShape) {
  const LabelPlane p = label_art({".1", "11"});
  const IntensityPlane v{2, 2, {0.0f, 5.0f, 5.0f, 5.0f}};
  const IntensityStatistics s = intensity_of(p, v, 1).all;
  EXPECT_EQ(s.sd, 0.0);
  EXPECT_EQ(s.mad, 0.0);
  EXPECT_TRUE(std::isnan(s.skewness));
  EXPECT_TRUE(std::isnan(s.kurtosis));
  const IntensityStatistics one = intensity_of(label_art({"1"}), IntensityPlane{1, 1, {7.0f}}, 1).all;
  EXPECT_EQ(one.median, 7.0);
  EXPECT_TRUE(std::isnan(one.skewness));
}

TEST(ObjectIntensity, BoundaryPixelsSeeOtherLabelsAndThePlaneBorder) {
  // Label 1: a 5×5 square holding label 2 at its centre. Its boundary: the 16 outline pixels and the 4 pixels
  // next to label 2; the 4 pixels diagonal to the centre are interior.
  const LabelPlane p = label_art({
      ".......",
      ".11111.",
      ".11111.",
      ".11211.",
      ".11111.",
      ".11111.",
      ".......",
  });
  IntensityPlane v{7, 7, std::vector<float>(49, 1.0f)};
  // Mark the interior pixels with 100 so the edge statistics show they were left out.
  for (const auto& [r, c] : {std::pair{2, 2}, {2, 4}, {4, 2}, {4, 4}}) v.values[std::size_t(r * 7 + c)] = 100.0f;
  const ObjectIntensity one = intensity_of(p, v, 1);
  EXPECT_EQ(one.all.count, 24u);
  EXPECT_EQ(one.edge.count, 20u);
  EXPECT_EQ(one.edge.max, 1.0);
  EXPECT_EQ(one.edge.sd, 0.0);
  EXPECT_EQ(one.all.max, 100.0);
  EXPECT_EQ(intensity_of(p, v, 2).edge.count, 1u);

  // A 3×3 object filling the plane: outside the plane counts as another label, so only the centre is interior.
  const LabelPlane full = label_art({"111", "111", "111"});
  const IntensityPlane w{3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
  const EdgeStatistics edge = intensity_of(full, w, 1).edge;
  EXPECT_EQ(edge.count, 8u);
  expect_near(edge.mean, 5.0);  // (45 − 5) / 8
  EXPECT_EQ(edge.min, 1.0);
  EXPECT_EQ(edge.max, 9.0);
  // Deviations from 5: ±4, ±3, ±2, ±1 (skipping the centre): Σd² = 60, sd = √7.5.
  expect_near(edge.sd, std::sqrt(7.5));
}

TEST(FloatSort, RadixOrderIsNumericOrder) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(-1e6f, 1e6f);
  for (const std::size_t n : {0u, 1u, 2u, 17u, 1000u}) {
    std::vector<float> v(n);
    for (auto& x : v) x = u(rng);
    if (n >= 17) {
      v[0] = -0.0f, v[1] = 0.0f, v[2] = std::numeric_limits<float>::infinity();
      v[3] = -std::numeric_limits<float>::infinity(), v[4] = std::numeric_limits<float>::denorm_min();
      v[5] = -std::numeric_limits<float>::denorm_min(), v[6] = 3.0f, v[7] = 3.0f;
    }
    std::vector<std::uint32_t> keys, scratch;
    for (const float x : v) keys.push_back(float_sort_key(x));
    std::vector<double> sorted;
    sort_float_keys(keys, scratch, sorted);
    std::vector<double> expected(v.begin(), v.end());
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(sorted, expected) << n;
  }
  // Values that share their upper bytes (a uint16 image) skip the passes that would not move anything.
  std::vector<std::uint32_t> keys, scratch;
  for (int i = 0; i < 300; ++i) keys.push_back(float_sort_key(float((i * 7919) % 4096)));
  std::vector<double> sorted;
  sort_float_keys(keys, scratch, sorted);
  EXPECT_TRUE(std::is_sorted(sorted.begin(), sorted.end()));
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
