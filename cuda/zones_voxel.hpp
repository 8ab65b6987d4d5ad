#pragma once
// The per-voxel logic of the GPU zones (cuda/zones.cu), kept apart from the kernels so that g++ compiles it too: the
// host tests run it over whole volumes and compare the zones with kernels::texture::label_zones. No CUDA header here.
//
// Labelling is a parallel union–find on a flat parent array (Playne & Hawick 2018, "A new algorithm for parallel
// connected-component labelling on GPUs"): parent[i] = i at first; every ROI voxel unites itself with each of its
// backward same-level neighbours within Chebyshev δ; links only ever lower a parent (atomicMin), so parent[i] ≤ i
// always, and each zone's root ends as its smallest voxel index: its first voxel, the CPU's root.
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"

namespace voxfeat::cuda {

using ZoneLabel = std::uint32_t;

/// The scope's grid and linkage: extents each below 2^31 and a product below 2^32 - 1 (the host checks).
struct ZoneGrid {
  int ex = 0, ey = 0, ez = 0;
  bool three_d = true;
  int delta = 1;  ///< Chebyshev linkage distance δ, 1..kernels::texture::max_linkage_distance
};

/// A parent read that sees other threads' atomics: through L2 on the device (L1 is not coherent), plain on the host.
VOXFEAT_HD inline ZoneLabel zone_load(const ZoneLabel* p) {
#if defined(__CUDA_ARCH__)
  return __ldcg(p);
#else
  return *p;
#endif
}

/// atomicMin on the device; on the host (the tests run the logic sequentially) a plain min. Returns the old value.
VOXFEAT_HD inline ZoneLabel zone_atomic_min(ZoneLabel* p, ZoneLabel v) {
#if defined(__CUDA_ARCH__)
  return atomicMin(p, v);
#else
  const ZoneLabel old = *p;
  if (v < old) *p = v;
  return old;
#endif
}

/// The root of x: read-only (no compression while unions run), so it cannot undo a concurrent link. Terminates:
/// parents strictly decrease along the path until a fixed point.
VOXFEAT_HD inline ZoneLabel zone_find(const ZoneLabel* parent, ZoneLabel x) {
  for (ZoneLabel p = zone_load(parent + x); p != x; p = zone_load(parent + x)) x = p;
  return x;
}

/// Joins the trees of a and b, lock-free under concurrent unions: the larger root is linked under the smaller by
/// atomicMin. If the larger stopped being a root in between (old ≠ it), atomicMin may have replaced its link to
/// `old` by the smaller root, so the loop goes on joining the smaller root with `old`: no link is lost. Every
/// iteration either ends or lowers one of the two (old < previous), so it runs at most a + b times.
VOXFEAT_HD inline void zone_unite(ZoneLabel* parent, ZoneLabel a, ZoneLabel b) {
  for (;;) {
    a = zone_find(parent, a);
    b = zone_find(parent, b);
    if (a == b) return;
    const ZoneLabel lo = a < b ? a : b, hi = a < b ? b : a;
    const ZoneLabel old = zone_atomic_min(parent + hi, lo);
    if (old == hi) return;
    a = lo;
    b = old;
  }
}

/// Unites voxel i = (x, y, z) of level c > 0 with every backward neighbour of the same level: (dx, dy, dz) within
/// Chebyshev δ that comes earlier in storage order (dz < 0; dz = 0 and dy < 0; dz = dy = 0 and dx < 0), inside the
/// grid, in the same slice unless three_d. Linking each voxel to its backward half links every pair once.
VOXFEAT_HD inline void zone_link_voxel(const std::int32_t* levels, ZoneLabel* parent, const ZoneGrid& g,
                                       unsigned long long i, int x, int y, int z, std::int32_t c) {
  const int d = g.delta;
  const long long ex = g.ex, plane = static_cast<long long>(g.ex) * g.ey;
  const int dz_lo = g.three_d ? (z < d ? -z : -d) : 0;
  for (int dz = dz_lo; dz <= 0; ++dz) {
    const int dy_lo = y < d ? -y : -d;
    const int dy_hi = dz < 0 ? (g.ey - 1 - y < d ? g.ey - 1 - y : d) : 0;
    for (int dy = dy_lo; dy <= dy_hi; ++dy) {
      const int dx_lo = x < d ? -x : -d;
      const int dx_hi = dz < 0 || dy < 0 ? (g.ex - 1 - x < d ? g.ex - 1 - x : d) : -1;
      const long long row = static_cast<long long>(i) + dy * ex + dz * plane;  // ≥ 0: (x, y + dy, z + dz) is inside
      for (int dx = dx_lo; dx <= dx_hi; ++dx) {
        const unsigned long long j = static_cast<unsigned long long>(row + dx);
        if (levels[j] == c) zone_unite(parent, ZoneLabel(i), ZoneLabel(j));
      }
    }
  }
}

// ---- distance to the ROI edge (kernels::texture::border_distance, IBSI VMDZ) ---------------------------------------
// The exact city-block distance to the nearest voxel outside the morphological mask (outside the grid counts as
// outside), separably: along x from the mask's runs, then a forward and a backward relaxation along y, then along z
// (3D only), each line by one thread. Values stay ≤ the sum of the extents, so prev + 1 cannot overflow.

/// One line of the map: `length` voxels from `start`, `stride` apart.
struct DistanceLine {
  unsigned long long start = 0, stride = 1;
  int length = 0;
};

/// Line `l` along `axis` (0: x, 1: y, 2: z) of the grid; lines along x number ey · ez, along y ex · ez, along z
/// ex · ey.
VOXFEAT_HD inline DistanceLine distance_line(int axis, unsigned long long l, const ZoneGrid& g) {
  const unsigned long long ex = static_cast<unsigned long long>(g.ex),
                           plane = ex * static_cast<unsigned long long>(g.ey);
  if (axis == 0) return {l * ex, 1, g.ex};
  if (axis == 1) return {(l / ex) * plane + l % ex, ex, g.ey};
  return {l, plane, g.ez};
}

/// Along x: d = distance to the nearest non-mask voxel (or the grid's end) within the line, both ways.
VOXFEAT_HD inline void distance_from_mask_runs(const std::uint8_t* mask, std::uint32_t* d, DistanceLine line) {
  std::uint32_t run = 0;
  for (int k = 0; k < line.length; ++k) {
    const unsigned long long i = line.start + static_cast<unsigned long long>(k) * line.stride;
    run = mask[i] != 0 ? run + 1 : 0u;
    d[i] = run;
  }
  std::uint32_t next = 0;
  for (int k = line.length - 1; k >= 0; --k) {
    const unsigned long long i = line.start + static_cast<unsigned long long>(k) * line.stride;
    next = d[i] < next + 1 ? d[i] : next + 1;
    d[i] = next;
  }
}

/// Along y or z: d = min(d, neighbour + 1) forward then backward, with a 0 just beyond each end of the line.
VOXFEAT_HD inline void distance_relax(std::uint32_t* d, DistanceLine line) {
  std::uint32_t prev = 0;
  for (int k = 0; k < line.length; ++k) {
    const unsigned long long i = line.start + static_cast<unsigned long long>(k) * line.stride;
    prev = d[i] < prev + 1 ? d[i] : prev + 1;
    d[i] = prev;
  }
  prev = 0;
  for (int k = line.length - 1; k >= 0; --k) {
    const unsigned long long i = line.start + static_cast<unsigned long long>(k) * line.stride;
    prev = d[i] < prev + 1 ? d[i] : prev + 1;
    d[i] = prev;
  }
}

}  // namespace voxfeat::cuda
