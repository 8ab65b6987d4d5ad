#pragma once
// The neighbour offsets ("angles") of PyRadiomics' texture classes (radiomics/src/cmatrices.c, get_angle_count and
// build_angles), in PyRadiomics' order, so that per-angle matrices line up with its .npy baselines: every offset
// whose infinity norm is one of the distances, offsets running from +max to −max with x fastest, z slowest
// (numpy's order z, y, x). One of each ± pair unless bidirectional (the first of the pair comes first).
#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace voxfeat::kernels::pyradiomics {

struct Offset {
  int dx = 0, dy = 0, dz = 0;
  friend bool operator==(const Offset&, const Offset&) = default;
};

/// No out-of-plane dimension (3D neighbours).
inline constexpr int no_force2d = -1;

/// Offsets for a region of `extent` voxels (x, y, z; PyRadiomics uses the mask's bounding box): an offset reaching
/// beyond the extent in some axis is left out. `force2d_dimension` is the axis that stays 0 in numpy's order
/// (0 = z, 1 = y, 2 = x), or no_force2d. Distances must be >= 1.
std::vector<Offset> angles(std::array<std::size_t, 3> extent, std::span<const int> distances,
                           int force2d_dimension, bool bidirectional);

}  // namespace voxfeat::kernels::pyradiomics
