#pragma once
// How one block of cuda/microscopy_moments.cu shares an object's work among its threads, as VOXFEAT_HD code, so
// that the host tests (tests/gpu/microscopy_moments_parity_test.cpp) can walk objects in exactly the kernel's
// order without a GPU. The per-run and per-pixel arithmetic itself is the CPU's (kernels/microscopy/
// run_moment_sums.hpp, zernike_formulas.hpp); only the order of the sums is the GPU's:
//
//   moments   thread t takes runs t, t + kMomentThreads, ... (runs are short: a cell's width), keeps its own sums,
//             then each warp adds its 32 threads' sums by a shuffle tree (warp_tree_order) and the block adds its
//             warps' in warp order. Unweighted sums are 128-bit integers: exact in any order.
//   Zernike   lane l of a warp computes pair group·32 + l for every pixel its warp visits; the block's warps are
//             groups × slices (zernike_layout), slice s visiting pixels s, s + slices, ... of the object in raster
//             order (its runs one after the other). Per pair, the block adds its slices' sums in slice order.
#include <cstdint>

#include "common/hd.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/zernike_formulas.hpp"

namespace voxfeat::cuda {

inline constexpr int kWarpSize = 32;
inline constexpr int kMomentWarps = 4;
inline constexpr int kMomentThreads = kMomentWarps * kWarpSize;

// Every pair up to the order limit fits one lane of the block: 121 pairs ≤ 4 warps × 32 lanes.
static_assert(kernels::microscopy::zernike_pair_count(kernels::microscopy::kZernikeOrderLimit) <= kMomentThreads);

/// The Zernike part of a launch: which pairs, how the warps split them, and the radius rule.
struct ZernikeLaunch {
  int max_order = 9;
  int pairs = 30;   ///< zernike_pair_count(max_order)
  int groups = 1;   ///< warps per slice: ⌈pairs / 32⌉
  int slices = 4;   ///< kMomentWarps / groups: warps that visit different pixels
  kernels::microscopy::ZernikeRadius radius = kernels::microscopy::ZernikeRadius::largest_distance;
  double fixed_radius = 0.0;
};

VOXFEAT_HD inline ZernikeLaunch zernike_launch(int max_order, kernels::microscopy::ZernikeRadius radius,
                                               double fixed_radius) {
  ZernikeLaunch z;
  z.max_order = max_order;
  z.pairs = kernels::microscopy::zernike_pair_count(max_order);
  z.groups = (z.pairs + kWarpSize - 1) / kWarpSize;
  z.slices = kMomentWarps / z.groups;
  z.radius = radius;
  z.fixed_radius = fixed_radius;
  return z;
}

/// A warp's share of the Zernike sums: its pair group and its slice of the pixels (slice ≥ slices: idle).
struct ZernikeWarpRole {
  int group = 0;
  int slice = 0;
};

VOXFEAT_HD inline ZernikeWarpRole zernike_warp_role(const ZernikeLaunch& z, int warp) {
  return {warp % z.groups, warp / z.groups};
}

/// Where a walk through an object's pixels in raster order stands: the run holding the current pixel (an index
/// into the table's runs) and the object-wide index of that run's first pixel.
struct PixelCursor {
  std::uint64_t run = 0;
  std::uint64_t run_first_pixel = 0;
};

/// Moves `cursor` forward to the run holding object pixel `pixel` (≥ the cursor's); returns the pixel's column.
VOXFEAT_HD inline std::int32_t advance_to_pixel(PixelCursor& cursor, const kernels::microscopy::RowRun* runs,
                                                std::uint64_t pixel) {
  for (;;) {
    const kernels::microscopy::RowRun& run = runs[cursor.run];
    const auto length = std::uint64_t(run.col_end - run.col_begin);
    if (pixel < cursor.run_first_pixel + length) return run.col_begin + std::int32_t(pixel - cursor.run_first_pixel);
    cursor.run_first_pixel += length;
    ++cursor.run;
  }
}

/// The order in which a warp's shuffle tree (__shfl_down_sync by 16, 8, 4, 2, 1) adds its lanes' values into lane
/// 0, for the host to repeat: `values` (32 of them) is overwritten, the sum is left in values[0].
template <class T, class Add>
VOXFEAT_HD inline void warp_tree_order(T* values, Add add) {
  for (int offset = kWarpSize / 2; offset > 0; offset /= 2)
    for (int lane = 0; lane < offset; ++lane) add(values[lane], values[lane + offset]);
}

}  // namespace voxfeat::cuda
