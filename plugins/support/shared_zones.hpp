#pragma once
// The zones GLSZM and GLDZM count, labelled once per ROI and aggregation scope for both families (RoiContext::shared):
// labelling is most of either family's work. They carry their distances to the ROI edge, which only GLDZM reads;
// GLSZM computed alone thus makes a distance map it does not need, about a third of a labelling.
#include <memory>
#include <string>

#include "support/view_of.hpp"
#include "texture/scope_zones.hpp"
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

}  // namespace voxfeat::plugins
