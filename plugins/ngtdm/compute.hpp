#pragma once
// CPU compute function of the built-in family "ngtdm" (IBSI IPET).
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::ngtdm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

}  // namespace voxfeat::plugins::ngtdm
