#include "glszm/compute.hpp"

#include "support/shared_zones.hpp"

namespace voxfeat::plugins::glszm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  // Zones shared with GLDZM (labelled once per ROI), counted by size.
  compute_zone_family(roi, params, aggregation, kernels::texture::ZoneColumn::size, "glszm", out);
}

#if VOXFEAT_HAVE_CUDA
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out) {
  compute_zone_family_cuda(roi, params, aggregation, kernels::texture::ZoneColumn::size, "glszm", out);
}
#endif

}  // namespace voxfeat::plugins::glszm
