#pragma once
// Neighbourhood directions of the texture families (IBSI 1, section 3.6): the 13 unique 3D direction vectors and
// the 4 unique in-plane ones. A family at Chebyshev distance δ uses each vector multiplied by δ.
#include <array>
#include <span>

namespace voxfeat::kernels::texture {

struct Offset {
  int dx = 0, dy = 0, dz = 0;
  [[nodiscard]] Offset scaled(int delta) const { return {dx * delta, dy * delta, dz * delta}; }
};

/// The 13 unique direction vectors of a 26-neighbourhood (each pair ±m once), in a fixed order: results that
/// average over directions sum in this order.
inline constexpr std::array<Offset, 13> directions_3d{{{1, 0, 0},
                                                       {0, 1, 0},
                                                       {1, 1, 0},
                                                       {1, -1, 0},
                                                       {0, 0, 1},
                                                       {1, 0, 1},
                                                       {1, 0, -1},
                                                       {0, 1, 1},
                                                       {0, 1, -1},
                                                       {1, 1, 1},
                                                       {1, 1, -1},
                                                       {1, -1, 1},
                                                       {1, -1, -1}}};

/// The 4 unique in-plane direction vectors (0°, 45°, 90°, 135°): the first four of directions_3d.
inline std::span<const Offset> directions(bool three_d) {
  return three_d ? std::span<const Offset>(directions_3d) : std::span<const Offset>(directions_3d.data(), 4);
}

}  // namespace voxfeat::kernels::texture
