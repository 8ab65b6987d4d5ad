#pragma once
// Zones of linked voxels (IBSI 1, GLSZM 9SAK and GLDZM VMDZ): maximal groups of voxels with the same grey level,
// linked when within Chebyshev distance δ (δ = 1: 26-connectivity in 3D, 8-connectivity in the plane). One
// labelling kernel for both families and for 2D and 3D; and the GLDZM distance-to-border map.
#include <cstdint>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::kernels::texture {

struct Zone {
  std::int32_t level = 0;      ///< grey level, ≥ 1
  std::uint32_t size = 0;      ///< voxels
  std::uint32_t distance = 0;  ///< minimum of the distance map over the zone's voxels (0 without a map)
};

/// The zones of the voxels with level > 0 in `scope` (a whole volume, or one slice with extent[2] == 1). `three_d`
/// links across slices; `linkage_distance` is δ in 1..5. `distance`, when not null, is a map on the scope's grid
/// whose minimum over each zone is reported. Zones come in the order of their first voxel (x fastest), so the
/// result is the same for any thread count. Linear time: two-pass labelling of voxels with union–find on a flat
/// label array (roots are each zone's first voxel, so any union order gives the same labels), in parallel over
/// z-slabs, then joined across slab borders; for δ = 1 a voxel's 13 (3D) or 4 (2D) backward neighbours are compared
/// branch-free into a mask and one find is made per group of adjacent matching neighbours. Zone sizes (and minimum
/// distances) are kept at the roots by the unions, so collecting is a parallel scan for roots, concatenated in slab
/// order. Memory: 8 bytes (12 with `distance`) per voxel of the scope's box, in scratch kept between calls
/// (common/scratch_pool.hpp: a buffer per concurrent call, grown to the largest box it served), plus the 12 bytes
/// per zone returned.
/// The largest linkage distance δ the labelling supports (its neighbour tables).
inline constexpr int max_linkage_distance = 5;

/// Throws std::invalid_argument for δ outside 1..max_linkage_distance or a scope of 2^32 voxels or more.
std::vector<Zone> label_zones(const View3<std::int32_t>& scope, bool three_d, int linkage_distance,
                              const std::uint32_t* distance = nullptr);

/// GLDZM distance map (IBSI 1, VMDZ "distance to ROI edge"): for each voxel of `mask` (non-zero) the minimum number
/// of 6-connected (three_d) or in-plane 4-connected steps to a voxel outside the mask, where everything outside
/// the grid is outside the mask; so voxels on the ROI edge have distance 1, as in IBSI's iterative erosion. 0
/// outside the mask. With three_d = false every slice is its own 2D map. Exact city-block distance, computed
/// separably (along x from the mask's runs, then a forward and a backward pass per other axis), linear time,
/// parallel over slices and lines.
std::vector<std::uint32_t> border_distance(const View3<std::uint8_t>& mask, bool three_d);

/// The same map written to `out` (mask.voxel_count() entries, every one written), for callers that reuse a buffer.
void border_distance(const View3<std::uint8_t>& mask, bool three_d, std::uint32_t* out);

}  // namespace voxfeat::kernels::texture
