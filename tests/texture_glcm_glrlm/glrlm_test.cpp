// GLRLM (IBSI 1 section 3.7, TP0I): the fast run builder against the reference line walk, hand-computed features,
// N_v summed on merging, edge cases, 4096 grey levels and thread-count determinism.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <limits>
#include <vector>

#include "random_rois.hpp"
#include "texture/aggregation.hpp"
#include "texture/glrlm.hpp"
#include "texture/glrlm_formulas.hpp"

namespace voxfeat::test {
namespace {

using namespace voxfeat::kernels;
using namespace voxfeat::kernels::texture;
namespace f = voxfeat::kernels::texture::glrlm;

std::vector<double> features_of(const RunLengthMatrix& m) {
  std::vector<double> out(f::feature_count, std::numeric_limits<double>::quiet_NaN());
  glrlm_features(m, out);
  return out;
}

std::vector<double> aggregated(const View3<std::int32_t>& levels, Aggregation a, int ng) {
  std::vector<double> out(f::feature_count, std::numeric_limits<double>::quiet_NaN());
  aggregate_directional(
      levels, a, 1,
      [&](const View3<std::int32_t>& scope, Offset o) { return glrlm_matrix(scope, o, std::uint32_t(ng)); },
      [](const RunLengthMatrix& m, std::span<double> v) { glrlm_features(m, v); }, out);
  return out;
}

constexpr Aggregation all_directional[] = {Aggregation::d2_averaged,  Aggregation::d2_slice_merged,
                                           Aggregation::d25_direction_merged, Aggregation::d25_merged,
                                           Aggregation::d3_averaged, Aggregation::d3_merged};

TEST(GlrlmMatrix, FastEqualsReferenceOnRandomRois) {
  struct Case {
    std::size_t ex, ey, ez;
    int ng;
    double keep;
  };
  // Dense and codes paths, long runs (keep 0.9), a one-slice volume, one-voxel-wide volumes.
  const Case cases[] = {{9, 7, 5, 6, 0.5},  {12, 10, 8, 32, 0.9},   {8, 8, 1, 5, 0.7},  {1, 6, 4, 3, 0.5},
                        {5, 1, 1, 2, 0.9}, {20, 15, 6, 1500, 0.3}, {10, 9, 7, 4096, 0.5}};
  std::uint32_t seed = 21;
  for (const auto& c : cases)
    for (double fill : {1.0, 0.8}) {
      const auto v = random_levels(c.ex, c.ey, c.ez, c.ng, seed++, fill, c.keep);
      for (const auto& d : directions_3d)
        for (int sign : {1, -1}) {
          const Offset o{sign * d.dx, sign * d.dy, sign * d.dz};
          const auto fast = glrlm_matrix(v.view, o, std::uint32_t(c.ng));
          const auto ref = glrlm_matrix_reference(v.view, o, std::uint32_t(c.ng));
          ASSERT_EQ(fast, ref) << c.ex << "x" << c.ey << "x" << c.ez << " ng " << c.ng << " direction " << o.dx
                               << "," << o.dy << "," << o.dz;
          // Every ROI voxel lies in exactly one run.
          std::uint64_t covered = 0;
          for (const auto& e : fast.runs.entries()) covered += e.count * (e.col + 1);
          EXPECT_EQ(covered, fast.voxels);
        }
    }
}

TEST(GlrlmMatrix, FastEqualsReferenceOnEllipsoidRois) {
  // Tumour-like ROIs in a box: zero margins of 16+ voxels and empty rows (the row spans skip them), x extents that
  // are no multiple of 16. Position counting with 4 lanes (ng 8, 32: ≤ 2^12 cells), with 1 lane (ng 200: more
  // cells, within the dense bounds), and the run walk (ng 4096: over the bounds for long lines).
  struct Case {
    std::size_t ex, ey, ez;
    int ng;
    double keep;
  };
  const Case cases[] = {{53, 37, 21, 8, 0.9}, {41, 36, 19, 32, 0.6}, {45, 40, 33, 200, 0.7}, {35, 33, 17, 4096, 0.5}};
  std::uint32_t seed = 91;
  for (const auto& c : cases) {
    auto v = random_levels(c.ex, c.ey, c.ez, c.ng, seed++, 0.97, c.keep);
    keep_ellipsoid(v);
    for (const auto& d : directions_3d)
      for (int sign : {1, -1}) {
        const Offset o{sign * d.dx, sign * d.dy, sign * d.dz};
        ASSERT_EQ(glrlm_matrix(v.view, o, std::uint32_t(c.ng)), glrlm_matrix_reference(v.view, o, std::uint32_t(c.ng)))
            << c.ex << "x" << c.ey << "x" << c.ez << " ng " << c.ng << " direction " << o.dx << "," << o.dy << ","
            << o.dz;
      }
  }
}

TEST(GlrlmMatrix, LongRunsAndRunsTouchingEveryBorder) {
  // A full box of one level with a few holes: runs as long as the lines (position = nr), runs starting and ending
  // at every face, in both memory directions.
  auto v = random_levels(19, 17, 18, 2, 5, 1.0, 0.995);
  for (std::size_t i = 0; i < v.data.size(); i += 97) v.data[i] = 0;
  for (const auto& d : directions_3d)
    for (int sign : {1, -1}) {
      const Offset o{sign * d.dx, sign * d.dy, sign * d.dz};
      ASSERT_EQ(glrlm_matrix(v.view, o, 2), glrlm_matrix_reference(v.view, o, 2));
    }
}

TEST(GlrlmFeatures, HandComputedLine) {
  // Levels [1, 1, 2, 0, 2] along x: runs (1, 2), (2, 1), (2, 1); N_s = 3, N_v = 4 (the 0 is outside the ROI).
  // Values worked by hand from the IBSI 1 formulas (manual section 3.7).
  std::vector<std::int32_t> data{1, 1, 2, 0, 2};
  const View3<std::int32_t> v{data.data(), {5, 1, 1}, {1, 1, 1}};
  const auto m = glrlm_matrix(v, {1, 0, 0}, 2);
  ASSERT_EQ(m.runs.total(), 3u);
  ASSERT_EQ(m.voxels, 4u);
  const auto x = features_of(m);
  constexpr double tol = 1e-12;  // a few roundings of short sums
  EXPECT_NEAR(x[f::short_runs_emphasis], (0.25 + 2.0) / 3, tol);
  EXPECT_NEAR(x[f::long_runs_emphasis], (4.0 + 2.0) / 3, tol);
  EXPECT_NEAR(x[f::low_grey_level_run_emphasis], (1.0 + 2 * 0.25) / 3, tol);
  EXPECT_NEAR(x[f::high_grey_level_run_emphasis], (1.0 + 2 * 4.0) / 3, tol);
  EXPECT_NEAR(x[f::short_run_low_grey_level_emphasis], (0.25 + 2 * 0.25) / 3, tol);
  EXPECT_NEAR(x[f::short_run_high_grey_level_emphasis], (0.25 + 2 * 4.0) / 3, tol);
  EXPECT_NEAR(x[f::long_run_low_grey_level_emphasis], (4.0 + 2 * 0.25) / 3, tol);
  EXPECT_NEAR(x[f::long_run_high_grey_level_emphasis], (4.0 + 2 * 4.0) / 3, tol);
  EXPECT_NEAR(x[f::grey_level_non_uniformity], (1.0 + 4.0) / 3, tol);
  EXPECT_NEAR(x[f::normalised_grey_level_non_uniformity], 5.0 / 9, tol);
  EXPECT_NEAR(x[f::run_length_non_uniformity], (4.0 + 1.0) / 3, tol);
  EXPECT_NEAR(x[f::normalised_run_length_non_uniformity], 5.0 / 9, tol);
  EXPECT_NEAR(x[f::run_percentage], 0.75, tol);
  EXPECT_NEAR(x[f::grey_level_variance], 2.0 / 9, tol);  // levels 1, 2, 2: mean 5/3
  EXPECT_NEAR(x[f::run_length_variance], 2.0 / 9, tol);  // lengths 2, 1, 1: mean 4/3
  EXPECT_NEAR(x[f::run_entropy], -(1.0 / 3 * std::log2(1.0 / 3) + 2.0 / 3 * std::log2(2.0 / 3)), tol);
}

TEST(GlrlmFeatures, MergingSumsVoxelCounts) {
  // IBSI 1 section 3.7 (run percentage): a merged matrix divides by the summed N_v of its parts.
  const auto v = random_levels(10, 8, 6, 8, 5);
  RunLengthMatrix merged;
  std::uint64_t runs = 0, voxels = 0;
  for (const auto& d : directions_3d) {
    const auto m = glrlm_matrix(v.view, d, 8);
    runs += m.runs.total(), voxels += m.voxels;
    merged.merge(m);
  }
  EXPECT_EQ(merged.voxels, voxels);
  EXPECT_EQ(merged.runs.total(), runs);
  EXPECT_DOUBLE_EQ(features_of(merged)[f::run_percentage], double(runs) / double(voxels));
}

TEST(GlrlmEdgeCases, SingleVoxelRoi) {
  std::vector<std::int32_t> data(27, 0);
  data[13] = 3;
  const View3<std::int32_t> v{data.data(), {3, 3, 3}, {1, 1, 1}};
  for (Aggregation a : all_directional) {
    const auto x = aggregated(v, a, 4);  // one run of length 1 at level 3 in every direction
    EXPECT_EQ(x[f::short_runs_emphasis], 1.0);
    EXPECT_EQ(x[f::long_runs_emphasis], 1.0);
    EXPECT_DOUBLE_EQ(x[f::low_grey_level_run_emphasis], 1.0 / 9);
    EXPECT_EQ(x[f::high_grey_level_run_emphasis], 9.0);
    EXPECT_EQ(x[f::run_percentage], 1.0);
    EXPECT_EQ(x[f::normalised_grey_level_non_uniformity], 1.0);
    EXPECT_EQ(x[f::grey_level_variance], 0.0);
    EXPECT_EQ(x[f::run_length_variance], 0.0);
    EXPECT_EQ(x[f::run_entropy], 0.0);
  }
}

TEST(GlrlmEdgeCases, FlatBoxHasOneRunPerLine) {
  std::vector<std::int32_t> data(4 * 3 * 2, 2);
  const View3<std::int32_t> v{data.data(), {4, 3, 2}, {1, 1, 1}};
  const auto m = glrlm_matrix(v, {1, 0, 0}, 2);  // 6 rows of 4 voxels
  ASSERT_EQ(m.runs.entries().size(), 1u);
  EXPECT_EQ(m.runs.entries()[0], (MatrixEntry{1, 3, 6}));
  const auto x = aggregated(v, Aggregation::d3_merged, 2);
  EXPECT_EQ(x[f::grey_level_variance], 0.0);
  EXPECT_EQ(x[f::normalised_grey_level_non_uniformity], 1.0);
  for (double value : x) EXPECT_TRUE(std::isfinite(value));
}

TEST(GlrlmEdgeCases, OneSliceRoiWith3dAggregation) {
  // Out-of-plane directions see runs of length 1 only (each voxel is its own line): defined, not skipped.
  const auto v = random_levels(6, 5, 1, 4, 8, 1.0, 0.8);
  const auto m = glrlm_matrix(v.view, {0, 0, 1}, 4);
  EXPECT_EQ(m.runs.total(), m.voxels);
  EXPECT_EQ(m.runs.cols(), 1u);
  for (Aggregation a : {Aggregation::d3_merged, Aggregation::d3_averaged})
    for (double value : aggregated(v.view, a, 4)) EXPECT_TRUE(std::isfinite(value));
  // An empty ROI: every feature NaN.
  std::vector<std::int32_t> none(8, 0);
  for (double value : aggregated({none.data(), {2, 2, 2}, {1, 1, 1}}, Aggregation::d3_merged, 4))
    EXPECT_TRUE(std::isnan(value));
}

TEST(GlrlmGreyLevels, FourThousandNinetySixLevelsMatchReference) {
  const auto v = random_levels(40, 30, 12, 4096, 77, 0.9, 0.3);
  for (const auto& d : directions_3d) EXPECT_EQ(glrlm_matrix(v.view, d, 4096), glrlm_matrix_reference(v.view, d, 4096));
  for (double value : aggregated(v.view, Aggregation::d3_merged, 4096)) EXPECT_TRUE(std::isfinite(value));
}

TEST(GlrlmDeterminism, IdenticalForOneAndTwoThreads) {
  const auto v = random_levels(24, 20, 9, 16, 9);
  for (Aggregation a : all_directional) {
    std::vector<double> one, two;
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
      one = aggregated(v.view, a, 16);
    }
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
      two = aggregated(v.view, a, 16);
    }
    for (std::size_t k = 0; k < one.size(); ++k) EXPECT_EQ(one[k], two[k]) << "feature " << k;
  }
}

}  // namespace
}  // namespace voxfeat::test
