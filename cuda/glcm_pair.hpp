#pragma once
// The per-voxel logic of the GPU GLCM (cuda/glcm.cu), kept apart from the kernel so that g++ compiles it too: the
// host tests run it over whole volumes, exactly as the kernel's threads walk them, and compare the result with
// kernels::texture::glcm_matrix_reference. No CUDA header here.
#include <array>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "texture/directions.hpp"

namespace voxfeat::cuda {

/// Largest extent along one axis: voxel coordinates, and a coordinate plus one grid stride, stay within int.
inline constexpr std::size_t kGlcmMaxExtent = std::size_t(1) << 30;

/// A voxel's coordinates (x fastest). Past the end of the volume z ≥ extent z; x and y always lie inside.
struct GridCoord {
  int x = 0, y = 0, z = 0;
};

/// One offset, prepared on the host: the voxels v with v and v + offset both inside the volume have
/// lo ≤ coordinate < lo + span on every axis (span 0: the offset leaves the volume from every voxel), and the
/// neighbour's linear index is v's plus `step`.
struct GlcmStep {
  int x_lo = 0, x_span = 0, y_lo = 0, y_span = 0, z_lo = 0, z_span = 0;
  long long step = 0;
};

/// One scope of a launch, as the kernel walks it: a dense ex × ey × ez block of levels starting at `begin` in the
/// launch's level buffer, whose voxels with z in [z_lo, z_hi) are pair origins (their neighbours may lie anywhere in
/// the block), counted into output matrices `slot`. A whole scope is {begin, ex, ey, ez, 0, ez, slot}; a slab of a
/// volume streamed through the GPU carries its neighbours' planes as a halo outside [z_lo, z_hi), and every slab of
/// one volume counts into the same slot, so that each pair is counted once, by the slab holding its origin.
struct GlcmScope {
  unsigned long long begin = 0;
  int ex = 0, ey = 0, ez = 0;
  int z_lo = 0, z_hi = 0;
  int slot = 0;
};

/// The step of `offset` in `scope`: origins v with v and v + offset inside the block and v.z in [z_lo, z_hi).
/// Extents at most kGlcmMaxExtent (the callers check), so every value below fits its type.
VOXFEAT_HD inline GlcmStep glcm_scope_step(kernels::texture::Offset offset, const GlcmScope& scope) {
  const int d[3] = {offset.dx, offset.dy, offset.dz};
  const long long e[3] = {scope.ex, scope.ey, scope.ez};
  long long lo[3] = {0, 0, 0}, span[3] = {0, 0, 0};
  for (int axis = 0; axis < 3; ++axis) {
    const long long dd = d[axis];
    const long long shift = dd < 0 ? -dd : dd;  // d is an int: no overflow in long long
    if (shift >= e[axis]) return {};            // the offset leaves the block from every voxel
    lo[axis] = dd < 0 ? shift : 0;
    span[axis] = e[axis] - shift;
  }
  // Origins restricted to the scope's own planes.
  const long long z_first = lo[2] > scope.z_lo ? lo[2] : scope.z_lo;
  const long long z_end = lo[2] + span[2] < scope.z_hi ? lo[2] + span[2] : scope.z_hi;
  if (z_end <= z_first) return {};
  lo[2] = z_first;
  span[2] = z_end - z_first;
  const long long ex = e[0], ey = e[1];
  return {int(lo[0]), int(span[0]), int(lo[1]), int(span[1]), int(lo[2]), int(span[2]), d[0] + ex * (d[1] + ey * d[2])};
}

/// The whole-volume scope of `extent` (each at most kGlcmMaxExtent), counted into slot 0.
inline GlcmScope whole_scope(const std::array<std::size_t, 3>& extent) {
  return {0, int(extent[0]), int(extent[1]), int(extent[2]), 0, int(extent[2]), 0};
}

/// Host only. `extent` each at most kGlcmMaxExtent (the caller checks).
inline GlcmStep glcm_step(kernels::texture::Offset offset, const std::array<std::size_t, 3>& extent) {
  return glcm_scope_step(offset, whole_scope(extent));
}

/// Coordinates of linear index i in a volume ex × ey × (anything): two divisions, once per thread.
VOXFEAT_HD inline GridCoord grid_coord(unsigned long long i, int ex, int ey) {
  const unsigned long long row = i / static_cast<unsigned long long>(ex);
  return {int(i - row * static_cast<unsigned long long>(ex)), int(row % static_cast<unsigned long long>(ey)),
          int(row / static_cast<unsigned long long>(ey))};
}

/// Moves `c` on by a linear distance whose coordinates are `step` (grid_coord of the distance): the grid-stride
/// loop's next voxel without a division. Needs c.x, step.x < ex and c.y, step.y < ey (always true of grid_coord's).
VOXFEAT_HD inline void grid_advance(GridCoord& c, GridCoord step, int ex, int ey) {
  c.x += step.x;
  const int carry_x = c.x >= ex ? 1 : 0;
  c.x -= carry_x * ex;
  c.y += step.y + carry_x;
  const int carry_y = c.y >= ey ? 1 : 0;
  c.y -= carry_y * ey;
  c.z += step.z + carry_y;
}

/// The GLCM cell (row-major in ng × ng: (a − 1) · ng + (b − 1)) of the pair (v, v + offset), or −1 when there is no
/// pair: v outside the ROI, its neighbour outside the volume or outside the ROI. `a` is the level of v = levels[i]
/// at coordinates c. Levels outside 1..ng count as outside the ROI, so that a bad level can never index past the
/// counts (the host wrapper refuses such levels before it copies anything).
VOXFEAT_HD inline int glcm_cell(const std::int32_t* levels, unsigned long long i, GridCoord c, std::int32_t a,
                                const GlcmStep& s, int ng) {
  if (static_cast<unsigned>(a) - 1u >= static_cast<unsigned>(ng)) return -1;  // unsigned: INT_MIN cannot overflow
  if (static_cast<unsigned>(c.x - s.x_lo) >= static_cast<unsigned>(s.x_span) ||
      static_cast<unsigned>(c.y - s.y_lo) >= static_cast<unsigned>(s.y_span) ||
      static_cast<unsigned>(c.z - s.z_lo) >= static_cast<unsigned>(s.z_span))
    return -1;
  const std::int32_t b = levels[i + static_cast<unsigned long long>(s.step)];  // modular: a negative step works
  if (static_cast<unsigned>(b) - 1u >= static_cast<unsigned>(ng)) return -1;
  return (a - 1) * ng + (b - 1);
}

/// The cell of the transposed pair: (row, col) → (col, row).
VOXFEAT_HD inline int glcm_transposed_cell(int cell, int ng) { return (cell % ng) * ng + cell / ng; }

/// Count of `cell` in the symmetric matrix M + Mᵀ (IBSI's GLCM), from the counts of M: the diagonal doubles, as
/// counting both (a, b) and (b, a) of every pair does.
VOXFEAT_HD inline unsigned long long glcm_symmetric_count(const std::uint32_t* counts, int cell, int ng) {
  return static_cast<unsigned long long>(counts[cell]) + counts[glcm_transposed_cell(cell, ng)];
}

}  // namespace voxfeat::cuda
