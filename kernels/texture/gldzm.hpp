#pragma once
// IBSI 1 grey level distance zone matrix (GLDZM, VMDZ): zones of linked same-level voxels (of the intensity mask)
// counted by level and by their distance to the ROI edge (from the morphological mask).
#include <cstdint>
#include <span>

#include "common/views.hpp"
#include "texture/aggregation.hpp"
#include "texture/zone_matrix.hpp"

namespace voxfeat::kernels::texture {

/// The GLDZM of one scope; `distance` is the border_distance map on the scope's grid (same layout as scope.data).
ZoneMatrix gldzm_matrix(const View3<std::int32_t>& scope, const std::uint32_t* distance, bool three_d,
                        int linkage_distance, int level_count);

/// The 16 features (SizeZoneFeature order) under a 2D, 2.5D or 3D aggregation; NaN when the ROI is empty.
/// `morphological_mask` has the grid of `levels` (std::invalid_argument otherwise). The distance map is 3D
/// (6-connected) for the 3D method and per slice (4-connected) for 2D and 2.5D, as IBSI defines. Zones and distances
/// from scope_zones (texture/scope_zones.hpp, which says what memory they take), counted by zone_features.
void gldzm_features(const View3<std::int32_t>& levels, const View3<std::uint8_t>& morphological_mask,
                    int level_count, Aggregation aggregation, int linkage_distance, std::span<double> out);

}  // namespace voxfeat::kernels::texture
