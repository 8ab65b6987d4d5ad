#pragma once
// IBSI 1 grey level size zone matrix (GLSZM, 9SAK): zones of linked same-level voxels counted by level and size.
#include <cstdint>
#include <span>

#include "common/views.hpp"
#include "texture/aggregation.hpp"
#include "texture/zone_matrix.hpp"

namespace voxfeat::kernels::texture {

/// The GLSZM of one scope (volume, or one slice with three_d = false); N_v = the scope's ROI voxels.
ZoneMatrix glszm_matrix(const View3<std::int32_t>& scope, bool three_d, int linkage_distance, int level_count);

/// The 16 features (SizeZoneFeature order) under a 2D, 2.5D or 3D aggregation; NaN when the ROI is empty.
void glszm_features(const View3<std::int32_t>& levels, int level_count, Aggregation aggregation,
                    int linkage_distance, std::span<double> out);

}  // namespace voxfeat::kernels::texture
