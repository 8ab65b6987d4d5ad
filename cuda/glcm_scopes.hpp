#pragma once
// How the GPU GLCM lays out its scopes (cuda/glcm.cu), kept apart from the kernel so that g++ compiles it too and the
// host tests check it: many small scopes packed into one launch, and one large volume cut into slabs with halos that
// stream through a bounded amount of device memory. No CUDA header here.
#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "glcm_pair.hpp"

namespace voxfeat::cuda {

/// Scopes of `extents` packed one after another in one level buffer (begin = running voxel count), each counted
/// whole into its own slot (its index).
inline std::vector<GlcmScope> pack_scopes(std::span<const std::array<std::size_t, 3>> extents) {
  std::vector<GlcmScope> out;
  out.reserve(extents.size());
  unsigned long long begin = 0;
  for (std::size_t s = 0; s < extents.size(); ++s) {
    GlcmScope scope = whole_scope(extents[s]);
    scope.begin = begin;
    scope.slot = int(s);
    out.push_back(scope);
    begin += extents[s][0] * extents[s][1] * extents[s][2];
  }
  return out;
}

/// One slab of a streamed volume: planes [first_plane, first_plane + planes) go to the device (the slab's origin
/// planes with up to `halo` planes on each side), and `scope` (begin 0, slot 0) walks them.
struct Slab {
  std::size_t first_plane = 0, planes = 0;
  GlcmScope scope;
};

/// The slabs of a volume of `extent`, at most `depth` (≥ 1) origin planes each, with `halo` neighbour planes on each
/// side where the volume has them: every plane is the origin of exactly one slab, and every neighbour an offset of
/// |dz| ≤ halo reaches from an origin lies in that origin's slab.
inline std::vector<Slab> plan_slabs(const std::array<std::size_t, 3>& extent, std::size_t halo, std::size_t depth) {
  std::vector<Slab> out;
  const std::size_t ez = extent[2];
  for (std::size_t z0 = 0; z0 < ez; z0 += depth) {
    const std::size_t z1 = std::min(ez, z0 + depth);
    const std::size_t lo = z0 > halo ? z0 - halo : 0;
    const std::size_t hi = std::min(ez, z1 + halo);
    Slab slab{lo, hi - lo, {}};
    slab.scope = {0, int(extent[0]), int(extent[1]), int(hi - lo), int(z0 - lo), int(z1 - lo), 0};
    out.push_back(slab);
  }
  return out;
}

/// The largest |dz| of `offsets`: the halo a slab needs.
inline std::size_t slab_halo(std::span<const kernels::texture::Offset> offsets) {
  std::size_t halo = 0;
  for (const auto& o : offsets) halo = std::max<std::size_t>(halo, std::size_t(o.dz < 0 ? -(long long)o.dz : o.dz));
  return halo;
}

}  // namespace voxfeat::cuda
