#pragma once
// CPU compute function of the built-in family "gldzm" (IBSI VMDZ). Outputs are in the order of
// kernels::texture::SizeZoneFeature.
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::gldzm {


void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

#if VOXFEAT_HAVE_CUDA
/// compute_cpu with the zones labelled and counted on the GPU (support/shared_zones.hpp).
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out);
#endif

}  // namespace voxfeat::plugins::gldzm
