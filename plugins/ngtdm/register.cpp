// Built-in family "ngtdm" (IBSI 1 section 3.10, IPET): neighbourhood grey tone difference features.
#include "ngtdm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

namespace ngtdm {

std::vector<OutputSpec> outputs() {
  return {
      {"coarseness", "1", "QCDE",
       "1 / Σ p_i s_i; 10^6 when that sum is 0 (IBSI's cap). NaN when no voxel has an ROI neighbour."},
      {"contrast", "1", "65HE",
       "Grey level dynamic range times mean grey tone difference; 0 with one grey level. NaN when no voxel "
       "has an ROI neighbour."},
      {"busyness", "1", "NQ30",
       "Σ p_i s_i / Σ Σ |i1 p_i1 − i2 p_i2| (Hatt's definition); 0 with one grey level; NaN when the "
       "denominator is 0 with several levels, or no voxel has an ROI neighbour."},
      {"complexity", "1", "HDEZ",
       "Σ Σ |i1 − i2| (p_i1 s_i1 + p_i2 s_i2) / (p_i1 + p_i2) / N_v,c. NaN when no voxel has an ROI "
       "neighbour. O(N_g,p²) in the grey levels present."},
      {"strength", "1", "1X9X",
       "Σ Σ (p_i1 + p_i2)(i1 − i2)² / Σ s_i; 0 when Σ s_i is 0. NaN when no voxel has an ROI neighbour."},
  };
}

}  // namespace ngtdm

void register_ngtdm(Registry& registry) {
  FamilyDescriptor family{
      .name = "ngtdm",
      .version = "1.0.0",
      .ibsi_code = "IPET",
      .column_prefix = "ngtdm",
      .doc = "Neighbourhood grey tone difference matrix features of the discretised grey levels. IBSI's definition: a "
             "voxel counts when at least one voxel within Chebyshev distance 'distance' is in the ROI, and its "
             "neighbourhood mean is over those ROI voxels only (in-plane for 2D and 2.5D, 26-neighbourhood at "
             "distance 1 for 3D). Memory: 16 bytes per grey level per matrix (at most 64 partial matrices while "
             "building), so 4096 levels need no dense level-pair array. Every feature is NaN when no ROI voxel has "
             "an ROI neighbour (e.g. a single-voxel ROI); with 2D aggregation, such slices are left out of the "
             "average.",
      .dims = Dims::both,
      .params = {{"distance", ParamType::integer, "1",
                  "Chebyshev distance δ of the neighbourhood (1..64); IBSI uses 1", {}, 1, 64}},
      .outputs = ngtdm::outputs(),
      .aggregations = neighbourhood_aggregations(),
      .dependencies = {"discretised"},
      .compute_cpu = &ngtdm::compute_cpu,
#if VOXFEAT_HAVE_CUDA
      .compute_cuda = &ngtdm::compute_cuda,
#endif
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
