// Family-level parity of "gldzm" (plugins/gldzm/compute.cpp, support/shared_zones.hpp): compute_cuda, whose zones
// the GPU labels and counts (cuda/zones.hpp, matrices bit-identical to the CPU's), gives exactly compute_cpu's
// features for every aggregation method and linkage distance on seeded ROIs. Skips without a GPU.
#include "family_parity.hpp"
#include "gldzm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "texture/size_zone_formulas.hpp"

namespace voxfeat::test {
namespace {

class GldzmFamilyParity : public GpuTest {};

TEST_F(GldzmFamilyParity, EveryAggregationAndLinkageDistanceEqualsTheCpu) {
  expect_family_parity(&plugins::gldzm::compute_cpu, &plugins::gldzm::compute_cuda,
                       kernels::texture::size_zone_feature_count, plugins::neighbourhood_aggregations(),
                       {{{"linkage_distance", "1"}}, {{"linkage_distance", "2"}}}, parity_recipes());
}

}  // namespace
}  // namespace voxfeat::test
