// Family-level parity of "glcm" (plugins/glcm/compute.cpp): compute_cuda, whose matrices the GPU counts
// (cuda/glcm.hpp), gives exactly compute_cpu's features for every aggregation method, distance and symmetry on seeded
// ROIs (the matrices are bit-identical and the features come from the same CPU formulas). Skips without a GPU.
#include "family_parity.hpp"
#include "glcm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "texture/glcm_formulas.hpp"

namespace voxfeat::test {
namespace {

class GlcmFamilyParity : public GpuTest {};

TEST_F(GlcmFamilyParity, EveryAggregationDistanceAndSymmetryEqualsTheCpu) {
  expect_family_parity(&plugins::glcm::compute_cpu, &plugins::glcm::compute_cuda, kernels::texture::glcm::feature_count,
                       plugins::directional_aggregations(),
                       {{{"distance", "1"}, {"symmetric", "true"}},
                        {{"distance", "2"}, {"symmetric", "true"}},
                        {{"distance", "1"}, {"symmetric", "false"}}},
                       parity_recipes());
}

TEST_F(GlcmFamilyParity, StreamedWithinASmallBudgetEqualsTheCpu) {
  // 600 KB of device memory: the 3D scope of 120 × 100 × 60 levels (2.9 MB) streams through in slabs of a few
  // planes; the 2D slices (48 KB each) go in batches of about ten per launch.
  expect_family_parity(&plugins::glcm::compute_cpu, &plugins::glcm::compute_cuda, kernels::texture::glcm::feature_count,
                       plugins::directional_aggregations(),
                       {{{"distance", "1"}, {"symmetric", "true"}}, {{"distance", "2"}, {"symmetric", "false"}}},
                       {{{120, 100, 60}, 8, 24, 0.8, false, false}}, 0.0, std::size_t(600) << 10);
}

}  // namespace
}  // namespace voxfeat::test
