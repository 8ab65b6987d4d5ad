// PyRadiomics-compatible mode: the glcm class (kernels/pyradiomics/glcm.hpp) on PyRadiomics' brain1 test case
// against PyRadiomics' published baseline (tests/data/pyradiomics/baseline_glcm.csv and brain1_glcm.npy, from
// AIM-Harvard/pyradiomics data/baseline; README there), and on ROIs small enough to count by hand.
// Tolerance: 1e-6 relative with an absolute floor of 1e-12 (issue 5); matrices 1e-15 (quotients of integer counts).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "pyradiomics/glcm.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "support/pyradiomics_texture.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

using kernels::pyradiomics::glcm_features;
using kernels::pyradiomics::glcm_matrices;
using kernels::pyradiomics::GlcmSettings;
using kernels::pyradiomics::GreyLevels;

class PyradiomicsGlcm : public testing::TestWithParam<std::string> {};

TEST_P(PyradiomicsGlcm, MatchesBaseline) {
  const auto row = extract_brain1(pyradiomics_config(GetParam(), "glcm"));
  EXPECT_EQ(pyradiomics_baseline("glcm", GetParam()).size(), 24u);
  expect_baseline(row, "glcm", GetParam());
}

INSTANTIATE_TEST_SUITE_P(Brain1, PyradiomicsGlcm, testing::ValuesIn(pyradiomics_baseline_columns("glcm")),
                         [](const auto& info) { return info.param; });

TEST(PyradiomicsGlcmMatrix, Brain1MatchesPyradiomicsMatrixPerAngle) {
  // brain1_glcm.npy: P_glcm of the default configuration, (Ng, Ng, angle), normalised per angle, over the 33 grey
  // levels present; 1e-15: quotients of the same integer counts.
  const auto p = glcm_matrices(brain1_grey_levels(), GlcmSettings{});
  EXPECT_EQ(p.rows, 33u);
  EXPECT_EQ(p.angle_count(), 13u);
  expect_matches_npy(p, data_dir() / "pyradiomics" / "brain1_glcm.npy", 1e-15);
}

/// Three voxels in a row with levels 1 1 2: a single angle (along x), symmetric P = [[2, 1], [1, 0]] / 4.
GreyLevels row_of_three() { return GreyLevels{{1, 1, 2}, {3, 1, 1}, {1.0, 1.0, 1.0}, {1, 2}, 2, 3}; }

TEST(PyradiomicsGlcmByHand, RowOfThreeVoxels) {
  const auto p = glcm_matrices(row_of_three(), GlcmSettings{});
  ASSERT_EQ(p.angle_count(), 1u);
  EXPECT_EQ(std::vector<double>(p.angle(0).begin(), p.angle(0).end()), (std::vector<double>{0.5, 0.25, 0.25, 0.0}));
  const auto f = glcm_features(p, std::vector<int>{1, 2}, 2);
  const double tol = 1e-15;  // a few roundings of exact binary fractions
  EXPECT_NEAR(f.joint_average, 1.25, tol);         // 1 · 0.75 + 2 · 0.25
  EXPECT_NEAR(f.autocorrelation, 1.5, tol);        // 0.5 · 1 + 2 · 0.25 · 2
  EXPECT_NEAR(f.contrast, 0.5, tol);               // 2 · 0.25 · 1²
  EXPECT_NEAR(f.joint_energy, 0.375, tol);         // 0.5² + 2 · 0.25²
  EXPECT_NEAR(f.maximum_probability, 0.5, tol);
  EXPECT_NEAR(f.joint_entropy, 1.5, 1e-14);        // −(0.5 log2 0.5 + 2 · 0.25 log2 0.25), eps aside
  EXPECT_NEAR(f.sum_average, 2.5, tol);            // p_{x+y}(2) = p_{x+y}(3) = 0.5
  EXPECT_NEAR(f.difference_average, 0.5, tol);     // p_{x−y}(0) = p_{x−y}(1) = 0.5
  EXPECT_NEAR(f.inverse_variance, 0.5, tol);
  EXPECT_NEAR(f.idmn, 0.9, tol);                   // 0.5 + 0.5 / (1 + 1/2²): Ng = 2
  EXPECT_NEAR(f.idn, 0.5 + 0.5 / 1.5, tol);
  EXPECT_NEAR(f.sum_squares, 0.1875, tol);         // 0.75 · 0.25² + 0.25 · 0.75²
  EXPECT_NEAR(f.correlation, -1.0 / 3.0, 1e-14);   // covariance −0.0625 / 0.1875
  // Q = [[7/9, 2/9], [2/3, 1/3]]: eigenvalues 1 and 1/9, MCC = 1/3 (= |correlation| for two levels).
  EXPECT_NEAR(f.mcc, 1.0 / 3.0, 1e-14);
}

TEST(PyradiomicsGlcmByHand, AbsentLevelsHaveNoRowAndEmptyAnglesAreDropped) {
  // 3 × 3 × 1 with levels 1, 2 and 4 (3 absent: Ng = 4, three rows). Rows of y: 1 1 2 / 1 2 4 / 4 4 4.
  const GreyLevels g{{1, 1, 2, 1, 2, 4, 4, 4, 4}, {3, 3, 1}, {1.0, 1.0, 1.0}, {1, 2, 4}, 4, 9};
  GlcmSettings s;
  s.symmetrical = false;
  const auto p = glcm_matrices(g, s);
  ASSERT_EQ(p.rows, 3u);
  ASSERT_EQ(p.angle_count(), 4u);  // in-plane only: a single slice leaves no offset along z
  // The 4th angle is +x (numpy (0, 0, 1)): pairs (1,1) (1,2) / (1,2) (2,4) / (4,4) (4,4), each over 6.
  const std::vector<double> along_x(p.angle(3).begin(), p.angle(3).end());
  EXPECT_EQ(along_x, (std::vector<double>{1 / 6.0, 2 / 6.0, 0, 0, 0, 1 / 6.0, 0, 0, 2 / 6.0}));

  // Two voxels on a diagonal: only the angle (1, 1) has a pair; the three others are dropped.
  const GreyLevels diagonal{{1, 0, 0, 2}, {2, 2, 1}, {1.0, 1.0, 1.0}, {1, 2}, 2, 2};
  const auto d = glcm_matrices(diagonal, GlcmSettings{});
  ASSERT_EQ(d.angle_count(), 1u);
  EXPECT_EQ(std::vector<double>(d.angle(0).begin(), d.angle(0).end()), (std::vector<double>{0, 0.5, 0.5, 0}));
}

TEST(PyradiomicsGlcmByHand, FlatRegionValuesPyradiomicsDefines) {
  // One grey level: Correlation 1 (σx σy = 0), Imc1 0 (HX = HY = 0 up to eps), Imc2 0 (HXY2 = HXY), MCC 1.
  const GreyLevels flat{{3, 3, 3}, {3, 1, 1}, {1.0, 1.0, 1.0}, {3}, 3, 3};
  const auto f = glcm_features(glcm_matrices(flat, GlcmSettings{}), flat.present, flat.ng);
  EXPECT_EQ(f.correlation, 1.0);
  EXPECT_EQ(f.imc1, 0.0);
  EXPECT_EQ(f.imc2, 0.0);
  EXPECT_EQ(f.mcc, 1.0);
  EXPECT_EQ(f.cluster_shade, 0.0);
  EXPECT_EQ(f.idmn, 1.0);
}

TEST(PyradiomicsGlcmByHand, OneVoxelHasNoAngle) {
  // No offset fits a 1 × 1 × 1 box: PyRadiomics' nanmean over no angle is NaN; MCC is 1 for a single grey level.
  const GreyLevels one{{1}, {1, 1, 1}, {1.0, 1.0, 1.0}, {1}, 1, 1};
  const auto p = glcm_matrices(one, GlcmSettings{});
  EXPECT_EQ(p.angle_count(), 0u);
  const auto f = glcm_features(p, one.present, one.ng);
  EXPECT_TRUE(std::isnan(f.contrast));
  EXPECT_TRUE(std::isnan(f.joint_average));
  EXPECT_EQ(f.mcc, 1.0);
}

TEST(PyradiomicsGlcmThreads, OneAndTwoThreadsGiveIdenticalResults) {
  const auto& g = brain1_grey_levels();
  const auto compute = [&] {
    const auto p = glcm_matrices(g, GlcmSettings{});
    return std::make_pair(p.values, glcm_features(p, g.present, g.ng));
  };
  const auto one = with_threads(1, compute), two = with_threads(2, compute);
  EXPECT_EQ(one.first, two.first);
  EXPECT_EQ(std::memcmp(&one.second, &two.second, sizeof one.second), 0);
}

}  // namespace
}  // namespace voxfeat::test
