#include "gldzm/compute.hpp"

#include <stdexcept>
#include <string>

#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/gldzm.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins::gldzm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  // Range checked when the settings were read (ParamSpec minimum/maximum in register.cpp).
  const long long delta = params.integer("linkage_distance");
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count == 0) return;  // empty intensity mask (re-segmentation kept nothing): every output stays NaN
  if (d.level_count < 1) return;  // no ROI voxel: every feature stays NaN
  try {
    // Zones from the intensity mask (the levels), distances from the morphological mask (IBSI VMDZ).
    kernels::texture::gldzm_features(view_of(d.levels), view_of(roi.morphological_mask()), d.level_count,
                                     texture_aggregation(aggregation), static_cast<int>(delta), out);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("gldzm: ") + e.what());
  }
}

}  // namespace voxfeat::plugins::gldzm
