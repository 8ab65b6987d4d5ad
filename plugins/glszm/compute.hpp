#pragma once
// CPU compute function of the built-in family "glszm" (IBSI 9SAK). Outputs are in the order of
// kernels::texture::SizeZoneFeature.
#include <span>
#include <vector>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::glszm {

/// The family's outputs (also the per-object texture family's: plugins/microscopy_texture).
std::vector<OutputSpec> outputs();


void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

#if VOXFEAT_HAVE_CUDA
/// compute_cpu with the zones labelled and counted on the GPU (support/shared_zones.hpp).
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out);
#endif

}  // namespace voxfeat::plugins::glszm
