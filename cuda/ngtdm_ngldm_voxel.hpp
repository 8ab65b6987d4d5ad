#pragma once
// What one GPU thread computes for its voxel in cuda/ngtdm.cu (IBSI IPET) and cuda/ngldm.cu (IBSI REK0), written once
// for nvcc and g++ (VOXFEAT_HD) so that the host tests run this very code over whole volumes against the CPU builders
// (kernels/texture/ngtdm.hpp, ngldm.hpp). Also the limits and the table layout both GPU builders share.
//
// Both GPU builders count voxels into a dense table of Ng rows (grey level i − 1) by C columns:
//   NGLDM: column j − 1 for dependence j (1..(2δ+1)^d, the centre included): the matrix itself.
//   NGTDM: column W − 1 for W ROI neighbours (1..(2δ+1)^d − 1), with a second table holding, per cell, the integer
//          sum of |i·W − S| (S: the sum of the neighbours' levels). s_i = Σ_W table[i][W] / W, so every per-voxel
//          quantity is an exact integer and s_i is rounded only C times, in a fixed order: the GPU's s_i is the same
//          for any grid, block order or device, and within (C + 2)·2^-53 relative of the exact value.
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"

namespace voxfeat::cuda {

/// Largest Ng the GPU builders take; larger inputs are refused (std::invalid_argument) and belong to the CPU builders.
inline constexpr int kNeighbourhoodMaxLevels = 1 << 16;
/// Largest table: Ng × C cells, 128 MiB of 64-bit counts (NGTDM twice that, with its numerators). It also bounds
/// every per-voxel integer: Σ levels and |i·W − S| stay within 2^24, so a warp's 32 numerators add up exactly in
/// 32 bits.
inline constexpr std::int64_t kNeighbourhoodMaxCells = std::int64_t(1) << 24;
/// Largest per-block table kept in shared memory: the 48 KiB a block gets without opting in.
inline constexpr std::size_t kNeighbourhoodSharedBytes = 48 * 1024;

/// Where each block counts. Automatic: shared memory when the table fits kNeighbourhoodSharedBytes, else global
/// memory. The other two exist so that tests and benchmarks can hold both paths to the CPU builders.
enum class TablePath { automatic, shared_memory, global_memory };

/// A dense level volume (x fastest; 0 outside the ROI, 1..Ng inside) and its Chebyshev neighbourhood: distance δ,
/// in-plane (`three_d` false) or 3D. `levels` is host or device memory, wherever the caller runs.
struct NeighbourhoodGrid {
  const std::int32_t* levels = nullptr;
  std::int64_t ex = 0, ey = 0, ez = 0;
  int delta = 1;
  bool three_d = true;
};

/// (2δ+1)^d: the voxels of a neighbourhood, centre included.
VOXFEAT_HD constexpr std::int64_t neighbourhood_voxels(bool three_d, int delta) {
  const std::int64_t side = 2 * std::int64_t(delta) + 1;
  return three_d ? side * side * side : side * side;
}
VOXFEAT_HD constexpr std::int64_t ngldm_columns(bool three_d, int delta) {
  return neighbourhood_voxels(three_d, delta);
}
VOXFEAT_HD constexpr std::int64_t ngtdm_columns(bool three_d, int delta) {
  return neighbourhood_voxels(three_d, delta) - 1;
}

/// Bytes of a block's shared-memory table: 64-bit numerators (NGTDM only) for the Ng × C cells, then 32-bit counts
/// for the cells and the slot of levels outside 0..Ng.
constexpr std::size_t table_shared_bytes(std::int64_t cells, bool numerators) {
  return std::size_t(cells + 1) * sizeof(std::uint32_t) + (numerators ? std::size_t(cells) * sizeof(std::uint64_t) : 0);
}

/// Row-major cell of grey level `level` (≥ 1) and 1-based column `column`.
VOXFEAT_HD constexpr std::int64_t level_cell(std::int32_t level, std::int64_t column, std::int64_t columns) {
  return (std::int64_t(level) - 1) * columns + (column - 1);
}

/// A level read; on the device through the read-only cache (the levels never change during a kernel).
VOXFEAT_HD inline std::int32_t load_level(const std::int32_t* p) {
#if defined(__CUDA_ARCH__)
  return __ldg(p);
#else
  return *p;
#endif
}

/// Calls add(v) with the level v of every voxel of the volume within Chebyshev distance δ of (x, y, z), the centre
/// included. The box is clipped to the volume once, so no neighbour is read outside it and the loops need no test.
template <class Add>
VOXFEAT_HD void visit_neighbourhood(const NeighbourhoodGrid& g, std::int64_t x, std::int64_t y, std::int64_t z,
                                    Add& add) {
  const std::int64_t d = g.delta, dz = g.three_d ? d : 0;
  const std::int64_t x0 = x > d ? x - d : 0, x1 = x + d < g.ex ? x + d : g.ex - 1;
  const std::int64_t y0 = y > d ? y - d : 0, y1 = y + d < g.ey ? y + d : g.ey - 1;
  const std::int64_t z0 = z > dz ? z - dz : 0, z1 = z + dz < g.ez ? z + dz : g.ez - 1;
  for (std::int64_t nz = z0; nz <= z1; ++nz)
    for (std::int64_t ny = y0; ny <= y1; ++ny) {
      const std::int32_t* row = g.levels + (nz * g.ey + ny) * g.ex;
      for (std::int64_t nx = x0; nx <= x1; ++nx) add(load_level(row + nx));
    }
}

/// One voxel's cell: its 1-based column (0: the voxel is not counted) and, for NGTDM, its numerator.
struct VoxelCell {
  std::int64_t column = 0;
  std::uint32_t numerator = 0;
};

/// NGTDM (IPET) at an ROI voxel of level `level` (≥ 1): column W_k, the ROI voxels among its neighbours (0 when it
/// has none: IBSI leaves it out of n_i), and numerator |i·W_k − S_k|, so that |i − X̄_k| = numerator / W_k.
VOXFEAT_HD inline VoxelCell ngtdm_voxel(const NeighbourhoodGrid& g, std::int64_t x, std::int64_t y, std::int64_t z,
                                        std::int32_t level) {
  struct Sum {
    std::int64_t sum = 0, count = 0;
    VOXFEAT_HD void operator()(std::int32_t v) { sum += v, count += v > 0; }  // level 0 (outside) adds nothing
  } box;
  visit_neighbourhood(g, x, y, z, box);
  const std::int64_t w = box.count - 1;  // the centre, in the ROI, is in its own box
  const std::int64_t numerator = std::int64_t(level) * w - (box.sum - level);
  return {w, std::uint32_t(numerator < 0 ? -numerator : numerator)};
}

/// NGLDM (REK0) at an ROI voxel of level `level` (≥ 1): column j_k, the voxels of its neighbourhood, itself
/// included, in the ROI with a level within `alpha` of its own.
VOXFEAT_HD inline VoxelCell ngldm_voxel(const NeighbourhoodGrid& g, std::int64_t x, std::int64_t y, std::int64_t z,
                                        std::int32_t level, std::int32_t alpha) {
  struct Matches {
    std::int64_t centre, alpha, count = 0;
    VOXFEAT_HD void operator()(std::int32_t v) {
      const std::int64_t difference = std::int64_t(v) - centre;
      count += (v > 0) & (difference <= alpha) & (difference >= -alpha);
    }
  } box{level, alpha};
  visit_neighbourhood(g, x, y, z, box);
  return {box.count, 0};
}

/// NGTDM row i from its two table rows (C cells each): n_i = Σ_W cells[W − 1], s_i = Σ_W numerators[W − 1] / W,
/// added in increasing W. The same code finishes the GPU tables on the device and the host tests' tables.
struct NgtdmLevel {
  std::uint64_t count = 0;
  double sum = 0.0;
};
VOXFEAT_HD inline NgtdmLevel ngtdm_level(const std::uint64_t* cells, const std::uint64_t* numerators,
                                         std::int64_t columns) {
  NgtdmLevel level;
  for (std::int64_t c = 0; c < columns; ++c) {
    level.count += cells[c];
    if (numerators[c] != 0) level.sum += double(numerators[c]) / double(c + 1);
  }
  return level;
}

}  // namespace voxfeat::cuda
