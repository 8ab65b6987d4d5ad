// PyRadiomics-compatible mode: the glszm class (kernels/pyradiomics/glszm.hpp) on PyRadiomics' brain1 test case
// against PyRadiomics' published baseline and matrix (tests/data/pyradiomics/baseline_glszm.csv and brain1_glszm.npy,
// from AIM-Harvard/pyradiomics data/baseline; README there), and on hand-checked boxes. Tolerance: 1e-6 relative
// with an absolute floor of 1e-12 (issue 5).
#include <gtest/gtest.h>

#include "pyradiomics/angles.hpp"
#include "pyradiomics/glszm.hpp"
#include "pyradiomics/texture_test_support.hpp"
#include "support/pyradiomics_baseline.hpp"

namespace voxfeat::test {
namespace {

using kernels::pyradiomics::glszm_features;
using kernels::pyradiomics::glszm_matrix;
using kernels::pyradiomics::no_force2d;

class PyradiomicsGlszm : public testing::TestWithParam<std::string> {};

TEST_P(PyradiomicsGlszm, MatchesBaseline) { expect_brain1_baseline("glszm", GetParam(), 16); }

INSTANTIATE_TEST_SUITE_P(Brain1, PyradiomicsGlszm, testing::ValuesIn(pyradiomics_baseline_columns("glszm")),
                         [](const auto& info) { return info.param; });

TEST(PyradiomicsGlszmMatrix, Brain1MatchesPyradiomicsMatrix) {
  // brain1_glszm.npy: (Ng, Ns) of the default configuration, present grey levels and zone sizes only.
  expect_matches_npy(glszm_matrix(brain1_grey_levels(), no_force2d), read_npy(data_dir() / "pyradiomics/brain1_glszm.npy"));
}

TEST(PyradiomicsGlszmMatrix, DocstringExample) {
  // The 5 × 5 example of radiomics/glszm.py's class docstring (one slice: 8-connected zones), rows y = 0..4.
  const auto levels = docstring_levels();
  const auto matrix = glszm_matrix(levels, no_force2d);
  // The docstring's P (rows: grey levels 1..5; columns: zone sizes 1..5).
  const int expected[5][5] = {{0, 0, 0, 1, 0}, {1, 0, 0, 0, 1}, {1, 0, 1, 0, 1}, {1, 1, 0, 0, 0}, {3, 0, 0, 0, 0}};
  std::vector<std::uint64_t> dense(25, 0);
  for (const auto& e : matrix.entries()) dense[e.row * 5 + e.col] = e.count;
  for (std::size_t i = 0; i < 5; ++i)
    for (std::size_t j = 0; j < 5; ++j) EXPECT_EQ(dense[i * 5 + j], std::uint64_t(expected[i][j])) << i << ", " << j;

  // By hand from P: N_z = 11 zones over N_p = 25 voxels; zones per size 6, 1, 1, 1, 2; per level 1, 2, 3, 2, 3.
  const auto f = glszm_features(matrix, levels.voxel_count);
  EXPECT_NEAR(f.zone_percentage, 11.0 / 25.0, 1e-15);
  EXPECT_NEAR(f.small_area_emphasis, (6.0 + 1.0 / 4 + 1.0 / 9 + 1.0 / 16 + 2.0 / 25) / 11.0, 1e-15);
  EXPECT_NEAR(f.size_zone_non_uniformity, (36.0 + 1 + 1 + 1 + 4) / 11.0, 1e-14);
  EXPECT_NEAR(f.gray_level_non_uniformity_normalized, (1.0 + 4 + 9 + 4 + 9) / 121.0, 1e-15);
  EXPECT_NEAR(f.high_gray_level_zone_emphasis, (1.0 + 2 * 4 + 3 * 9 + 2 * 16 + 3 * 25) / 11.0, 1e-13);
}

TEST(PyradiomicsGlszmMatrix, Force2dLinksWithinThePlaneOfEachDimension) {
  // A voxel with arms of 1 voxel along x, 2 along y, 3 along z (box 2 × 3 × 4). 3D: one zone of 7. force2D cuts the
  // arm along the left-out axis into single voxels: dimension 0 (z) {4, 1, 1, 1}, 1 (y) {5, 1, 1}, 2 (x) {6, 1}.
  std::vector<std::int32_t> v(2 * 3 * 4, 0);
  const auto at = [&](std::size_t x, std::size_t y, std::size_t z) -> std::int32_t& { return v[x + 2 * (y + 3 * z)]; };
  at(0, 0, 0) = at(1, 0, 0) = at(0, 1, 0) = at(0, 2, 0) = at(0, 0, 1) = at(0, 0, 2) = at(0, 0, 3) = 1;
  const auto levels = levels_of({2, 3, 4}, v);
  const auto sizes = [&](int dimension) {
    std::vector<std::uint64_t> per_size(7, 0);
    const auto matrix = glszm_matrix(levels, dimension);
    for (const auto& e : matrix.entries()) per_size.at(e.col) = e.count;
    return per_size;
  };
  EXPECT_EQ(sizes(no_force2d), (std::vector<std::uint64_t>{0, 0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(sizes(0), (std::vector<std::uint64_t>{3, 0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(sizes(1), (std::vector<std::uint64_t>{2, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(sizes(2), (std::vector<std::uint64_t>{1, 0, 0, 0, 0, 1, 0}));
}

}  // namespace
}  // namespace voxfeat::test
