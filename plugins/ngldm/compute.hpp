#pragma once
// Compute functions of the built-in family "ngldm" (IBSI REK0): the CPU's, and with CUDA the GPU's, which builds the
// same matrices on the device (cuda/ngldm.hpp: bit-identical) and computes the same features from them.
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::ngldm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

#if VOXFEAT_HAVE_CUDA
/// compute_cpu with the matrices built on the GPU (device roi.execution().device); a scope the GPU refuses (too many
/// grey levels for its table) is built on the CPU.
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out);
#endif

}  // namespace voxfeat::plugins::ngldm
