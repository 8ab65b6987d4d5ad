#pragma once
// CPU compute function of the built-in family "glrlm" (IBSI TP0I).
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::glrlm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

}  // namespace voxfeat::plugins::glrlm
