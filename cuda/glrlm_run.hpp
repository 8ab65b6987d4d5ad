#pragma once
// The per-voxel logic of the GPU GLRLM (cuda/glrlm.cu), kept apart from the kernel so that g++ compiles it too: the
// host tests run it over whole volumes, exactly as the kernel's threads walk them, and compare the result with
// kernels::texture::glrlm_matrix_reference. No CUDA header here. Coordinates and the grid-stride walk are the GPU
// GLCM's (glcm_pair.hpp: GridCoord, grid_coord, grid_advance, kGlcmMaxExtent).
#include <array>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "glcm_pair.hpp"
#include "texture/directions.hpp"

namespace voxfeat::cuda {

/// One unit direction, prepared on the host: its components, the linear-index step of one voxel along it, and the
/// longest run the volume allows along it (nr, the CPU's column count: the smallest extent of an axis it moves on).
struct GlrlmStep {
  int dx = 0, dy = 0, dz = 0;
  long long step = 0;
  int nr = 0;
};

/// Host only. `d` a unit direction (components in −1..1, not all 0) and `extent` each in 1..kGlcmMaxExtent (the
/// caller checks both).
inline GlrlmStep glrlm_step(kernels::texture::Offset d, const std::array<std::size_t, 3>& extent) {
  const int comp[3] = {d.dx, d.dy, d.dz};
  std::size_t nr = kGlcmMaxExtent;
  for (int axis = 0; axis < 3; ++axis)
    if (comp[axis] != 0 && extent[std::size_t(axis)] < nr) nr = extent[std::size_t(axis)];
  const long long ex = static_cast<long long>(extent[0]), ey = static_cast<long long>(extent[1]);
  return {d.dx, d.dy, d.dz, d.dx + ex * (d.dy + ey * d.dz), int(nr)};
}

/// Steps from coordinate c (in 0..e − 1) along component d before leaving [0, e); "unlimited" when d = 0.
VOXFEAT_HD inline int glrlm_steps_left(int c, int e, int d) { return d > 0 ? e - 1 - c : d < 0 ? c : 0x7fffffff; }

/// Whether c − d lies in [0, e).
VOXFEAT_HD inline bool glrlm_has_predecessor(int c, int e, int d) {
  return d > 0 ? c >= 1 : d < 0 ? c + 1 < e : true;
}

/// The GLRLM cell ((a − 1) · width + length − 1) of the run that starts at voxel v = levels[i] (level a, coordinates
/// c inside the ex × ey × ez volume), or −1 when v starts no run: v outside the ROI, or its predecessor v − d inside
/// the volume with the same level. A start walks forward along d to the run's end (the volume's border, a voxel
/// outside the ROI or of another level): each ROI voxel is read once as a candidate and once in its run. Levels
/// outside 1..ng count as outside the ROI, so a bad level can never index past the counts (the host wrapper refuses
/// such levels before it copies anything). Needs width ≥ s.nr.
VOXFEAT_HD inline int glrlm_run_cell(const std::int32_t* levels, unsigned long long i, GridCoord c, std::int32_t a,
                                     const GlrlmStep& s, int ex, int ey, int ez, int ng, int width) {
  if (static_cast<unsigned>(a) - 1u >= static_cast<unsigned>(ng)) return -1;  // unsigned: INT_MIN cannot overflow
  const long long i0 = static_cast<long long>(i);  // i < 2^62 (glrlm.cu refuses larger volumes)
  if (glrlm_has_predecessor(c.x, ex, s.dx) && glrlm_has_predecessor(c.y, ey, s.dy) &&
      glrlm_has_predecessor(c.z, ez, s.dz) && levels[i0 - s.step] == a)
    return -1;
  int steps = glrlm_steps_left(c.x, ex, s.dx);
  const int sy = glrlm_steps_left(c.y, ey, s.dy), sz = glrlm_steps_left(c.z, ez, s.dz);
  steps = sy < steps ? sy : steps;
  steps = sz < steps ? sz : steps;  // < nr: a unit direction moves on at least one axis
  int length = 1;
  for (long long j = i0 + s.step; length <= steps && levels[j] == a; j += s.step) ++length;
  return (a - 1) * width + (length - 1);
}

}  // namespace voxfeat::cuda
