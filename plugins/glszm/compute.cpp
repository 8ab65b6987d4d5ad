#include "glszm/compute.hpp"

#include <stdexcept>
#include <string>

#include "support/shared_zones.hpp"
#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/scope_zones.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins::glszm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  // Range checked when the settings were read (ParamSpec minimum/maximum in register.cpp).
  const long long delta = params.integer("linkage_distance");
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count == 0) return;  // empty intensity mask (re-segmentation kept nothing): every output stays NaN
  if (d.level_count < 1) return;  // no ROI voxel: every feature stays NaN
  namespace tx = kernels::texture;
  try {
    // Zones shared with GLDZM (labelled once per ROI), counted by size.
    const tx::Aggregation how = texture_aggregation(aggregation);
    tx::zone_features(view_of(d.levels), *shared_zones(roi, how, static_cast<int>(delta)), d.level_count, how,
                      tx::ZoneColumn::size, out);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("glszm: ") + e.what());
  }
}

}  // namespace voxfeat::plugins::glszm
