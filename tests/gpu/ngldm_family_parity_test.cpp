// Family-level parity of "ngldm" (plugins/ngldm/compute.cpp): compute_cuda (matrices from cuda/ngldm.hpp,
// bit-identical) gives exactly compute_cpu's features for every aggregation method, distance and coarseness on
// seeded ROIs. Skips without a GPU.
#include "family_parity.hpp"
#include "ngldm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "texture/ngldm_formulas.hpp"

namespace voxfeat::test {
namespace {

class NgldmFamilyParity : public GpuTest {};

TEST_F(NgldmFamilyParity, EveryAggregationDistanceAndCoarsenessEqualsTheCpu) {
  expect_family_parity(&plugins::ngldm::compute_cpu, &plugins::ngldm::compute_cuda,
                       kernels::texture::ngldm::feature_count, plugins::neighbourhood_aggregations(),
                       {{{"distance", "1"}, {"coarseness", "0"}},
                        {{"distance", "2"}, {"coarseness", "0"}},
                        {{"distance", "1"}, {"coarseness", "1"}}},
                       parity_recipes());
}

}  // namespace
}  // namespace voxfeat::test
