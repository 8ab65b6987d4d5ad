#include "gldzm/compute.hpp"

#include "support/shared_zones.hpp"

namespace voxfeat::plugins::gldzm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  // Zones shared with GLSZM (labelled once per ROI), counted by distance.
  compute_zone_family(roi, params, aggregation, kernels::texture::ZoneColumn::distance, "gldzm", out);
}

#if VOXFEAT_HAVE_CUDA
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out) {
  compute_zone_family_cuda(roi, params, aggregation, kernels::texture::ZoneColumn::distance, "gldzm", out);
}
#endif

}  // namespace voxfeat::plugins::gldzm
