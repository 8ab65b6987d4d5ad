#pragma once
// CPU compute function of the built-in family "intensity_volume_histogram" (IBSI P88C).
#include <cstddef>
#include <span>

#include "intensity/intensity_volume_histogram.hpp"
#include "voxfeat/family.hpp"

namespace voxfeat::plugins::intensity_volume_histogram {

/// Output slots, in the order of the family's outputs.
enum Output : std::size_t { v10, v90, i10, i90, v10_v90, i10_i90, area_under_curve, output_count };

/// The kernel settings from the family parameters; throws ConfigError naming the bad parameter.
kernels::IvhSettings ivh_settings(const ParamValues& params);

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

}  // namespace voxfeat::plugins::intensity_volume_histogram
