// cuda/sort.cu against std::sort: a sort has one answer, so the GPU's sorted values must equal std::sort's element
// for element (−0.0 and +0.0 compare equal), whatever the sizes, repeats and signs. The host test needs no GPU.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <random>
#include <vector>

#include "gpu_test_support.hpp"
#include "sort.hpp"

namespace voxfeat::test {
namespace {

// No GPU needed: fewer than two values make no CUDA call.
TEST(SortGpuArguments, NothingToSortNeedsNoDevice) {
  std::vector<double> none;
  cuda::sort_values(none);
  std::vector<double> one{3.5};
  cuda::sort_values(one);
  EXPECT_EQ(one, std::vector<double>{3.5});
}

class SortDevice : public GpuTest {};

TEST_F(SortDevice, EqualsStdSort) {
  std::mt19937_64 rng(20261129);
  for (const std::size_t n : {2u, 3u, 255u, 4097u, 1000003u}) {
    for (const bool repeats : {false, true}) {
      std::vector<double> values(n);
      std::uniform_real_distribution<double> spread(-1e4, 1e4);
      std::uniform_int_distribution<int> few(-20, 20);
      for (double& v : values) v = repeats ? few(rng) * 0.5 : spread(rng);
      if (n > 10) values[7] = -0.0, values[9] = 0.0, values[3] = -1e300, values[4] = 1e-300;
      std::vector<double> want = values;
      std::sort(want.begin(), want.end());
      cuda::sort_values(values);
      ASSERT_EQ(values, want) << "n " << n << " repeats " << repeats;
    }
  }
}

}  // namespace
}  // namespace voxfeat::test
