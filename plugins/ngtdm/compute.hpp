#pragma once
// Compute functions of the built-in family "ngtdm" (IBSI IPET): the CPU's, and with CUDA the GPU's, which builds the
// same matrices on the device (cuda/ngtdm.hpp: its s_i sums within cuda::ngtdm_sum_tolerance of the CPU's, its counts exactly) and computes the same features from them.
#include <span>
#include <vector>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::ngtdm {

/// The family's outputs (also the per-object texture family's: plugins/microscopy_texture).
std::vector<OutputSpec> outputs();

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

#if VOXFEAT_HAVE_CUDA
/// compute_cpu with the matrices built on the GPU (device roi.execution().device); a scope the GPU refuses (too many
/// grey levels for its table) is built on the CPU.
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out);
#endif

}  // namespace voxfeat::plugins::ngtdm
