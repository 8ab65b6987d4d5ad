// Moran's I and Geary's C: the FFT implementation against the O(n²) definition.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>

#include "morphology/spatial_autocorrelation.hpp"
#include "morphology/test_shapes.hpp"

namespace voxfeat::kernels::morphology {
namespace {

using test::morphology::ellipsoid_mask;
using test::morphology::random_image;
using test::morphology::random_mask;

// Same sums, different order and FFT round-off: 1e-9 relative, with a 1e-12 floor for values near 0.
void expect_same(const SpatialAutocorrelation& fft, const SpatialAutocorrelation& ref) {
  EXPECT_NEAR(fft.morans_i, ref.morans_i, 1e-9 * std::abs(ref.morans_i) + 1e-12);
  EXPECT_NEAR(fft.gearys_c, ref.gearys_c, 1e-9 * std::abs(ref.gearys_c) + 1e-12);
}

TEST(SpatialAutocorrelation, FftMatchesReferenceOnRandomRois) {
  struct Case {
    std::uint32_t seed;
    std::array<std::size_t, 3> extent;
    double fill;
    std::array<double, 3> spacing;
  };
  for (const Case& c : {Case{1, {9, 7, 5}, 0.5, {1, 1, 1}}, Case{2, {12, 11, 6}, 0.3, {0.7, 0.9, 2.5}},
                        Case{3, {17, 3, 4}, 0.8, {1.2, 0.5, 3.0}}, Case{4, {6, 6, 1}, 0.6, {1, 1, 2}},
                        Case{5, {1, 1, 9}, 0.7, {1, 1, 1}}}) {
    const auto mask = random_mask(c.seed, c.extent, c.fill, c.spacing);
    const auto image = random_image(c.seed + 100, mask);
    SCOPED_TRACE(c.seed);
    const auto ref = spatial_autocorrelation_reference(image.view(), mask.view());
    ASSERT_FALSE(std::isnan(ref.morans_i));
    expect_same(spatial_autocorrelation_fft(image.view(), mask.view()), ref);
  }
}

TEST(SpatialAutocorrelation, FftMatchesReferenceOnASmoothRoi) {
  // A compact ROI with a ramp: strong positive autocorrelation (I well above 0, C well below 1).
  const auto mask = ellipsoid_mask({7, 5, 6}, {1.0, 1.0, 2.0});
  const auto image = random_image(9, mask);
  const auto ref = spatial_autocorrelation_reference(image.view(), mask.view());
  EXPECT_GT(ref.morans_i, 0.1);
  EXPECT_LT(ref.gearys_c, 0.9);
  expect_same(spatial_autocorrelation_fft(image.view(), mask.view()), ref);
}

TEST(SpatialAutocorrelation, TwoVoxelsAreExact) {
  // Two voxels a distance d apart with values x1, x2: μ = (x1+x2)/2, W = 2/d, Σ(x−μ)² = (x1−x2)²/2.
  // I = 2/(2/d) · 2·(1/d)·(−(x1−x2)²/4) / ((x1−x2)²/2) = −1;  C = 1/(4/d) · 2·(1/d)(x1−x2)² / ((x1−x2)²/2) = 1.
  const auto mask = test::morphology::box_mask({2, 1, 1}, {0, 0, 0}, {2, 1, 1}, {3.0, 1.0, 1.0});
  const std::vector<float> values{2.0f, 7.0f};
  const View3<float> image{values.data(), {2, 1, 1}, {3.0, 1.0, 1.0}};
  const auto r = spatial_autocorrelation_fft(image, mask.view());
  EXPECT_NEAR(r.morans_i, -1.0, 1e-12);
  EXPECT_NEAR(r.gearys_c, 1.0, 1e-12);
}

TEST(SpatialAutocorrelation, UndefinedCasesAreNaN) {
  const auto one = test::morphology::box_mask({3, 3, 3}, {1, 1, 1}, {2, 2, 2}, {1, 1, 1});
  const auto image = random_image(1, one);
  EXPECT_TRUE(std::isnan(spatial_autocorrelation_fft(image.view(), one.view()).morans_i));
  EXPECT_TRUE(std::isnan(spatial_autocorrelation_reference(image.view(), one.view()).gearys_c));
  const auto block = test::morphology::box_mask({3, 3, 3}, {0, 0, 0}, {3, 3, 3}, {1, 1, 1});
  const std::vector<float> flat(27, 4.5f);
  const View3<float> flat_image{flat.data(), {3, 3, 3}, {1, 1, 1}};
  EXPECT_TRUE(std::isnan(spatial_autocorrelation_fft(flat_image, block.view()).morans_i));
  EXPECT_TRUE(std::isnan(spatial_autocorrelation_reference(flat_image, block.view()).gearys_c));
}

TEST(SpatialAutocorrelation, FftResultDoesNotDependOnTheThreadCount) {
  const auto mask = random_mask(8, {20, 18, 9}, 0.7, {0.8, 0.8, 2.0});
  const auto image = random_image(8, mask);
  const auto parallel = spatial_autocorrelation_fft(image.view(), mask.view());
  const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const auto serial = spatial_autocorrelation_fft(image.view(), mask.view());
  EXPECT_EQ(parallel.morans_i, serial.morans_i);
  EXPECT_EQ(parallel.gearys_c, serial.gearys_c);
}

}  // namespace
}  // namespace voxfeat::kernels::morphology
