#pragma once
// Compute functions of the built-in family "glcm" (IBSI LFYI): the CPU's, and with CUDA the GPU's, which counts the
// same matrices on the device (cuda/glcm.hpp, bit-identical) and computes the same features from them.
#include <span>
#include <vector>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::glcm {

/// The family's outputs (also the per-object texture family's: plugins/microscopy_texture).
std::vector<OutputSpec> outputs();

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

#if VOXFEAT_HAVE_CUDA
/// compute_cpu with the matrices counted on the GPU (device roi.execution().device); a scope whose dense counts
/// would not fit the GPU's cap (cuda::glcm_fits_gpu: many grey levels) is counted on the CPU.
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out);
#endif

}  // namespace voxfeat::plugins::glcm
