// Family-level parity of "glrlm" (plugins/glrlm/compute.cpp): compute_cuda, whose matrices the GPU counts
// (cuda/glrlm.hpp), gives exactly compute_cpu's features for every aggregation method on seeded ROIs (the matrices
// and N_v are bit-identical and the features come from the same CPU formulas). The family has no parameters.
// Skips without a GPU.
#include "family_parity.hpp"
#include "glrlm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "texture/glrlm_formulas.hpp"

namespace voxfeat::test {
namespace {

class GlrlmFamilyParity : public GpuTest {};

TEST_F(GlrlmFamilyParity, EveryAggregationEqualsTheCpu) {
  expect_family_parity(&plugins::glrlm::compute_cpu, &plugins::glrlm::compute_cuda,
                       std::size_t(kernels::texture::glrlm::feature_count), plugins::directional_aggregations(),
                       {{}}, parity_recipes());
}

}  // namespace
}  // namespace voxfeat::test
