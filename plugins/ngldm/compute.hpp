#pragma once
// CPU compute function of the built-in family "ngldm" (IBSI REK0).
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::ngldm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

}  // namespace voxfeat::plugins::ngldm
