#pragma once
// CPU compute function of the built-in family "local_intensity" (IBSI 9ST6).
#include <cstddef>
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::local_intensity {

/// Output slots, in the order of the family's outputs.
enum Output : std::size_t { peak_local, peak_global, output_count };

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

}  // namespace voxfeat::plugins::local_intensity
