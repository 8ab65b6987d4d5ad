// PyRadiomics-compatible mode: the gldm class (kernels/pyradiomics/gldm.hpp) on PyRadiomics' brain1 test case
// against PyRadiomics' published baseline and matrix (tests/data/pyradiomics/baseline_gldm.csv and brain1_gldm.npy,
// from AIM-Harvard/pyradiomics data/baseline; README there), and on hand-checked boxes. Tolerance: 1e-6 relative
// with an absolute floor of 1e-12 (issue 5).
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "pyradiomics/angles.hpp"
#include "pyradiomics/gldm.hpp"
#include "pyradiomics/texture_test_support.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

using kernels::pyradiomics::angles;
using kernels::pyradiomics::GreyLevels;
using kernels::pyradiomics::no_force2d;

kernels::texture::CountMatrix gldm_of(const GreyLevels& levels, std::vector<int> distances, double alpha = 0.0,
                                      int force2d_dimension = no_force2d) {
  return kernels::pyradiomics::gldm_matrix(levels, angles(levels.extent, distances, force2d_dimension, true), alpha);
}

/// Counts by dependence j (index j − 1) over all grey levels.
std::vector<std::uint64_t> per_dependence(const kernels::texture::CountMatrix& m, std::size_t columns) {
  std::vector<std::uint64_t> n(columns, 0);
  for (const auto& e : m.entries()) n.at(e.col) += e.count;
  return n;
}

class PyradiomicsGldm : public testing::TestWithParam<std::string> {};

TEST_P(PyradiomicsGldm, MatchesBaseline) { expect_brain1_baseline("gldm", GetParam(), 14); }

INSTANTIATE_TEST_SUITE_P(Brain1, PyradiomicsGldm, testing::ValuesIn(pyradiomics_baseline_columns("gldm")),
                         [](const auto& info) { return info.param; });

TEST(PyradiomicsGldmSettings, TextureSettingsReachTheFamily) {
  // engine/src/settings/pyradiomics_params.cpp hands each family the settings it declares.
  const Settings s = Settings::parse(
      "setting: {distances: [1, 2], gldm_a: 1, force2D: true, force2Ddimension: 1}\nfeatureClass: {gldm: }\n",
      pyradiomics_registry(), "params.yaml");
  const ParamValues& params = s.families.front().params;
  EXPECT_EQ(params.text("distances"), "1,2");
  EXPECT_EQ(params.real("gldm_a"), 1.0);
  EXPECT_TRUE(params.boolean("force2d"));
  EXPECT_EQ(params.integer("force2d_dimension"), 1);
}

TEST(PyradiomicsGldmMatrix, Brain1MatchesPyradiomicsMatrix) {
  // brain1_gldm.npy: (Ng, Nd) of the default configuration, present grey levels and dependences only.
  expect_matches_npy(gldm_of(brain1_grey_levels(), {1}), read_npy(data_dir() / "pyradiomics/brain1_gldm.npy"));
}

TEST(PyradiomicsGldmMatrix, SameMatrixForOneAndTwoThreads) {
  const auto levels = brain1_grey_levels();
  kernels::texture::CountMatrix one, two;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = gldm_of(levels, {1, 2});
  }
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    two = gldm_of(levels, {1, 2});
  }
  EXPECT_EQ(one, two);
  EXPECT_EQ(one.total(), levels.voxel_count);  // every ROI voxel counts once: N_z = N_p
}

TEST(PyradiomicsGldmMatrix, DocstringExample) {
  // The 5 × 5 example of radiomics/gldm.py's class docstring (α = 0, δ = 1, one slice), rows y = 0..4.
  const auto levels = docstring_levels();
  const auto matrix = gldm_of(levels, {1});
  // The docstring's P (rows: grey levels 1..5; columns: dependence j = 1..4, the centre counted).
  const int expected[5][4] = {{0, 1, 2, 1}, {1, 2, 3, 0}, {1, 4, 4, 0}, {1, 2, 0, 0}, {3, 0, 0, 0}};
  std::vector<std::uint64_t> dense(5 * 4, 0);
  for (const auto& e : matrix.entries()) dense.at(e.row * 4 + e.col) = e.count;
  for (std::size_t i = 0; i < 5; ++i)
    for (std::size_t j = 0; j < 4; ++j) EXPECT_EQ(dense[i * 4 + j], std::uint64_t(expected[i][j])) << i << ", " << j;

  // By hand from P: N_z = N_p = 25; voxels per dependence 6, 9, 9, 1.
  const auto f = kernels::pyradiomics::gldm_features(matrix);
  EXPECT_NEAR(f.large_dependence_emphasis, (6.0 + 9 * 4 + 9 * 9 + 16) / 25.0, 1e-14);
  EXPECT_NEAR(f.dependence_non_uniformity, (36.0 + 81 + 81 + 1) / 25.0, 1e-14);
  EXPECT_NEAR(f.dependence_non_uniformity_normalized, (36.0 + 81 + 81 + 1) / 625.0, 1e-15);
}

TEST(PyradiomicsGldmMatrix, DistancesAndAlpha) {
  // One row of five voxels of level 1. Distance 1: the ends have 1 neighbour, the others 2. Distances [2] (the
  // Chebyshev ring at 2 only, as build_angles selects offsets by their distance): voxel 2 has 2, the others 1.
  const auto row = levels_of({5, 1, 1}, {1, 1, 1, 1, 1});
  EXPECT_EQ(per_dependence(gldm_of(row, {1}), 4), (std::vector<std::uint64_t>{0, 2, 3, 0}));
  EXPECT_EQ(per_dependence(gldm_of(row, {2}), 4), (std::vector<std::uint64_t>{0, 4, 1, 0}));
  // Levels 1 2 3: with α = 0 nothing depends; with α = 1 the middle depends on both ends, each end on the middle.
  const auto ramp = levels_of({3, 1, 1}, {1, 2, 3});
  EXPECT_EQ(per_dependence(gldm_of(ramp, {1}, 0.0), 3), (std::vector<std::uint64_t>{3, 0, 0}));
  EXPECT_EQ(per_dependence(gldm_of(ramp, {1}, 1.0), 3), (std::vector<std::uint64_t>{0, 2, 1}));
}

}  // namespace
}  // namespace voxfeat::test
