#pragma once
// The zones of every scope a non-directional aggregation counts (the volume for 3D, each ROI slice for 2D and 2.5D),
// labelled once together with each zone's distance to the ROI edge. GLSZM counts them by size and GLDZM by distance:
// labelled once, they serve both families (the engine shares them through RoiContext::shared).
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "texture/aggregation.hpp"
#include "texture/zone_matrix.hpp"
#include "texture/zones.hpp"

namespace voxfeat::kernels::texture {

struct ScopeZones {
  bool three_d = true;
  /// three_d: one list, the volume's zones. Otherwise one list per slice z of the volume (empty without ROI voxels).
  std::vector<std::vector<Zone>> zones;

  /// The zones of `scope`: `levels` itself (three_d) or one of its slices (slice_of), the volume they were
  /// labelled on.
  [[nodiscard]] const std::vector<Zone>& of(const View3<std::int32_t>& levels,
                                            const View3<std::int32_t>& scope) const {
    return zones[three_d ? 0 : std::size_t(scope.data - levels.data) / (levels.extent[0] * levels.extent[1])];
  }
};

/// Whether `aggregation` (one of the non-directional 2D, 2.5D, 3D) counts zones in 3D.
[[nodiscard]] inline bool zones_three_d(Aggregation aggregation) { return aggregation == Aggregation::d3; }

/// The zones (label_zones with linkage distance δ) of the volume (three_d) or of each of its slices. With a
/// morphological mask (its data not null; the grid of `levels`, std::invalid_argument otherwise) each zone carries its
/// distance to the ROI edge (border_distance of the mask: 3D for three_d, per slice otherwise, as IBSI defines for
/// GLDZM); without one, distances are 0. Memory: the distance map takes 4 bytes per voxel of the box in scratch kept
/// between calls (common/scratch_pool.hpp), besides label_zones' scratch.
ScopeZones scope_zones(const View3<std::int32_t>& levels, const View3<std::uint8_t>& morphological_mask,
                       bool three_d, int linkage_distance);

/// The 16 features (SizeZoneFeature order) of the zones counted by size (GLSZM) or distance (GLDZM) under a 2D,
/// 2.5D or 3D aggregation; NaN when the ROI is empty. `zones` were labelled on `levels` for this aggregation
/// (zones_three_d; std::invalid_argument otherwise).
void zone_features(const View3<std::int32_t>& levels, const ScopeZones& zones, int level_count,
                   Aggregation aggregation, ZoneColumn column, std::span<double> out);

}  // namespace voxfeat::kernels::texture
