// Intensity histogram kernels (kernels/intensity/intensity_histogram.hpp, histogram_formulas.hpp) on hand-made
// histograms, worked out in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "intensity/intensity_histogram.hpp"

namespace voxfeat::kernels {
namespace {

constexpr double kExact = 1e-12;  // a few double operations on exact inputs

// The digital phantom's levels: 1 (×50), 2 (×0), 3 (×1), 4 (×16), 5 (×0), 6 (×7).
const std::vector<std::uint64_t> kPhantomCounts{50, 0, 1, 16, 0, 7};

TEST(HistogramFormulas, PhantomHistogram) {
  // p = (50, 1, 16, 7) / 74; uniformity = (2500 + 1 + 256 + 49) / 74² = 2806 / 5476 (IBSI dig BJ5W 0.512).
  const IntensityHistogramFeatures h = intensity_histogram_features(kPhantomCounts);
  double entropy = 0.0;
  for (const double n : {50.0, 1.0, 16.0, 7.0}) entropy -= n / 74.0 * std::log2(n / 74.0);
  EXPECT_NEAR(h.entropy, entropy, kExact);
  EXPECT_NEAR(h.uniformity, 2806.0 / 5476.0, kExact);
  EXPECT_EQ(h.mode, 1.0);
  // H' = (0 − 50, (1 − 50)/2, (16 − 0)/2, (0 − 1)/2, (7 − 16)/2, 7 − 0) = (−50, −24.5, 8, −0.5, −4.5, 7):
  // IBSI dig 12CE = 8 at 8E6O = 3, VQB3 = −50 at RHQZ = 1.
  EXPECT_EQ(h.gradient.maximum, 8.0);
  EXPECT_EQ(h.gradient.maximum_level, 3.0);
  EXPECT_EQ(h.gradient.minimum, -50.0);
  EXPECT_EQ(h.gradient.minimum_level, 1.0);
  // First-order features from the histogram equal those of the expanded levels: mean 159/74, P90 = 4.
  EXPECT_NEAR(h.first_order.mean, 159.0 / 74.0, kExact);
  EXPECT_EQ(h.first_order.p90, 4.0);
  EXPECT_EQ(h.first_order.minimum, 1.0);
  EXPECT_EQ(h.first_order.maximum, 6.0);
}

TEST(HistogramFormulas, ModeTieBreaks) {
  // Counts 3, 0, 3: mean 2 is equidistant from levels 1 and 3: the lower one (left of the mean).
  EXPECT_EQ(intensity_histogram_features(std::vector<std::uint64_t>{3, 0, 3}).mode, 1.0);
  // Counts 3, 3, 0, 0, 1: mean (3 + 6 + 5) / 7 = 2; levels 1 and 2 tie, 2 is closer.
  EXPECT_EQ(intensity_histogram_features(std::vector<std::uint64_t>{3, 3, 0, 0, 1}).mode, 2.0);
}

TEST(HistogramFormulas, GradientTiesTakeTheLowestLevel) {
  const IntensityHistogramFeatures h = intensity_histogram_features(std::vector<std::uint64_t>{2, 2, 2});
  EXPECT_EQ(h.gradient.maximum, 0.0);
  EXPECT_EQ(h.gradient.maximum_level, 1.0);
  EXPECT_EQ(h.gradient.minimum_level, 1.0);
}

TEST(HistogramFormulas, SingleLevelHistogram) {
  // Ng = 1: no neighbour to difference with, so the gradient is undefined (NaN); every other feature is defined.
  const IntensityHistogramFeatures h = intensity_histogram_features(std::vector<std::uint64_t>{9});
  EXPECT_TRUE(std::isnan(h.gradient.maximum));
  EXPECT_TRUE(std::isnan(h.gradient.minimum_level));
  EXPECT_EQ(h.mode, 1.0);
  EXPECT_EQ(h.entropy, 0.0);
  EXPECT_EQ(h.uniformity, 1.0);
  EXPECT_EQ(h.first_order.variance, 0.0);
  EXPECT_EQ(h.first_order.skewness, 0.0);
}

TEST(HistogramFormulas, EmptyHistogramIsAllNan) {
  const IntensityHistogramFeatures h = intensity_histogram_features(std::vector<std::uint64_t>{0, 0});
  EXPECT_TRUE(std::isnan(h.mode));
  EXPECT_TRUE(std::isnan(h.entropy));
  EXPECT_TRUE(std::isnan(h.first_order.mean));
}

TEST(LevelHistogram, CountsMaskLevelsOnly) {
  // Level 0 is outside the intensity mask. Ng = 5 keeps the empty trailing levels 4 and 5 in the histogram.
  const std::vector<std::int32_t> levels{0, 1, 1, 3, 0, 2, 1, 0};
  const View3<std::int32_t> view{levels.data(), {2, 2, 2}, {1, 1, 1}};
  EXPECT_EQ(level_histogram(view, 5), (std::vector<std::uint64_t>{3, 1, 1, 0, 0}));
  // A level above Ng widens the histogram instead of being lost.
  EXPECT_EQ(level_histogram(view, 2), (std::vector<std::uint64_t>{3, 1, 1}));
}

TEST(LevelHistogram, RefusesNegativeLevels) {
  const std::vector<std::int32_t> levels{1, -1};
  EXPECT_THROW(level_histogram(View3<std::int32_t>{levels.data(), {2, 1, 1}, {1, 1, 1}}, 1), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::kernels
