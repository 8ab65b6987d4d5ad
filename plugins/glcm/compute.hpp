#pragma once
// CPU compute function of the built-in family "glcm" (IBSI LFYI).
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::glcm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

}  // namespace voxfeat::plugins::glcm
