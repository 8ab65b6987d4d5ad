// Local intensity peaks (kernels/intensity/local_intensity.hpp): the prefix-sum version against the brute-force
// reference, and hand-computed spheres.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

#include "intensity/local_intensity.hpp"

namespace voxfeat::kernels {
namespace {

struct Grid {
  std::vector<float> image;
  std::vector<std::uint8_t> mask;
  std::array<std::size_t, 3> extent;
  std::array<double, 3> spacing;
  [[nodiscard]] View3<float> image_view() const { return {image.data(), extent, spacing}; }
  [[nodiscard]] View3<std::uint8_t> mask_view() const { return {mask.data(), extent, spacing}; }
};

Grid random_grid(std::uint32_t seed, std::array<std::size_t, 3> extent, std::array<double, 3> spacing,
                 double mask_fraction) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> intensity(-100, 300);  // integers: ties of the maximum occur
  std::bernoulli_distribution in_mask(mask_fraction);
  Grid g{{}, {}, extent, spacing};
  const std::size_t n = extent[0] * extent[1] * extent[2];
  for (std::size_t i = 0; i < n; ++i) {
    g.image.push_back(float(intensity(rng)) * 0.5f);
    g.mask.push_back(in_mask(rng) ? 1 : 0);
  }
  g.mask[0] = 1;      // a corner centre: the sphere is cut on three sides
  g.mask[n - 1] = 1;
  return g;
}

TEST(LocalIntensity, RadiusIsThatOfOneCubicCentimetre) {
  const double r = local_intensity_radius_mm();
  EXPECT_NEAR(4.0 / 3.0 * std::numbers::pi * r * r * r, 1000.0, 1e-9);  // mm³; floor: cbrt rounding
  EXPECT_NEAR(r, 6.2035, 1e-4);  // manual: r ≈ 0.62 cm
}

TEST(LocalIntensity, FastEqualsReferenceOnRandomImages) {
  // Spacings: CT native (0.977 × 0.977 × 3), IBSI configs C–E (2 mm), 1 mm, an odd anisotropic one, and one
  // where the sphere is wider than the image (0.5 mm: reach 12 voxels > extent).
  const std::vector<std::array<double, 3>> spacings{
      {0.977, 0.977, 3.0}, {2.0, 2.0, 2.0}, {1.0, 1.0, 1.0}, {0.5, 0.8, 1.3}, {0.5, 0.5, 0.5}};
  std::uint32_t seed = 1;
  for (const auto& spacing : spacings)
    for (const double fraction : {0.05, 0.4, 1.0}) {
      const Grid g = random_grid(seed++, {17, 11, 9}, spacing, fraction);
      const LocalIntensityPeaks fast = local_intensity_peaks(g.image_view(), g.mask_view());
      const LocalIntensityPeaks ref = local_intensity_peaks_reference(g.image_view(), g.mask_view());
      // Prefix-sum differences round differently from direct sums: 1e-12 relative, floor 1e-9 (values ~100).
      EXPECT_NEAR(fast.local_peak, ref.local_peak, std::max(1e-12 * std::abs(ref.local_peak), 1e-9))
          << "spacing " << spacing[0] << "," << spacing[1] << "," << spacing[2] << " mask " << fraction;
      EXPECT_NEAR(fast.global_peak, ref.global_peak, std::max(1e-12 * std::abs(ref.global_peak), 1e-9))
          << "spacing " << spacing[0] << "," << spacing[1] << "," << spacing[2] << " mask " << fraction;
    }
}

TEST(LocalIntensity, FastEqualsReferenceAwayFromTheBorder) {
  // A central ROI in an image with a margin wider than the sphere: the fast version's unclipped path (rows four at
  // a time) for most centres, the clipped one for the lines that get near the border.
  for (const auto& spacing : {std::array<double, 3>{1.0, 1.0, 1.0}, std::array<double, 3>{0.7, 0.9, 1.6}}) {
    Grid g = random_grid(99, {34, 30, 22}, spacing, 0.0);
    std::fill(g.mask.begin(), g.mask.end(), 0);
    for (std::size_t z = 7; z < 15; ++z)
      for (std::size_t y = 3; y < 24; ++y)
        for (std::size_t x = 8; x < 27; ++x) g.mask[x + 34 * (y + 30 * z)] = (x * 7 + y * 3 + z) % 5 != 0;
    const LocalIntensityPeaks fast = local_intensity_peaks(g.image_view(), g.mask_view());
    const LocalIntensityPeaks ref = local_intensity_peaks_reference(g.image_view(), g.mask_view());
    // Same tolerance and reason as above.
    EXPECT_NEAR(fast.local_peak, ref.local_peak, std::max(1e-12 * std::abs(ref.local_peak), 1e-9));
    EXPECT_NEAR(fast.global_peak, ref.global_peak, std::max(1e-12 * std::abs(ref.global_peak), 1e-9));
  }
}

TEST(LocalIntensity, SingleBrightVoxel) {
  // One voxel of 123 at the centre of an 11³ grid of zeros, 2 mm spacing: the sphere holds the offsets with
  // 4 (dx² + dy² + dz²) ≤ r² = 38.48 mm², i.e. dx² + dy² + dz² ≤ 9: 123 lattice points (OEIS A000605, n = 3).
  // Both peaks are 123 / 123 = 1.
  Grid g{std::vector<float>(11 * 11 * 11, 0.0f), std::vector<std::uint8_t>(11 * 11 * 11, 0), {11, 11, 11},
         {2.0, 2.0, 2.0}};
  const std::size_t centre = 5 + 11 * (5 + 11 * 5);
  g.image[centre] = 123.0f;
  g.mask[centre] = 1;
  const LocalIntensityPeaks p = local_intensity_peaks(g.image_view(), g.mask_view());
  EXPECT_NEAR(p.local_peak, 1.0, 1e-12);
  EXPECT_NEAR(p.global_peak, 1.0, 1e-12);
}

TEST(LocalIntensity, UniformImageGivesItsValueEverywhere) {
  // The mean of equal values is that value, however the image border cuts the sphere.
  Grid g{std::vector<float>(6 * 5 * 4, 2.5f), std::vector<std::uint8_t>(6 * 5 * 4, 1), {6, 5, 4}, {0.7, 1.1, 2.0}};
  const LocalIntensityPeaks p = local_intensity_peaks(g.image_view(), g.mask_view());
  EXPECT_NEAR(p.local_peak, 2.5, 1e-12);
  EXPECT_NEAR(p.global_peak, 2.5, 1e-12);
}

TEST(LocalIntensity, TiedMaximaTakeTheHighestSphereMean) {
  // Two ROI voxels share the maximum 10 on a 40 × 1 × 1 grid of 1 mm (the sphere is the row |dx| ≤ 6). x = 5 sees
  // x = 0..11 (the border cuts one voxel): 10 / 12. x = 20 sees 14..26, with a 4 outside the ROI at x = 21:
  // 14 / 13, the higher, hence the local peak. x = 33 (9, not a maximum) sees 27..39, all 50 but itself:
  // (9 + 12 · 50) / 13, the global peak.
  Grid g{std::vector<float>(40, 0.0f), std::vector<std::uint8_t>(40, 0), {40, 1, 1}, {1.0, 1.0, 1.0}};
  for (const std::size_t x : {5u, 20u, 33u}) g.mask[x] = 1;
  g.image[5] = 10.0f;
  g.image[20] = 10.0f;
  g.image[21] = 4.0f;
  for (std::size_t x = 27; x <= 39; ++x) g.image[x] = x == 33 ? 9.0f : 50.0f;
  const LocalIntensityPeaks p = local_intensity_peaks(g.image_view(), g.mask_view());
  EXPECT_NEAR(p.local_peak, 14.0 / 13.0, 1e-12);
  EXPECT_NEAR(p.global_peak, (9.0 + 12 * 50.0) / 13.0, 1e-12);
  const LocalIntensityPeaks ref = local_intensity_peaks_reference(g.image_view(), g.mask_view());
  EXPECT_NEAR(ref.local_peak, p.local_peak, 1e-12);
  EXPECT_NEAR(ref.global_peak, p.global_peak, 1e-12);
}

TEST(LocalIntensity, EmptyMaskAndBadInputs) {
  Grid g{std::vector<float>(8, 1.0f), std::vector<std::uint8_t>(8, 0), {2, 2, 2}, {1.0, 1.0, 1.0}};
  const LocalIntensityPeaks p = local_intensity_peaks(g.image_view(), g.mask_view());
  EXPECT_TRUE(std::isnan(p.local_peak));
  EXPECT_TRUE(std::isnan(p.global_peak));
  View3<std::uint8_t> wrong = g.mask_view();
  wrong.extent = {4, 2, 1};
  EXPECT_THROW(local_intensity_peaks(g.image_view(), wrong), std::invalid_argument);
  View3<float> flat = g.image_view();
  flat.spacing = {1.0, 0.0, 1.0};
  EXPECT_THROW(local_intensity_peaks(flat, g.mask_view()), std::invalid_argument);
  // Microscopy-sized voxels (1 µm): millions of sphere rows per centre, refused rather than run for hours.
  g.mask[0] = 1;
  View3<float> tiny = g.image_view();
  tiny.spacing = {0.001, 0.001, 0.001};
  View3<std::uint8_t> tiny_mask = g.mask_view();
  tiny_mask.spacing = tiny.spacing;
  EXPECT_THROW(local_intensity_peaks(tiny, tiny_mask), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::kernels
