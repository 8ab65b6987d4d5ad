#include "glszm/compute.hpp"

#include "support/shared_zones.hpp"

namespace voxfeat::plugins::glszm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  // Zones shared with GLDZM (labelled once per ROI), counted by size.
  compute_zone_family(roi, params, aggregation, kernels::texture::ZoneColumn::size, "glszm", out);
}

}  // namespace voxfeat::plugins::glszm
