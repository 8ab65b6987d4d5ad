// PyRadiomics-compatible mode: the glrlm class (kernels/pyradiomics/glrlm.hpp) on PyRadiomics' brain1 test case
// against PyRadiomics' published baseline (tests/data/pyradiomics/baseline_glrlm.csv and brain1_glrlm.npy, from
// AIM-Harvard/pyradiomics data/baseline; README there), and on ROIs small enough to count by hand.
// Tolerance: 1e-6 relative with an absolute floor of 1e-12 (issue 5); matrices exact (integer counts).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "pyradiomics/glrlm.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "support/pyradiomics_texture.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

using kernels::pyradiomics::glrlm_features;
using kernels::pyradiomics::glrlm_matrices;
using kernels::pyradiomics::GlrlmSettings;
using kernels::pyradiomics::GreyLevels;

class PyradiomicsGlrlm : public testing::TestWithParam<std::string> {};

TEST_P(PyradiomicsGlrlm, MatchesBaseline) {
  const auto row = extract_brain1(pyradiomics_config(GetParam(), "glrlm"));
  EXPECT_EQ(pyradiomics_baseline("glrlm", GetParam()).size(), 16u);
  expect_baseline(row, "glrlm", GetParam());
}

INSTANTIATE_TEST_SUITE_P(Brain1, PyradiomicsGlrlm, testing::ValuesIn(pyradiomics_baseline_columns("glrlm")),
                         [](const auto& info) { return info.param; });

TEST(PyradiomicsGlrlmMatrix, Brain1MatchesPyradiomicsMatrixPerAngle) {
  // brain1_glrlm.npy: P_glrlm of the default configuration, (Ng, Nr, angle), run counts over the 33 grey levels
  // present and the run lengths that occur (1 to 6 and 11: the columns of absent lengths deleted); exact counts.
  const auto m = glrlm_matrices(brain1_grey_levels(), GlrlmSettings{});
  EXPECT_EQ(m.run_lengths, (std::vector<int>{1, 2, 3, 4, 5, 6, 11}));
  EXPECT_EQ(m.runs.rows, 33u);
  EXPECT_EQ(m.runs.angle_count(), 13u);
  expect_matches_npy(m.runs, data_dir() / "pyradiomics" / "brain1_glrlm.npy", 0.0);
}

TEST(PyradiomicsGlrlmByHand, RowOfThreeVoxels) {
  // Levels 1 1 2 along x, the only angle: a run of 1 of length 2 and a run of 2 of length 1, Nr = 2, Np = 3.
  const GreyLevels row{{1, 1, 2}, {3, 1, 1}, {1.0, 1.0, 1.0}, {1, 2}, 2, 3};
  const auto m = glrlm_matrices(row, GlrlmSettings{});
  ASSERT_EQ(m.runs.angle_count(), 1u);
  EXPECT_EQ(m.run_lengths, (std::vector<int>{1, 2}));
  EXPECT_EQ(m.runs.values, (std::vector<double>{0, 1, 1, 0}));
  const auto f = glrlm_features(m, row.present);
  const double tol = 1e-15;  // a few roundings of exact binary fractions
  EXPECT_NEAR(f.short_run_emphasis, 0.625, tol);   // (1/2² + 1/1²) / 2
  EXPECT_NEAR(f.long_run_emphasis, 2.5, tol);      // (2² + 1²) / 2
  EXPECT_NEAR(f.run_percentage, 2.0 / 3.0, tol);   // 2 runs over 3 voxels
  EXPECT_NEAR(f.grey_level_non_uniformity, 1.0, tol);
  EXPECT_NEAR(f.run_length_non_uniformity_normalized, 0.5, tol);
  EXPECT_NEAR(f.grey_level_variance, 0.25, tol);   // levels 1 and 2, half each
  EXPECT_NEAR(f.run_variance, 0.25, tol);          // lengths 1 and 2, half each
  EXPECT_NEAR(f.run_entropy, 1.0, 1e-14);          // two cells of 1/2, eps aside
  EXPECT_NEAR(f.low_grey_level_run_emphasis, 0.625, tol);
  EXPECT_NEAR(f.short_run_low_grey_level_emphasis, 0.25, tol);  // (1/(1·2²) + 1/(2²·1)) / 2
  EXPECT_NEAR(f.long_run_high_grey_level_emphasis, 4.0, tol);   // (1·2² + 2²·1) / 2
}

TEST(PyradiomicsGlrlmByHand, AnglesWhoseLinesHoldOneVoxelAreDropped) {
  // Two voxels on a diagonal of a 2 × 2 × 1 box: along x, y and the other diagonal every line holds one ROI voxel,
  // so cmatrices.c clears those angles; along (1, 1) the line holds both (two runs of length 1).
  const GreyLevels diagonal{{1, 0, 0, 2}, {2, 2, 1}, {1.0, 1.0, 1.0}, {1, 2}, 2, 2};
  const auto m = glrlm_matrices(diagonal, GlrlmSettings{});
  ASSERT_EQ(m.runs.angle_count(), 1u);
  EXPECT_EQ(m.run_lengths, (std::vector<int>{1}));
  EXPECT_EQ(m.runs.values, (std::vector<double>{1, 1}));
  // Two voxels of one level, apart on a line: runs of length 1 only, but the line holds two voxels: kept.
  const GreyLevels apart{{1, 0, 1}, {3, 1, 1}, {1.0, 1.0, 1.0}, {1}, 1, 2};
  EXPECT_EQ(glrlm_matrices(apart, GlrlmSettings{}).runs.values, (std::vector<double>{2}));
}

TEST(PyradiomicsGlrlmByHand, WeightedAnglesAreSummed) {
  // weightingNorm manhattan with spacing (2, 3, 1): the diagonal angle (1, 1) weighs 2 + 3 = 5.
  const GreyLevels diagonal{{1, 0, 0, 2}, {2, 2, 1}, {2.0, 3.0, 1.0}, {1, 2}, 2, 2};
  const auto m = glrlm_matrices(diagonal, GlrlmSettings{kernels::pyradiomics::WeightingNorm::manhattan});
  ASSERT_EQ(m.runs.angle_count(), 1u);
  EXPECT_EQ(m.runs.values, (std::vector<double>{5, 5}));
}

TEST(PyradiomicsGlrlmByHand, OneVoxelHasNoAngle) {
  const GreyLevels one{{1}, {1, 1, 1}, {1.0, 1.0, 1.0}, {1}, 1, 1};
  const auto m = glrlm_matrices(one, GlrlmSettings{});
  EXPECT_EQ(m.runs.angle_count(), 0u);
  EXPECT_TRUE(std::isnan(glrlm_features(m, one.present).run_percentage));  // nanmean over no angle
}

TEST(PyradiomicsGlrlmThreads, OneAndTwoThreadsGiveIdenticalResults) {
  const auto& g = brain1_grey_levels();
  const auto compute = [&] {
    const auto m = glrlm_matrices(g, GlrlmSettings{});
    return std::make_pair(m.runs.values, glrlm_features(m, g.present));
  };
  const auto one = with_threads(1, compute), two = with_threads(2, compute);
  EXPECT_EQ(one.first, two.first);
  EXPECT_EQ(std::memcmp(&one.second, &two.second, sizeof one.second), 0);
}

}  // namespace
}  // namespace voxfeat::test
