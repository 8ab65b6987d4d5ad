// NGLDM (IBSI 1 section 3.11, REK0): the fast builder against the reference loops (integer matrices, exact),
// thread-count determinism, hand-computed values and edge cases. IBSI digital-phantom values: ibsi_dig_test.cpp.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <vector>

#include "random_levels.hpp"
#include "texture/ngldm.hpp"
#include "texture/ngldm_formulas.hpp"

namespace voxfeat::test {
namespace {

namespace tx = kernels::texture;
namespace F = kernels::texture::ngldm;

std::vector<double> features(const tx::CountMatrix& m) {
  std::vector<double> out(F::feature_count);
  tx::ngldm_features(m, out);
  return out;
}

TEST(Ngldm, HandComputedLine) {
  // Levels 1 1 2 along x, α = 0: the two 1s see each other (j = 2 each), the 2 sees no equal level (j = 1):
  // s_{1,2} = 2, s_{2,1} = 1, N_s = 3. Values by hand from the IBSI formulas.
  const std::vector<std::int32_t> data{1, 1, 2};
  for (const bool three_d : {false, true}) {
    const auto m = tx::ngldm_matrix({data.data(), {3, 1, 1}}, three_d, 1, 0, 2);
    ASSERT_EQ(m.entries().size(), 2u);
    EXPECT_EQ(m.entries()[0], (tx::MatrixEntry{0, 1, 2}));
    EXPECT_EQ(m.entries()[1], (tx::MatrixEntry{1, 0, 1}));
    const auto f = features(m);
    const double tol = 1e-15;  // a handful of exact-ish operations on small numbers
    EXPECT_NEAR(f[F::low_dependence_emphasis], 0.5, tol);                    // (2/4 + 1) / 3
    EXPECT_NEAR(f[F::high_dependence_emphasis], 3.0, tol);                   // (2·4 + 1) / 3
    EXPECT_NEAR(f[F::low_grey_level_count_emphasis], 0.75, tol);             // (2 + 1/4) / 3
    EXPECT_NEAR(f[F::high_grey_level_count_emphasis], 2.0, tol);             // (2 + 4) / 3
    EXPECT_NEAR(f[F::low_dependence_low_grey_level_emphasis], 0.25, tol);    // (2/4 + 1/4) / 3
    EXPECT_NEAR(f[F::low_dependence_high_grey_level_emphasis], 1.5, tol);    // (2/4 + 4) / 3
    EXPECT_NEAR(f[F::high_dependence_low_grey_level_emphasis], 2.75, tol);   // (8 + 1/4) / 3
    EXPECT_NEAR(f[F::high_dependence_high_grey_level_emphasis], 4.0, tol);   // (8 + 4) / 3
    EXPECT_NEAR(f[F::grey_level_non_uniformity], 5.0 / 3.0, tol);            // (2² + 1²) / 3
    EXPECT_NEAR(f[F::normalised_grey_level_non_uniformity], 5.0 / 9.0, tol);
    EXPECT_NEAR(f[F::dependence_count_non_uniformity], 5.0 / 3.0, tol);      // (1² + 2²) / 3
    EXPECT_NEAR(f[F::normalised_dependence_count_non_uniformity], 5.0 / 9.0, tol);
    EXPECT_EQ(f[F::dependence_count_percentage], 1.0);
    EXPECT_NEAR(f[F::grey_level_variance], 2.0 / 9.0, tol);                  // µ = 4/3
    EXPECT_NEAR(f[F::dependence_count_variance], 2.0 / 9.0, tol);            // µ = 5/3
    EXPECT_NEAR(f[F::dependence_count_entropy], 0.91829583405448956, 1e-14); // −(2/3 log2 2/3 + 1/3 log2 1/3)
    EXPECT_NEAR(f[F::dependence_count_energy], 5.0 / 9.0, tol);
  }
}

TEST(Ngldm, CoarsenessWidensDependence) {
  // α = 1: levels 1 and 2 are dependent, 4 is not; outside-ROI zeros never count even though |1 − 0| ≤ α.
  const std::vector<std::int32_t> data{1, 2, 0, 4};
  const auto m = tx::ngldm_matrix({data.data(), {4, 1, 1}}, false, 1, 1, 4);
  ASSERT_EQ(m.entries().size(), 3u);
  EXPECT_EQ(m.entries()[0], (tx::MatrixEntry{0, 1, 1}));  // level 1, j = 2
  EXPECT_EQ(m.entries()[1], (tx::MatrixEntry{1, 1, 1}));  // level 2, j = 2
  EXPECT_EQ(m.entries()[2], (tx::MatrixEntry{3, 0, 1}));  // level 4, j = 1
}

TEST(Ngldm, FastEqualsReferenceOnRandomRois) {
  int cases = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed)
    for (const int delta : {1, 2})
      for (const int alpha : {0, 1, 3})
        for (const bool three_d : {false, true}) {
          const int ng = int(2 + seed * 2);
          const auto v = random_levels(12 + seed % 4, 10, 6, ng, 0.4 + 0.05 * double(seed), seed);
          SCOPED_TRACE(::testing::Message() << "seed " << seed << " delta " << delta << " alpha " << alpha);
          EXPECT_EQ(tx::ngldm_matrix(v.view(), three_d, delta, alpha, ng),
                    tx::ngldm_matrix_reference(v.view(), three_d, delta, alpha, ng));
          ++cases;
        }
  EXPECT_EQ(cases, 120);
}

TEST(Ngldm, FourThousandLevelsBothMemoryPaths) {
  // 4096 × 27 cells fits the dense per-thread path; 4096 × 125 (δ = 2) takes the cell-code path.
  const auto v = random_levels(30, 25, 16, 4096, 0.8, 11);
  for (const int delta : {1, 2}) {
    const auto fast = tx::ngldm_matrix(v.view(), true, delta, 0, 4096);
    EXPECT_EQ(fast, tx::ngldm_matrix_reference(v.view(), true, delta, 0, 4096));
    for (const double f : features(fast)) EXPECT_TRUE(std::isfinite(f));
  }
}

TEST(Ngldm, BitIdenticalForOneAndTwoThreads) {
  const auto v = random_levels(64, 48, 40, 32, 0.7, 3);
  for (const int delta : {1, 3}) {  // dense and cell-code paths (32 × 343 cells is dense too; 3 keeps it honest)
    tx::CountMatrix one, two;
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
      one = tx::ngldm_matrix(v.view(), true, delta, 0, 32);
    }
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
      two = tx::ngldm_matrix(v.view(), true, delta, 0, 32);
    }
    EXPECT_EQ(one, two);
  }
}

TEST(Ngldm, SingleVoxel) {
  // One voxel: j = 1, N_s = 1: every feature defined (LDE = HDE = 1, entropy 0, variances 0).
  std::vector<std::int32_t> data(27, 0);
  data[13] = 3;
  const auto f = features(tx::ngldm_matrix({data.data(), {3, 3, 3}}, true, 1, 0, 4));
  EXPECT_EQ(f[F::low_dependence_emphasis], 1.0);
  EXPECT_EQ(f[F::high_dependence_emphasis], 1.0);
  EXPECT_NEAR(f[F::low_grey_level_count_emphasis], 1.0 / 9.0, 1e-16);
  EXPECT_EQ(f[F::dependence_count_entropy], 0.0);
  EXPECT_EQ(f[F::grey_level_variance], 0.0);
  EXPECT_EQ(f[F::dependence_count_variance], 0.0);
  EXPECT_EQ(f[F::dependence_count_energy], 1.0);
}

TEST(Ngldm, FlatCubeAndEmptyRoi) {
  // A flat 3×3×3 cube: the centre has j = 27, face centres 18, edges 12, corners 8 (all neighbours equal).
  const std::vector<std::int32_t> cube(27, 2);
  const auto m = tx::ngldm_matrix({cube.data(), {3, 3, 3}}, true, 1, 0, 2);
  ASSERT_EQ(m.entries().size(), 4u);
  EXPECT_EQ(m.entries()[0], (tx::MatrixEntry{1, 7, 8}));
  EXPECT_EQ(m.entries()[1], (tx::MatrixEntry{1, 11, 12}));
  EXPECT_EQ(m.entries()[2], (tx::MatrixEntry{1, 17, 6}));
  EXPECT_EQ(m.entries()[3], (tx::MatrixEntry{1, 26, 1}));
  EXPECT_EQ(features(m)[F::grey_level_variance], 0.0);
  const std::vector<std::int32_t> none(8, 0);
  for (const double f : features(tx::ngldm_matrix({none.data(), {2, 2, 2}}, true, 1, 0, 2)))
    EXPECT_TRUE(std::isnan(f));
}

TEST(Ngldm, OneSliceRoiWith3dAggregationEquals2dCounts) {
  // A one-slice scope: the 3D neighbourhood finds only in-plane neighbours, so the counts equal the 2D ones
  // (columns differ: 27 vs 9 possible dependences).
  const auto v = random_levels(17, 15, 1, 5, 0.6, 5);
  const auto a = tx::ngldm_matrix(v.view(), true, 1, 0, 5);
  const auto b = tx::ngldm_matrix(v.view(), false, 1, 0, 5);
  ASSERT_EQ(a.entries().size(), b.entries().size());
  for (std::size_t e = 0; e < a.entries().size(); ++e) EXPECT_EQ(a.entries()[e], b.entries()[e]);
  EXPECT_EQ(features(a), features(b));
}

TEST(Ngldm, RejectsBadArguments) {
  const std::vector<std::int32_t> data{1, 9};
  EXPECT_THROW((void)tx::ngldm_matrix({data.data(), {2, 1, 1}}, true, 1, 0, 4), std::invalid_argument);
  EXPECT_THROW((void)tx::ngldm_matrix({data.data(), {2, 1, 1}}, true, 0, 0, 9), std::invalid_argument);
  EXPECT_THROW((void)tx::ngldm_matrix({data.data(), {2, 1, 1}}, true, 1, -1, 9), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::test
