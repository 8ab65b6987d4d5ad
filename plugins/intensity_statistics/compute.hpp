#pragma once
// CPU compute function of the built-in family "intensity_statistics" (IBSI UHIW).
#include <cstddef>
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::intensity_statistics {

/// Output slots, in the order of the family's outputs.
enum Output : std::size_t {
  mean,
  variance,
  skewness,
  kurtosis,
  median,
  minimum,
  p10,
  p90,
  maximum,
  interquartile_range,
  range,
  mean_absolute_deviation,
  robust_mean_absolute_deviation,
  median_absolute_deviation,
  coefficient_of_variation,
  quartile_coefficient_of_dispersion,
  energy,
  root_mean_square,
  output_count
};

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

}  // namespace voxfeat::plugins::intensity_statistics
