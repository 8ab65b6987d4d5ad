// NGTDM (IBSI 1 section 3.10, IPET): the fast builder against the reference loops, thread-count determinism, hand
// computed values and edge cases. IBSI digital-phantom values are in ibsi_dig_test.cpp.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <vector>

#include "random_levels.hpp"
#include "texture/aggregation.hpp"
#include "texture/ngtdm.hpp"

namespace voxfeat::test {
namespace {

namespace tx = kernels::texture;
using Slot = tx::NgtdmSlot;

std::vector<double> features(const tx::NgtdmMatrix& m) {
  std::vector<double> out(Slot::count);
  tx::ngtdm_features(m, out);
  return out;
}

void expect_same_matrix(const tx::NgtdmMatrix& fast, const tx::NgtdmMatrix& reference) {
  ASSERT_EQ(fast.counts, reference.counts);
  ASSERT_EQ(fast.total, reference.total);
  ASSERT_EQ(fast.sums.size(), reference.sums.size());
  for (std::size_t i = 0; i < fast.sums.size(); ++i)
    // Sums of up to ~10^5 terms in a different order and rounding: 1e-12 relative, 1e-9 absolute floor.
    EXPECT_NEAR(fast.sums[i], reference.sums[i], 1e-9 + 1e-12 * std::abs(reference.sums[i])) << "level " << i + 1;
}

TEST(Ngtdm, HandComputedLine) {
  // Levels 1 3 1 along x, in-plane δ = 1: each end voxel sees only the middle (mean 3, |1 − 3| = 2), the middle sees
  // the two ends (mean 1, |3 − 1| = 2): n_1 = 2, s_1 = 4, n_3 = 1, s_3 = 2, N_v,c = 3, p_1 = 2/3, p_3 = 1/3.
  const std::vector<std::int32_t> data{1, 3, 1};
  const kernels::View3<std::int32_t> v{data.data(), {3, 1, 1}};
  for (const bool three_d : {false, true}) {
    const auto m = tx::ngtdm_matrix(v, three_d, 1, 3);
    EXPECT_EQ(m.counts, (std::vector<std::uint64_t>{2, 0, 1}));
    EXPECT_EQ(m.sums, (std::vector<double>{4.0, 0.0, 2.0}));
    const auto f = features(m);
    // By hand from the IBSI formulas: Σ p s = 10/3; contrast = [2·(2/9)·4 / (2·1)]·(6/3); busyness denominator
    // 2·|2/3 − 1| = 2/3; complexity = (1/3)·2·|1 − 3|·(8/3 + 2/3)/1; strength = 2·1·4 / 6.
    EXPECT_NEAR(f[Slot::coarseness], 0.3, 1e-15);
    EXPECT_NEAR(f[Slot::contrast], 16.0 / 9.0, 1e-15);
    EXPECT_NEAR(f[Slot::busyness], 5.0, 1e-14);
    EXPECT_NEAR(f[Slot::complexity], 40.0 / 9.0, 1e-14);
    EXPECT_NEAR(f[Slot::strength], 4.0 / 3.0, 1e-15);
  }
}

TEST(Ngtdm, BusynessUndefinedWhenAllWeightedProbabilitiesEqual) {
  // Levels 1 2 1: p_1 = 2/3, p_2 = 1/3, so 1·p_1 = 2·p_2 and the busyness denominator is 0.
  const std::vector<std::int32_t> data{1, 2, 1};
  const auto f = features(tx::ngtdm_matrix({data.data(), {3, 1, 1}}, false, 1, 2));
  EXPECT_TRUE(std::isnan(f[Slot::busyness]));
  EXPECT_NEAR(f[Slot::coarseness], 1.0 / (2.0 / 3.0 * 2.0 + 1.0 / 3.0 * 1.0), 1e-15);
}

TEST(Ngtdm, FastEqualsReferenceOnRandomRois) {
  int cases = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed)
    for (const int delta : {1, 2})
      for (const bool three_d : {false, true}) {
        const auto v = random_levels(13 + seed % 5, 11, 7, int(2 + seed * 3), 0.4 + 0.04 * double(seed), seed);
        const int ng = int(2 + seed * 3);
        SCOPED_TRACE(::testing::Message() << "seed " << seed << " delta " << delta << " 3D " << three_d);
        const auto fast = tx::ngtdm_matrix(v.view(), three_d, delta, ng);
        const auto reference = tx::ngtdm_matrix_reference(v.view(), three_d, delta, ng);
        expect_same_matrix(fast, reference);
        ++cases;
      }
  EXPECT_EQ(cases, 48);
}

TEST(Ngtdm, BitIdenticalForOneAndTwoThreads) {
  // Large enough for 64 chunks; 4096 levels also exercises the dense-per-level memory bound.
  const auto v = random_levels(64, 48, 40, 4096, 0.7, 99);
  tx::NgtdmMatrix one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = tx::ngtdm_matrix(v.view(), true, 1, 4096);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = tx::ngtdm_matrix(v.view(), true, 1, 4096);
  }
  EXPECT_EQ(one.counts, two.counts);
  EXPECT_EQ(one.sums, two.sums);  // bit-identical doubles: fixed chunks summed in chunk order
  EXPECT_EQ(one.total, two.total);
}

TEST(Ngtdm, FourThousandLevels) {
  const auto v = random_levels(30, 25, 20, 4096, 0.8, 7);
  const auto fast = tx::ngtdm_matrix(v.view(), true, 1, 4096);
  expect_same_matrix(fast, tx::ngtdm_matrix_reference(v.view(), true, 1, 4096));
  for (const double f : features(fast)) EXPECT_TRUE(std::isfinite(f));
}

TEST(Ngtdm, SingleVoxelHasNoNeighbourhood) {
  // IBSI: only voxels with at least one ROI neighbour count; a lone voxel leaves the matrix empty, features NaN.
  std::vector<std::int32_t> data(27, 0);
  data[13] = 2;
  const auto m = tx::ngtdm_matrix({data.data(), {3, 3, 3}}, true, 1, 4);
  EXPECT_TRUE(m.empty());
  for (const double f : features(m)) EXPECT_TRUE(std::isnan(f));
  std::vector<double> out(Slot::count, 0.0);
  tx::aggregate_neighbourhood(
      {data.data(), {3, 3, 3}}, tx::Aggregation::d2,
      [](const kernels::View3<std::int32_t>& s, bool t) { return tx::ngtdm_matrix(s, t, 1, 4); },
      [](const tx::NgtdmMatrix& mm, std::span<double> o) { tx::ngtdm_features(mm, o); }, out);
  for (const double f : out) EXPECT_TRUE(std::isnan(f));
}

TEST(Ngtdm, IsolatedVoxelsAreLeftOut) {
  // Two voxels two apart along x: at δ = 1 neither has an ROI neighbour (empty matrix); at δ = 2 both do.
  const std::vector<std::int32_t> data{1, 0, 3};
  EXPECT_TRUE(tx::ngtdm_matrix({data.data(), {3, 1, 1}}, true, 1, 3).empty());
  const auto m = tx::ngtdm_matrix({data.data(), {3, 1, 1}}, true, 2, 3);
  EXPECT_EQ(m.total, 2u);
  EXPECT_EQ(m.sums, (std::vector<double>{2.0, 0.0, 2.0}));
}

TEST(Ngtdm, FlatRoi) {
  // One grey level: s_i = 0, so coarseness takes IBSI's cap 10^6 and the other features their defined 0.
  const std::vector<std::int32_t> data(4 * 4 * 3, 5);
  const auto f = features(tx::ngtdm_matrix({data.data(), {4, 4, 3}}, true, 1, 8));
  EXPECT_EQ(f[Slot::coarseness], 1.0e6);
  EXPECT_EQ(f[Slot::contrast], 0.0);
  EXPECT_EQ(f[Slot::busyness], 0.0);
  EXPECT_EQ(f[Slot::complexity], 0.0);
  EXPECT_EQ(f[Slot::strength], 0.0);
}

TEST(Ngtdm, OneSliceRoiWith3dAggregationEquals2d) {
  // A one-slice scope has no neighbours across slices: the 3D matrix is the in-plane one.
  const auto v = random_levels(17, 15, 1, 6, 0.6, 5);
  const auto a = tx::ngtdm_matrix(v.view(), true, 1, 6);
  const auto b = tx::ngtdm_matrix(v.view(), false, 1, 6);
  EXPECT_EQ(a.counts, b.counts);
  EXPECT_EQ(a.sums, b.sums);
}

TEST(Ngtdm, RejectsBadArguments) {
  const std::vector<std::int32_t> data{1, 9};
  EXPECT_THROW((void)tx::ngtdm_matrix({data.data(), {2, 1, 1}}, true, 1, 4), std::invalid_argument);
  EXPECT_THROW((void)tx::ngtdm_matrix({data.data(), {2, 1, 1}}, true, 0, 9), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::test
