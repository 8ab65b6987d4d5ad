#pragma once
// The zones GLSZM and GLDZM count, labelled once per ROI and aggregation scope for both families (RoiContext::shared):
// labelling is most of either family's work. They carry their distances to the ROI edge, which only GLDZM reads;
// GLSZM computed alone thus makes a distance map it does not need, about a third of a labelling.
#include <memory>
#include <span>
#include <stdexcept>
#include <string>

#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/scope_zones.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/family.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {

/// The zones of the ROI's grey levels for a 2D, 2.5D or 3D aggregation (2D and 2.5D share the per-slice zones),
/// linked within `linkage_distance`, with each zone's distance to the edge of the morphological mask.
inline std::shared_ptr<const kernels::texture::ScopeZones> shared_zones(const RoiContext& roi,
                                                                       kernels::texture::Aggregation aggregation,
                                                                       int linkage_distance) {
  const bool three_d = kernels::texture::zones_three_d(aggregation);
  const std::string key =
      std::string("texture zones: ") + (three_d ? "3D" : "per slice") + ", linkage distance " +
      std::to_string(linkage_distance);
  return roi.shared<kernels::texture::ScopeZones>(key, [&] {
    return kernels::texture::scope_zones(view_of(roi.discretised().levels), view_of(roi.morphological_mask()),
                                         three_d, linkage_distance);
  });
}

/// The compute function of GLSZM (`column` size) and GLDZM (`column` distance): the shared zones counted into the
/// family's matrix. Zones come from the intensity mask (the levels), distances from the morphological mask (IBSI
/// VMDZ). `family` prefixes error messages.
inline void compute_zone_family(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                                kernels::texture::ZoneColumn column, const char* family, std::span<double> out) {
  // Range checked when the settings were read (ParamSpec minimum/maximum in register.cpp).
  const long long delta = params.integer("linkage_distance");
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel (re-segmentation kept none): every feature stays NaN
  namespace tx = kernels::texture;
  try {
    const tx::Aggregation how = texture_aggregation(aggregation);
    tx::zone_features(view_of(d.levels), *shared_zones(roi, how, static_cast<int>(delta)), d.level_count, how,
                      column, out);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string(family) + ": " + e.what());
  }
}

}  // namespace voxfeat::plugins
