// The per-run moment sums shared by the CPU and the GPU (kernels/microscopy/run_moment_sums.hpp): the exact closed
// forms against pixel-by-pixel integer sums, and the correctly rounded conversion of 128-bit sums to double.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "microscopy/run_moment_sums.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

TEST(RunMomentSums, ClosedFormsEqualPixelSums) {
  const struct {
    std::int32_t r, c_begin, c_end;
  } runs[] = {{0, 0, 1}, {3, 2, 9}, {17, 0, 40}, {1000, 999, 1003}, {46000, 45000, 46339}};
  for (const auto& run : runs) {
    ExactMomentTable closed{}, direct{};
    add_run_exact_moments(closed, run.r, run.c_begin, run.c_end);
    for (std::int32_t c = run.c_begin; c < run.c_end; ++c) {
      Int128 rp = 1;
      for (int i = 0; i < 4; ++i, rp *= run.r) {
        Int128 cp = 1;
        for (int j = 0; j < 4; ++j, cp *= c) direct.v[i][j] += rp * cp;
      }
    }
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) EXPECT_TRUE(closed.v[i][j] == direct.v[i][j]) << run.r << " " << i << "," << j;
  }
}

TEST(RunMomentSums, ExactToDoubleRoundsToNearestEven) {
  for (const Int128 v : {Int128(0), Int128(1), Int128(-7), Int128(1) << 53, (Int128(1) << 53) + 1,
                         (Int128(1) << 64) + 1, (Int128(3) << 100) + (Int128(1) << 48) + 1, -(Int128(5) << 90) - 1})
    EXPECT_EQ(exact_to_double(v), double(v));  // g++'s conversion: correctly rounded
  // 2^64 + 2^11 lies halfway between 2^64 and 2^64 + 2^12 and goes to the even one (2^64); anything more (a sticky
  // bit far below) goes up.
  const Int128 halfway = (Int128(1) << 64) + (Int128(1) << 11);
  EXPECT_EQ(exact_to_double(halfway), std::ldexp(1.0, 64));
  EXPECT_EQ(exact_to_double(halfway + 1), std::ldexp(1.0, 64) + std::ldexp(1.0, 12));
  EXPECT_EQ(exact_to_double(-halfway - 1), -(std::ldexp(1.0, 64) + std::ldexp(1.0, 12)));
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
