#pragma once
// CPU compute function of the built-in family "gldzm" (IBSI VMDZ). Outputs are in the order of
// kernels::texture::SizeZoneFeature.
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::gldzm {

/// The linkage distance parameter, checked (ConfigError outside 1..max_linkage_distance).
inline constexpr long long max_linkage_distance = 5;

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out);

}  // namespace voxfeat::plugins::gldzm
