// Family-level parity of "ngtdm" (plugins/ngtdm/compute.cpp): compute_cuda (matrices from cuda/ngtdm.hpp: counts
// exact, s_i within cuda::ngtdm_sum_tolerance, about 1e-15 relative) gives compute_cpu's features within 1e-12
// relative for every aggregation method and distance on seeded ROIs. Skips without a GPU.
#include "family_parity.hpp"
#include "ngtdm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "texture/ngtdm.hpp"

namespace voxfeat::test {
namespace {

class NgtdmFamilyParity : public GpuTest {};

TEST_F(NgtdmFamilyParity, EveryAggregationAndDistanceEqualsTheCpu) {
  expect_family_parity(&plugins::ngtdm::compute_cpu, &plugins::ngtdm::compute_cuda,
                       kernels::texture::NgtdmSlot::count, plugins::neighbourhood_aggregations(),
                       {{{"distance", "1"}}, {{"distance", "2"}}}, parity_recipes(), 1e-12);
}

TEST_F(NgtdmFamilyParity, OverTheGpuMemoryBudgetTheCpuComputesBitForBit) {
  // A 1-byte --gpu-memory budget sends every scope to the CPU: the CPU's values exactly (the GPU's own s_i would
  // differ in the last bits).
  expect_family_parity(&plugins::ngtdm::compute_cpu, &plugins::ngtdm::compute_cuda,
                       kernels::texture::NgtdmSlot::count, plugins::neighbourhood_aggregations(),
                       {{{"distance", "1"}}}, parity_recipes(), 0.0, 1);
}

}  // namespace
}  // namespace voxfeat::test
