// GLCM (IBSI 1 section 3.6, LFYI): the fast matrix builder against the reference loops, hand-computed features,
// edge cases, 4096 grey levels and thread-count determinism.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <limits>
#include <vector>

#include "random_rois.hpp"
#include "texture/aggregation.hpp"
#include "texture/glcm.hpp"
#include "texture/glcm_formulas.hpp"

namespace voxfeat::test {
namespace {

using namespace voxfeat::kernels;
using namespace voxfeat::kernels::texture;
namespace f = voxfeat::kernels::texture::glcm;

std::vector<double> features_of(const CountMatrix& m) {
  std::vector<double> out(f::feature_count, std::numeric_limits<double>::quiet_NaN());
  glcm_features(m, out);
  return out;
}

std::vector<double> aggregated(const View3<std::int32_t>& levels, Aggregation a, int ng, int delta = 1) {
  std::vector<double> out(f::feature_count, std::numeric_limits<double>::quiet_NaN());
  aggregate_directional(
      levels, a, delta,
      [&](const View3<std::int32_t>& scope, Offset o) { return glcm_matrix(scope, o, std::uint32_t(ng), true); },
      [](const CountMatrix& m, std::span<double> v) { glcm_features(m, v); }, out);
  return out;
}

constexpr Aggregation all_directional[] = {Aggregation::d2_averaged,  Aggregation::d2_slice_merged,
                                           Aggregation::d25_direction_merged, Aggregation::d25_merged,
                                           Aggregation::d3_averaged, Aggregation::d3_merged};

TEST(GlcmMatrix, FastEqualsReferenceOnRandomRois) {
  struct Case {
    std::size_t ex, ey, ez;
    int ng;
  };
  // Small Ng (dense path), Ng just over the dense limit's reach (codes path), a one-slice volume, thin volumes.
  const Case cases[] = {{9, 7, 5, 6}, {12, 10, 8, 32}, {8, 8, 1, 5}, {1, 6, 4, 3},
                        {20, 15, 6, 1500}, {10, 9, 7, 4096}};
  std::uint32_t seed = 11;
  for (const auto& c : cases)
    for (int delta : {1, 2, 3})
      for (bool symmetric : {true, false}) {
        const auto v = random_levels(c.ex, c.ey, c.ez, c.ng, seed++);
        for (const auto& d : directions_3d) {
          const Offset o = d.scaled(delta);
          const auto fast = glcm_matrix(v.view, o, std::uint32_t(c.ng), symmetric);
          const auto ref = glcm_matrix_reference(v.view, o, std::uint32_t(c.ng), symmetric);
          ASSERT_EQ(fast, ref) << c.ex << "x" << c.ey << "x" << c.ez << " ng " << c.ng << " offset " << o.dx << ","
                               << o.dy << "," << o.dz << " symmetric " << symmetric;
        }
      }
}

TEST(GlcmMatrix, FastEqualsReferenceOnEllipsoidRois) {
  // Tumour-like ROIs in a box: zero margins of 16+ voxels and empty rows (the row spans skip them; a pair is
  // counted only where both rows hold ROI voxels), x extents that are no multiple of 16; dense, compact and codes
  // paths (ng 32, 300, 1500).
  struct Case {
    std::size_t ex, ey, ez;
    int ng;
  };
  const Case cases[] = {{53, 37, 21, 32}, {41, 36, 19, 300}, {35, 33, 17, 1500}};
  std::uint32_t seed = 71;
  for (const auto& c : cases)
    for (int delta : {1, 2}) {
      auto v = random_levels(c.ex, c.ey, c.ez, c.ng, seed++, 0.97, 0.6);
      keep_ellipsoid(v);
      for (const auto& d : directions_3d)
        for (int sign : {1, -1}) {
          const Offset o = Offset{sign * d.dx, sign * d.dy, sign * d.dz}.scaled(delta);
          ASSERT_EQ(glcm_matrix(v.view, o, std::uint32_t(c.ng), true),
                    glcm_matrix_reference(v.view, o, std::uint32_t(c.ng), true))
              << c.ex << "x" << c.ey << "x" << c.ez << " ng " << c.ng << " offset " << o.dx << "," << o.dy << ","
              << o.dz;
        }
    }
}

TEST(GlcmFeatures, HandComputedLine) {
  // Levels [1, 2, 2] along x, offset (1,0,0), symmetric: pairs (1,2), (2,1), (2,2), (2,2) → P = [[0, .25], [.25, .5]]
  // (Ng = 2). Values worked by hand from the IBSI 1 formulas (manual section 3.6).
  std::vector<std::int32_t> data{1, 2, 2};
  const View3<std::int32_t> v{data.data(), {3, 1, 1}, {1, 1, 1}};
  const auto m = glcm_matrix(v, {1, 0, 0}, 2, true);
  ASSERT_EQ(m.total(), 4u);
  const auto x = features_of(m);
  constexpr double tol = 1e-12;  // a few roundings of short sums of exact binary fractions
  const double h = -(2 * 0.25 * std::log2(0.25) + 0.5 * std::log2(0.5));  // 1.5 bits
  EXPECT_NEAR(x[f::joint_maximum], 0.5, tol);
  EXPECT_NEAR(x[f::joint_average], 1.75, tol);               // p_1. = .25, p_2. = .75
  EXPECT_NEAR(x[f::joint_variance], 0.1875, tol);            // .25·.75² + .75·.25²
  EXPECT_NEAR(x[f::joint_entropy], h, tol);
  EXPECT_NEAR(x[f::difference_average], 0.5, tol);           // p_{i−j} = [.5, .5]
  EXPECT_NEAR(x[f::difference_variance], 0.25, tol);
  EXPECT_NEAR(x[f::difference_entropy], 1.0, tol);
  EXPECT_NEAR(x[f::sum_average], 3.5, tol);                  // p_{i+j}: k=3 .5, k=4 .5
  EXPECT_NEAR(x[f::sum_variance], 0.25, tol);
  EXPECT_NEAR(x[f::sum_entropy], 1.0, tol);
  EXPECT_NEAR(x[f::angular_second_moment], 0.375, tol);
  EXPECT_NEAR(x[f::contrast], 0.5, tol);
  EXPECT_NEAR(x[f::dissimilarity], 0.5, tol);
  EXPECT_NEAR(x[f::inverse_difference], 0.75, tol);          // .5 + .5/2
  EXPECT_NEAR(x[f::normalised_inverse_difference], 0.5 + 0.5 / 1.5, tol);
  EXPECT_NEAR(x[f::inverse_difference_moment], 0.75, tol);
  EXPECT_NEAR(x[f::normalised_inverse_difference_moment], 0.5 + 0.5 / 1.25, tol);
  EXPECT_NEAR(x[f::inverse_variance], 0.5, tol);
  EXPECT_NEAR(x[f::autocorrelation], 0.5 * 2 + 0.5 * 4, tol);  // Σ i j p = 2·.25·2 + .5·4
  EXPECT_NEAR(x[f::correlation], (3.0 - 1.75 * 1.75) / 0.1875, tol);
  EXPECT_NEAR(x[f::cluster_tendency], 0.25, tol);            // i + j − 3.5 = ±.5
  EXPECT_NEAR(x[f::cluster_shade], 0.0, tol);
  EXPECT_NEAR(x[f::cluster_prominence], 0.0625, tol);
  const double hx = -(0.25 * std::log2(0.25) + 0.75 * std::log2(0.75));
  const double hxy1 = -(0.5 * std::log2(0.25 * 0.75) + 0.5 * std::log2(0.75 * 0.75));
  EXPECT_NEAR(x[f::information_correlation_1], (h - hxy1) / hx, tol);
  EXPECT_NEAR(x[f::information_correlation_2], std::sqrt(1 - std::exp(-2 * (2 * hx - h))), tol);
}

TEST(GlcmEdgeCases, SingleVoxelRoiIsNaNEverywhere) {
  std::vector<std::int32_t> data(27, 0);
  data[13] = 3;
  const View3<std::int32_t> v{data.data(), {3, 3, 3}, {1, 1, 1}};
  for (Aggregation a : all_directional)
    for (double x : aggregated(v, a, 4)) EXPECT_TRUE(std::isnan(x));
}

TEST(GlcmEdgeCases, FlatRoiHasDefinedValuesAndNaNWhereUndefined) {
  std::vector<std::int32_t> data(4 * 4 * 3, 2);
  const View3<std::int32_t> v{data.data(), {4, 4, 3}, {1, 1, 1}};
  for (Aggregation a : all_directional) {
    const auto x = aggregated(v, a, 3);
    EXPECT_EQ(x[f::joint_maximum], 1.0);
    EXPECT_EQ(x[f::joint_average], 2.0);
    EXPECT_EQ(x[f::contrast], 0.0);
    EXPECT_EQ(x[f::joint_entropy], 0.0);
    EXPECT_EQ(x[f::inverse_difference], 1.0);
    EXPECT_EQ(x[f::information_correlation_2], 0.0);
    EXPECT_TRUE(std::isnan(x[f::correlation]));  // zero marginal variance
    EXPECT_TRUE(std::isnan(x[f::information_correlation_1]));  // HX = 0
  }
}

TEST(GlcmEdgeCases, FlatRoisOfAnyPairCountHaveNaNCorrelation) {
  // With probabilities summed as count × (1/total), pair counts such as 98 (a flat 8 × 8 slice along one in-plane
  // direction, both orders) left a marginal of 1 − 2^-53, a tiny variance and entropy, and reported correlation 1
  // and information correlation 1 instead of NaN (found by the per-object texture tests). Every count from 1 to 3000.
  for (std::uint64_t count = 1; count <= 3000; ++count) {
    std::vector<std::uint64_t> dense(25, 0);
    dense[2 * 5 + 2] = count;  // level 3 only
    const CountMatrix m = CountMatrix::from_dense(5, 5, dense);
    std::vector<double> x(f::feature_count);
    glcm_features(m, x);
    ASSERT_TRUE(std::isnan(x[f::correlation])) << count << " pairs: " << x[f::correlation];
    ASSERT_TRUE(std::isnan(x[f::information_correlation_1])) << count << " pairs";
    ASSERT_EQ(x[f::joint_average], 3.0) << count << " pairs";
    ASSERT_EQ(x[f::joint_entropy], 0.0) << count << " pairs";
  }
}

TEST(GlcmEdgeCases, DirectionWithoutPairsIsEmptyAndSkipped) {
  // A one-slice ROI: the 9 directions with dz != 0 have no pair; 3D averaging uses the 4 in-plane ones only.
  const auto v = random_levels(7, 6, 1, 5, 3, 1.0);
  EXPECT_TRUE(glcm_matrix(v.view, {0, 0, 1}, 5, true).empty());
  EXPECT_TRUE(glcm_matrix(v.view, {1, 1, -1}, 5, true).empty());
  const auto avg3 = aggregated(v.view, Aggregation::d3_averaged, 5);
  const auto avg2 = aggregated(v.view, Aggregation::d2_averaged, 5);
  const auto mrg3 = aggregated(v.view, Aggregation::d3_merged, 5);
  const auto mrg2 = aggregated(v.view, Aggregation::d25_merged, 5);
  for (std::size_t k = 0; k < f::feature_count; ++k) {
    EXPECT_NEAR(avg3[k], avg2[k], 1e-12 * std::max(1.0, std::fabs(avg2[k])));  // same 4 matrices, same order
    EXPECT_EQ(mrg3[k], mrg2[k]);  // identical merged matrix
  }
  // An offset longer than the scope: no pair at all.
  EXPECT_TRUE(glcm_matrix(v.view, Offset{1, 0, 0}.scaled(7), 5, true).empty());
}

TEST(GlcmGreyLevels, FourThousandNinetySixLevelsMatchReference) {
  // 4096 levels take the sparse codes path ((Ng+1)² > 2^20): the matrix holds only the distinct pairs.
  const auto v = random_levels(30, 30, 10, 4096, 99, 0.9, 0.2);
  for (const auto& d : directions_3d) {
    const auto fast = glcm_matrix(v.view, d, 4096, true);
    EXPECT_EQ(fast, glcm_matrix_reference(v.view, d, 4096, true));
    EXPECT_LE(fast.entries().size(), 2 * v.data.size());
  }
  const auto x = aggregated(v.view, Aggregation::d3_merged, 4096);
  for (double value : x) EXPECT_TRUE(std::isfinite(value));
}

TEST(GlcmGreyLevels, FewPresentOfManyLevelsUseTheCompactDensePathAndMatchReference) {
  // 4096 possible levels, 40 present (a narrow HU range under a fine bin size): counted densely over the present
  // levels, renumbered back; same matrix as the reference.
  auto v = random_levels(30, 24, 8, 40, 5, 0.9, 0.4);
  for (auto& x : v.data)
    if (x > 0) x = x * 97 + 3;  // 100 .. 3883
  for (const auto& d : directions_3d)
    for (bool symmetric : {true, false})
      EXPECT_EQ(glcm_matrix(v.view, d, 4096, symmetric), glcm_matrix_reference(v.view, d, 4096, symmetric));
}

TEST(GlcmDeterminism, IdenticalForOneAndTwoThreads) {
  const auto v = random_levels(24, 20, 9, 16, 7);
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
    ASSERT_EQ(one.size(), two.size());
    for (std::size_t k = 0; k < one.size(); ++k) EXPECT_EQ(one[k], two[k]) << "feature " << k;
  }
}

}  // namespace
}  // namespace voxfeat::test
