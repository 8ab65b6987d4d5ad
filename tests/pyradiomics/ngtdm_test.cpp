// PyRadiomics-compatible mode: the ngtdm class (kernels/pyradiomics/ngtdm.hpp) on PyRadiomics' brain1 test case
// against PyRadiomics' published baseline and matrix (tests/data/pyradiomics/baseline_ngtdm.csv and brain1_ngtdm.npy,
// from AIM-Harvard/pyradiomics data/baseline; README there), and on a hand-checked box. Tolerance: 1e-6 relative
// with an absolute floor of 1e-12 (issue 5).
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>

#include "pyradiomics/angles.hpp"
#include "pyradiomics/ngtdm.hpp"
#include "pyradiomics/texture_test_support.hpp"
#include "support/pyradiomics_baseline.hpp"

namespace voxfeat::test {
namespace {

using kernels::pyradiomics::angles;
using kernels::pyradiomics::GreyLevels;
using kernels::pyradiomics::NgtdmMatrix;
using kernels::pyradiomics::no_force2d;

NgtdmMatrix ngtdm_of(const GreyLevels& levels, std::vector<int> distances) {
  return kernels::pyradiomics::ngtdm_matrix(levels, angles(levels.extent, distances, no_force2d, true));
}

class PyradiomicsNgtdm : public testing::TestWithParam<std::string> {};

TEST_P(PyradiomicsNgtdm, MatchesBaseline) { expect_brain1_baseline("ngtdm", GetParam(), 5); }

INSTANTIATE_TEST_SUITE_P(Brain1, PyradiomicsNgtdm, testing::ValuesIn(pyradiomics_baseline_columns("ngtdm")),
                         [](const auto& info) { return info.param; });

TEST(PyradiomicsNgtdmMatrix, Brain1MatchesPyradiomicsMatrix) {
  // brain1_ngtdm.npy: (Ng, 3) = [n_i, s_i, i] of the default configuration, present grey levels only. n_i and i are
  // integers (exact); s_i sums differences in another order than cmatrices.c: 1e-12 relative (floor 1e-12).
  const NgtdmMatrix m = ngtdm_of(brain1_grey_levels(), {1});
  const NpyArray npy = read_npy(data_dir() / "pyradiomics/brain1_ngtdm.npy");
  ASSERT_EQ(npy.shape, (std::vector<std::size_t>{m.levels.size(), 3}));
  for (std::size_t k = 0; k < m.levels.size(); ++k) {
    EXPECT_EQ(double(m.counts[k]), npy.at({k, 0})) << "level " << m.levels[k];
    EXPECT_NEAR(m.sums[k], npy.at({k, 1}), std::max(1e-12, 1e-12 * npy.at({k, 1}))) << "level " << m.levels[k];
    EXPECT_EQ(double(m.levels[k]), npy.at({k, 2}));
  }
}

TEST(PyradiomicsNgtdmMatrix, SameSumsForOneAndTwoThreads) {
  const auto levels = brain1_grey_levels();
  NgtdmMatrix one, two;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = ngtdm_of(levels, {1, 2});
  }
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    two = ngtdm_of(levels, {1, 2});
  }
  EXPECT_EQ(one.levels, two.levels);
  EXPECT_EQ(one.counts, two.counts);
  EXPECT_EQ(one.sums, two.sums);  // bit for bit
}

TEST(PyradiomicsNgtdmMatrix, HandCheckedBoxWithAnIsolatedVoxel) {
  // One slice (8 neighbours), rows y = 0, 1; 0 is outside the ROI:
  //   1 2 0 0
  //   1 1 0 3
  // The three 1s each see two 1s and the 2: |1 − 4/3| = 1/3 each. The 2 sees three 1s: |2 − 1| = 1. The 3 has no ROI
  // neighbour: cmatrices.c (calculate_ngtdm) still counts it, with a difference of 0.
  const auto levels = levels_of({4, 2, 1}, {1, 2, 0, 0,  //
                                            1, 1, 0, 3});
  const NgtdmMatrix m = ngtdm_of(levels, {1});
  EXPECT_EQ(m.levels, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(m.counts, (std::vector<std::uint64_t>{3, 1, 1}));
  ASSERT_EQ(m.sums.size(), 3u);
  EXPECT_NEAR(m.sums[0], 1.0, 1e-15);
  EXPECT_EQ(m.sums[1], 1.0);
  EXPECT_EQ(m.sums[2], 0.0);

  // By hand, N_v,p = 5, p = (0.6, 0.2, 0.2), s = (1, 1, 0), i p_i = (0.6, 0.4, 0.6):
  const auto f = kernels::pyradiomics::ngtdm_features(m);
  EXPECT_NEAR(f.coarseness, 1.0 / 0.8, 1e-14);  // Σ p s = 0.8
  // Σ Σ p_i p_j (i − j)² = 2 (0.12 + 0.48 + 0.04) = 1.28, / (3 · 2), · Σ s / N_v,p = 2 / 5.
  EXPECT_NEAR(f.contrast, 1.28 / 6.0 * 0.4, 1e-15);
  EXPECT_NEAR(f.busyness, 0.8 / 0.8, 1e-14);  // Σ Σ |i p_i − j p_j| = 2 (0.2 + 0 + 0.2)
  // Pairs (1,2), (1,3), (2,3): |i − j| (p_i s_i + p_j s_j) / (p_i + p_j) = 1, 1.5, 0.5; twice, over N_v,p = 5.
  EXPECT_NEAR(f.complexity, 2.0 * 3.0 / 5.0, 1e-14);
  // Pairs: (p_i + p_j)(i − j)² = 0.8, 3.2, 0.4; twice, over Σ s = 2.
  EXPECT_NEAR(f.strength, 2.0 * 4.4 / 2.0, 1e-14);
}

TEST(PyradiomicsNgtdmMatrix, BusynessIsZeroWhenEveryIpIsEqual) {
  // Levels 1, 1, 2 in a row: i p_i = 2/3 for both levels, so Busyness is 0/0, which PyRadiomics returns as 0
  // (radiomics/ngtdm.py getBusynessFeatureValue).
  const NgtdmMatrix m = ngtdm_of(levels_of({3, 1, 1}, {1, 1, 2}), {1});
  const auto f = kernels::pyradiomics::ngtdm_features(m);
  EXPECT_EQ(f.busyness, 0.0);
  EXPECT_GT(f.coarseness, 0.0);
}

}  // namespace
}  // namespace voxfeat::test
