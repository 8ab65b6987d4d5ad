// The shared first-order formulas (kernels/intensity/{moments,percentiles,first_order}.hpp) on small samples whose
// values are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "intensity/first_order.hpp"
#include "intensity/intensity_statistics.hpp"

namespace voxfeat::kernels {
namespace {

// Hand-computed values are exact decimals; 1e-12 absolute covers double rounding of a few operations.
constexpr double kExact = 1e-12;

SortedSample plain(const std::vector<double>& v) { return {v.data(), nullptr, v.size()}; }

std::vector<double> quantiles_of(const SortedSample& s, std::vector<double> p) {
  std::vector<double> out(p.size());
  quantiles(s, p.data(), out.data(), int(p.size()));
  return out;
}

TEST(Percentiles, LinearInterpolationLikeNumpy) {
  // numpy.percentile(range(1, 11), [10, 25, 50, 75, 90]) = [1.9, 3.25, 5.5, 7.75, 9.1]: h = 9p.
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto q = quantiles_of(plain(x), {0.10, 0.25, 0.50, 0.75, 0.90});
  const std::vector<double> expected{1.9, 3.25, 5.5, 7.75, 9.1};
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(q[i], expected[i], kExact) << "p index " << i;
}

TEST(Percentiles, WeightedSampleEqualsExpandedSample) {
  // The phantom's levels 1 (×50), 3 (×1), 4 (×16), 6 (×7): P10 = 1 and P90 = 4 are the IBSI dig reference values
  // (QG58, 8DWT); h = 73 p puts P90 between ranks 65 and 66, both 4.
  const std::vector<double> values{1, 3, 4, 6};
  const std::vector<std::uint64_t> counts{50, 1, 16, 7};
  std::vector<double> expanded;
  for (std::size_t j = 0; j < values.size(); ++j) expanded.insert(expanded.end(), counts[j], values[j]);
  const std::vector<double> p{0.0, 0.10, 0.25, 0.50, 0.675, 0.75, 0.90, 1.0};
  const auto weighted = quantiles_of({values.data(), counts.data(), values.size()}, p);
  const auto direct = quantiles_of(plain(expanded), p);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(weighted[i], direct[i]) << "p = " << p[i];
  EXPECT_EQ(weighted[1], 1.0);
  EXPECT_EQ(weighted[6], 4.0);
}

TEST(Percentiles, InterpolatesAcrossEntries) {
  // 1, 1, 2, 2: the median is halfway between rank 1 (1) and rank 2 (2), in the next run-length entry.
  const std::vector<double> values{1, 2};
  const std::vector<std::uint64_t> counts{2, 2};
  EXPECT_NEAR(quantiles_of({values.data(), counts.data(), 2}, {0.5})[0], 1.5, kExact);
}

TEST(Percentiles, SingleAndEmptySample) {
  const std::vector<double> one{5.0};
  for (const double q : quantiles_of(plain(one), {0.0, 0.1, 0.5, 0.9, 1.0})) EXPECT_EQ(q, 5.0);
  EXPECT_TRUE(std::isnan(quantiles_of(SortedSample{}, {0.5})[0]));
}

TEST(Moments, HandComputedSample) {
  // 2 4 4 4 5 5 7 9: mean 5; deviations −3 −1 −1 −1 0 0 2 4; Σd² = 32, Σd³ = 42, Σd⁴ = 356 over N = 8.
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  const CentralMoments m = central_moments(plain(x), 0, x.size());
  EXPECT_NEAR(m.mean, 5.0, kExact);
  EXPECT_NEAR(m.m2, 4.0, kExact);
  EXPECT_NEAR(skewness(m), 5.25 / 8.0, kExact);
  EXPECT_NEAR(excess_kurtosis(m), 44.5 / 16.0 - 3.0, kExact);
}

TEST(Moments, LargeOffsetDoesNotCancel) {
  // Same sample shifted by 1e9: the deviations stay exact, where the naive E[x²] − E[x]² loses every digit.
  std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  for (double& v : x) v += 1e9;
  const CentralMoments m = central_moments(plain(x), 0, x.size());
  EXPECT_NEAR(m.m2, 4.0, kExact);
  EXPECT_NEAR(skewness(m), 5.25 / 8.0, kExact);
}

TEST(Moments, FlatSampleHasZeroSpread) {
  // 0.1 is not representable: Σ/N need not give back 0.1, and a residue would make skewness ±1. The manual sets
  // skewness and kurtosis to 0 when the variance is 0.
  const std::vector<double> x(7, 0.1);
  const CentralMoments m = central_moments(plain(x), 0, x.size());
  EXPECT_EQ(m.mean, 0.1);
  EXPECT_EQ(m.m2, 0.0);
  EXPECT_EQ(skewness(m), 0.0);
  EXPECT_EQ(excess_kurtosis(m), 0.0);
}

TEST(FirstOrder, HandComputedSample) {
  // 2 4 4 4 5 5 7 9 (N = 8, h = 7p): P10 = 2 + 0.7·2 = 3.4, P25 = 4, median 4.5, P75 = 5 + 0.25·2 = 5.5,
  // P90 = 7 + 0.3·2 = 7.6. Robust set [3.4, 7.6] = 4 4 4 5 5 7, mean 29/6, Σ|d| = 5.
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  const FirstOrderFeatures f = first_order_features(plain(x));
  EXPECT_NEAR(f.mean, 5.0, kExact);
  EXPECT_NEAR(f.variance, 4.0, kExact);
  EXPECT_NEAR(f.median, 4.5, kExact);
  EXPECT_EQ(f.minimum, 2.0);
  EXPECT_EQ(f.maximum, 9.0);
  EXPECT_NEAR(f.p10, 3.4, kExact);
  EXPECT_NEAR(f.p90, 7.6, kExact);
  EXPECT_NEAR(f.interquartile_range, 1.5, kExact);
  EXPECT_EQ(f.range, 7.0);
  EXPECT_NEAR(f.mean_absolute_deviation, 12.0 / 8.0, kExact);
  EXPECT_NEAR(f.median_absolute_deviation, 12.0 / 8.0, kExact);
  EXPECT_NEAR(f.robust_mean_absolute_deviation, 5.0 / 6.0, kExact);
  EXPECT_NEAR(f.coefficient_of_variation, 0.4, kExact);
  EXPECT_NEAR(f.quartile_coefficient_of_dispersion, 1.5 / 9.5, kExact);
}

TEST(FirstOrder, UndefinedCases) {
  // Two distinct values: P10 = 1.1 and P90 = 1.9 enclose no observation, so the robust MAD is undefined.
  const std::vector<double> two{1, 2};
  EXPECT_TRUE(std::isnan(first_order_features(plain(two)).robust_mean_absolute_deviation));
  // Mean 0: coefficient of variation undefined; P75 + P25 = 0: quartile coefficient undefined.
  const std::vector<double> symmetric{-2, -1, 0, 1, 2};
  const FirstOrderFeatures f = first_order_features(plain(symmetric));
  EXPECT_TRUE(std::isnan(f.coefficient_of_variation));
  EXPECT_TRUE(std::isnan(f.quartile_coefficient_of_dispersion));
  const FirstOrderFeatures empty = first_order_features(SortedSample{});
  EXPECT_TRUE(std::isnan(empty.mean));
  EXPECT_TRUE(std::isnan(empty.median));
}

TEST(IntensityStatistics, HandComputedEnergyAndRms) {
  // Σx² of 2 4 4 4 5 5 7 9 = 4 + 48 + 50 + 49 + 81 = 232.
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  const IntensityStatistics s = intensity_statistics(x);
  EXPECT_NEAR(s.energy, 232.0, kExact);
  EXPECT_NEAR(s.root_mean_square, std::sqrt(29.0), kExact);
  EXPECT_NEAR(s.first_order.mean, 5.0, kExact);
}

TEST(IntensityStatistics, SingleVoxelAndFlatRoi) {
  const std::vector<double> one{-3.5};
  const IntensityStatistics s1 = intensity_statistics(one);
  EXPECT_EQ(s1.first_order.mean, -3.5);
  EXPECT_EQ(s1.first_order.variance, 0.0);
  EXPECT_EQ(s1.first_order.skewness, 0.0);
  EXPECT_EQ(s1.first_order.kurtosis, 0.0);
  EXPECT_EQ(s1.first_order.p10, -3.5);
  EXPECT_EQ(s1.first_order.p90, -3.5);
  EXPECT_EQ(s1.first_order.robust_mean_absolute_deviation, 0.0);
  EXPECT_EQ(s1.first_order.coefficient_of_variation, 0.0);
  EXPECT_EQ(s1.first_order.quartile_coefficient_of_dispersion, 0.0);
  EXPECT_EQ(s1.energy, 12.25);
  EXPECT_EQ(s1.root_mean_square, 3.5);

  const std::vector<double> flat(1000, 42.0);
  const IntensityStatistics s2 = intensity_statistics(flat);
  EXPECT_EQ(s2.first_order.mean, 42.0);
  EXPECT_EQ(s2.first_order.variance, 0.0);
  EXPECT_EQ(s2.first_order.interquartile_range, 0.0);
  EXPECT_EQ(s2.first_order.median_absolute_deviation, 0.0);

  const IntensityStatistics empty = intensity_statistics({});
  EXPECT_TRUE(std::isnan(empty.energy));
  EXPECT_TRUE(std::isnan(empty.first_order.mean));
}

TEST(IntensityStatistics, CountingEqualsSortedForIntegers) {
  // The counting path (integer intensities, no sort) and the sorted path differ only in summation order.
  std::mt19937 rng(7);
  std::normal_distribution<double> hu(40.0, 200.0);
  std::vector<double> x(20'000);
  for (double& v : x) v = std::round(hu(rng));
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  const auto counted = intensity_statistics_counting(x);
  ASSERT_TRUE(counted.has_value());
  const IntensityStatistics s = intensity_statistics(sorted);
  const auto near = [](double a, double b) { return std::abs(a - b) <= std::max(1e-12 * std::abs(b), 1e-12); };
  // Order statistics are exact; sums: 1e-12 relative (summation order), floor 1e-12 for values near 0.
  EXPECT_EQ(counted->first_order.median, s.first_order.median);
  EXPECT_EQ(counted->first_order.p10, s.first_order.p10);
  EXPECT_EQ(counted->first_order.p90, s.first_order.p90);
  EXPECT_EQ(counted->first_order.interquartile_range, s.first_order.interquartile_range);
  EXPECT_EQ(counted->first_order.minimum, s.first_order.minimum);
  EXPECT_EQ(counted->first_order.maximum, s.first_order.maximum);
  EXPECT_TRUE(near(counted->first_order.mean, s.first_order.mean));
  EXPECT_TRUE(near(counted->first_order.variance, s.first_order.variance));
  EXPECT_TRUE(near(counted->first_order.skewness, s.first_order.skewness));
  EXPECT_TRUE(near(counted->first_order.kurtosis, s.first_order.kurtosis));
  EXPECT_TRUE(near(counted->first_order.mean_absolute_deviation, s.first_order.mean_absolute_deviation));
  EXPECT_TRUE(near(counted->first_order.robust_mean_absolute_deviation, s.first_order.robust_mean_absolute_deviation));
  EXPECT_TRUE(near(counted->first_order.median_absolute_deviation, s.first_order.median_absolute_deviation));
  EXPECT_TRUE(near(counted->energy, s.energy));
  EXPECT_TRUE(near(counted->root_mean_square, s.root_mean_square));
}

TEST(IntensityStatistics, CountingDeclinesNonIntegersAndWideRanges) {
  EXPECT_FALSE(intensity_statistics_counting(std::vector<double>{1.0, 2.5, 3.0}).has_value());
  EXPECT_FALSE(intensity_statistics_counting(std::vector<double>{-1.5}).has_value());
  // Range 1e7 for 3 voxels: counting would cost far more than sorting.
  EXPECT_FALSE(intensity_statistics_counting(std::vector<double>{0.0, 5.0, 1e7}).has_value());
  EXPECT_FALSE(intensity_statistics_counting(std::vector<double>{1e300}).has_value());
  EXPECT_TRUE(intensity_statistics_counting(std::vector<double>{-1024.0, 3071.0, 0.0}).has_value());
  EXPECT_TRUE(std::isnan(intensity_statistics_counting({})->energy));
}

}  // namespace
}  // namespace voxfeat::kernels
