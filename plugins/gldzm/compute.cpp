#include "gldzm/compute.hpp"

#include "support/shared_zones.hpp"

namespace voxfeat::plugins::gldzm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  // Zones shared with GLSZM (labelled once per ROI), counted by distance.
  compute_zone_family(roi, params, aggregation, kernels::texture::ZoneColumn::distance, "gldzm", out);
}

}  // namespace voxfeat::plugins::gldzm
