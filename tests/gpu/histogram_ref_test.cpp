// The CPU reference of the level histogram (kernels/intensity/histogram_ref.hpp) against hand-computed levels. It is
// the specification the GPU parity tests hold cuda/histogram.cu to, so it is checked here, in the same binary, and
// these tests run without a GPU.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "intensity/histogram_ref.hpp"

namespace voxfeat::kernels {
namespace {

View3<float> line_of(const std::vector<float>& v) { return {v.data(), {v.size(), 1, 1}}; }
View3<std::uint8_t> line_of(const std::vector<std::uint8_t>& v) { return {v.data(), {v.size(), 1, 1}}; }

DiscretisationSpec fixed_bin_number(double x_min, double x_max, int ng) {
  return {.method = DiscretisationMethod::fixed_bin_number, .x_min = x_min, .x_max = x_max, .bin_number = ng};
}
DiscretisationSpec fixed_bin_size(double lower_bound, double x_max, double width) {
  return {.method = DiscretisationMethod::fixed_bin_size, .x_min = lower_bound, .x_max = x_max, .bin_width = width};
}

TEST(HistogramRef, FixedBinNumberHandComputed) {
  // IBSI 1 section 2.7, fixed bin number: X_d = floor(Ng (X - X_min) / (X_max - X_min)) + 1, X_max itself -> Ng.
  // Ng = 4 over [0, 8]: edges at 2, 4, 6. Hand-computed levels in the comments; the last voxel is outside the mask.
  const std::vector<float> image{0.0f, 1.9f, 2.0f, 3.99f, 4.0f, 6.0f, 7.99f, 8.0f, 100.0f};
  //                            1     1     2     2      3     4     4      4(clamped)  masked out
  const std::vector<std::uint8_t> mask{1, 1, 1, 2, 1, 1, 1, 1, 0};  // any non-zero mask value is inside
  std::vector<std::int32_t> levels(image.size(), -1);
  const LevelHistogram h = level_histogram_ref(line_of(image), line_of(mask), fixed_bin_number(0.0, 8.0, 4), levels);
  EXPECT_EQ(h.counts, (std::vector<std::uint64_t>{2, 2, 1, 3}));
  EXPECT_EQ(h.above_range, 0u);
  EXPECT_EQ(levels, (std::vector<std::int32_t>{1, 1, 2, 2, 3, 4, 4, 4, 0}));
}

TEST(HistogramRef, FixedBinSizeHandComputed) {
  // IBSI 1 section 2.7, fixed bin size: X_d = floor((X - X_min) / w_b) + 1 with X_min the re-segmentation lower
  // bound. Lower bound -10, w_b = 5, ROI maximum 12: Ng = floor(22 / 5) + 1 = 5.
  const std::vector<float> image{-10.0f, -5.5f, -5.0f, 0.0f, 12.0f, -20.0f, 14.5f, 15.0f};
  //                             1       1      2      3     5      1(below bound)  5  6 (above Ng)
  const std::vector<std::uint8_t> mask(image.size(), 1);
  std::vector<std::int32_t> levels(image.size(), -1);
  const LevelHistogram h = level_histogram_ref(line_of(image), line_of(mask), fixed_bin_size(-10.0, 12.0, 5.0), levels);
  EXPECT_EQ(level_count(fixed_bin_size(-10.0, 12.0, 5.0)), 5);
  EXPECT_EQ(h.counts, (std::vector<std::uint64_t>{3, 1, 1, 0, 2}));
  EXPECT_EQ(h.above_range, 1u);  // 15 is above the x_max the spec promised: not counted in Ng, reported
  EXPECT_EQ(levels, (std::vector<std::int32_t>{1, 1, 2, 3, 5, 1, 5, 6}));
}

TEST(HistogramRef, FlatRoiAndSingleLevel) {
  // A flat ROI (X_max == X_min) is one level, whatever Ng (discretisation.hpp); Ng = 1 puts everything at level 1.
  const std::vector<float> flat{3.0f, 3.0f, 3.0f};
  const std::vector<std::uint8_t> all(3, 1);
  EXPECT_EQ(level_histogram_ref(line_of(flat), line_of(all), fixed_bin_number(3.0, 3.0, 16)).counts[0], 3u);
  const std::vector<float> spread{-1.0f, 0.0f, 5.0f};
  EXPECT_EQ(level_histogram_ref(line_of(spread), line_of(all), fixed_bin_number(-1.0, 5.0, 1)).counts,
            (std::vector<std::uint64_t>{3}));
}

TEST(HistogramRef, EmptyMaskAndEmptyVolume) {
  const std::vector<float> image{1.0f, 2.0f};
  const std::vector<std::uint8_t> none(2, 0);
  const LevelHistogram h = level_histogram_ref(line_of(image), line_of(none), fixed_bin_number(1.0, 2.0, 8));
  EXPECT_EQ(h.counts, std::vector<std::uint64_t>(8, 0));
  const View3<float> no_image{nullptr, {0, 4, 4}};
  const View3<std::uint8_t> no_mask{nullptr, {0, 4, 4}};
  EXPECT_EQ(level_histogram_ref(no_image, no_mask, fixed_bin_number(0.0, 1.0, 2)).counts,
            (std::vector<std::uint64_t>{0, 0}));
}

TEST(HistogramRef, RejectsBadArguments) {
  const std::vector<float> image{1.0f, 2.0f};
  const std::vector<std::uint8_t> mask(2, 1);
  const std::vector<std::uint8_t> short_mask(1, 1);
  const auto ok = fixed_bin_number(1.0, 2.0, 8);
  EXPECT_THROW(level_histogram_ref(line_of(image), line_of(short_mask), ok), std::invalid_argument);
  std::vector<std::int32_t> wrong_levels(3);
  EXPECT_THROW(level_histogram_ref(line_of(image), line_of(mask), ok, wrong_levels), std::invalid_argument);

  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(check_discretisation(fixed_bin_number(1.0, 2.0, 0)), std::invalid_argument);
  EXPECT_THROW(check_discretisation(fixed_bin_number(1.0, 2.0, kMaxLevelCount + 1)), std::invalid_argument);
  EXPECT_THROW(check_discretisation(fixed_bin_number(2.0, 1.0, 8)), std::invalid_argument);
  EXPECT_THROW(check_discretisation(fixed_bin_number(nan, 1.0, 8)), std::invalid_argument);
  EXPECT_THROW(check_discretisation(fixed_bin_size(0.0, 10.0, 0.0)), std::invalid_argument);
  EXPECT_THROW(check_discretisation(fixed_bin_size(0.0, 10.0, -1.0)), std::invalid_argument);
  EXPECT_THROW(check_discretisation(fixed_bin_size(0.0, 10.0, nan)), std::invalid_argument);
  EXPECT_THROW(check_discretisation(fixed_bin_size(-1000.0, 3000.0, 1e-6)), std::invalid_argument);  // 4e9 levels
  EXPECT_NO_THROW(check_discretisation(fixed_bin_size(-1000.0, 3000.0, 25.0)));
}

}  // namespace
}  // namespace voxfeat::kernels
