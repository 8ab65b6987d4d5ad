#pragma once
// The table-building kernel shared by cuda/ngtdm.cu and cuda/ngldm.cu (nvcc only), and the checks both make before
// their first CUDA call. One thread per voxel (grid-stride); ngtdm_ngldm_voxel.hpp says what a thread computes and
// how the table is laid out. Counts are integers and s_i's numerators too, so the tables are exact and the same for
// any grid, block order or device.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "common/views.hpp"
#include "device_info.hpp"
#include "ngtdm_ngldm_voxel.hpp"

namespace voxfeat::cuda::detail {

// atomicAdd has an unsigned long long overload, not a std::uint64_t (unsigned long) one; same bits on our targets.
static_assert(sizeof(unsigned long long) == sizeof(std::uint64_t));

inline constexpr int kTableThreads = 256;  // a multiple of the warp size: the warp-level aggregation relies on it
inline constexpr unsigned kFullWarp = 0xffffffffu;
/// Keeps each block's 32-bit shared counts exact (one count per voxel).
inline constexpr std::size_t kMaxVoxelsPerBlock = std::size_t(1) << 31;

/// The argument checks of the CPU builders (same messages), then the GPU's own limits; all before any CUDA call.
/// Returns the table's cell count Ng × C.
inline std::int64_t checked_cells(const char* family, int delta, int level_count, bool three_d, bool ngtdm) {
  const std::string name(family);
  if (delta < 1) throw std::invalid_argument(name + ": distance must be at least 1, got " + std::to_string(delta));
  if (level_count < 1) throw std::invalid_argument(name + ": level count must be at least 1");
  if (level_count > kNeighbourhoodMaxLevels) {
    throw std::invalid_argument(name + " (GPU): Ng = " + std::to_string(level_count) + " exceeds the GPU limit of " +
                                std::to_string(kNeighbourhoodMaxLevels) + " levels; use the CPU builder");
  }
  // δ ≤ 2047 keeps (2δ+1)^3 · Ng inside 64 bits; any δ that large is refused by the cell limit below anyway.
  const std::int64_t columns =
      delta > 2047 ? std::numeric_limits<std::int64_t>::max()
                   : (ngtdm ? ngtdm_columns(three_d, delta) : ngldm_columns(three_d, delta));
  if (delta > 2047 || columns > kNeighbourhoodMaxCells / level_count) {
    throw std::invalid_argument(name + " (GPU): Ng = " + std::to_string(level_count) + " at distance " +
                                std::to_string(delta) + " needs more than " + std::to_string(kNeighbourhoodMaxCells) +
                                " table cells; use the CPU builder");
  }
  return columns * level_count;
}

/// Refuses a level outside 0..Ng (the CPU builders refuse those above Ng; negative ones have no meaning on the GPU).
inline void check_levels(const char* family, const kernels::View3<std::int32_t>& scope, int level_count) {
  const std::int32_t* data = scope.data;
  const std::size_t n = scope.voxel_count();
  if (n == 0) return;
  const auto [lo, hi] = std::minmax_element(data, data + n);
  const std::int32_t bad = *lo < 0 ? *lo : *hi;
  if (*lo < 0 || *hi > level_count) {
    throw std::invalid_argument(std::string(family) + ": grey level " + std::to_string(bad) + " outside 0.." +
                                std::to_string(level_count));
  }
}

/// Shared memory or not: the request, or for `automatic` whether the table fits; a request for shared memory that
/// does not fit is refused before any CUDA call.
inline bool use_shared(const char* family, TablePath path, std::size_t shared_bytes) {
  if (path == TablePath::global_memory) return false;
  if (shared_bytes <= kNeighbourhoodSharedBytes) return true;
  if (path == TablePath::shared_memory) {
    throw std::invalid_argument(std::string(family) + " (GPU): the shared-memory path needs " +
                                std::to_string(shared_bytes) + " bytes, more than " +
                                std::to_string(kNeighbourhoodSharedBytes));
  }
  return false;
}

/// The per-voxel computation of one family: NGTDM adds a numerator per cell, NGLDM only counts.
struct NgtdmCellOf {
  static constexpr bool kNumerators = true;
  __device__ VoxelCell operator()(const NeighbourhoodGrid& g, std::int64_t x, std::int64_t y, std::int64_t z,
                                  std::int32_t level) const {
    return ngtdm_voxel(g, x, y, z, level);
  }
};
struct NgldmCellOf {
  static constexpr bool kNumerators = false;
  std::int32_t alpha = 0;
  __device__ VoxelCell operator()(const NeighbourhoodGrid& g, std::int64_t x, std::int64_t y, std::int64_t z,
                                  std::int32_t level) const {
    return ngldm_voxel(g, x, y, z, level, alpha);
  }
};

/// One grid-stride pass over the volume. `counts`: cells + 1 values (the last: voxels whose level lies outside
/// 0..Ng), `numerators`: cells values (CellOf::kNumerators only). kShared: each block counts in shared memory
/// (32-bit counts, 64-bit numerators), then adds its non-zero cells to the global table once; otherwise every warp
/// adds straight into the global table. Index: 32-bit when the volume has fewer than 2^31 voxels (cheaper index
/// arithmetic; base + stride then stays below 2^32), else 64-bit.
template <class CellOf, bool kShared, class Index>
__global__ void __launch_bounds__(kTableThreads)
    level_table_kernel(CellOf cell_of, NeighbourhoodGrid grid, Index n, int ng, std::int64_t columns,
                       unsigned long long* __restrict__ counts, unsigned long long* __restrict__ numerators) {
  const int cells = int(std::int64_t(ng) * columns);  // ≤ kNeighbourhoodMaxCells: the invalid slot's key fits too
  [[maybe_unused]] unsigned int* s_counts = nullptr;
  [[maybe_unused]] unsigned long long* s_numerators = nullptr;
  if constexpr (kShared) {
    extern __shared__ unsigned long long s_table[];  // 8-byte aligned: numerators first, then the 32-bit counts
    s_numerators = s_table;
    s_counts = reinterpret_cast<unsigned int*>(s_table + (CellOf::kNumerators ? cells : 0));
    for (int c = int(threadIdx.x); c <= cells; c += int(blockDim.x)) s_counts[c] = 0;
    if constexpr (CellOf::kNumerators) {
      for (int c = int(threadIdx.x); c < cells; c += int(blockDim.x)) s_numerators[c] = 0;
    }
    __syncthreads();
  }

  const unsigned lane = threadIdx.x % 32u;
  const Index ex = Index(grid.ex), ey = Index(grid.ey);
  const Index stride = Index(gridDim.x) * Index(blockDim.x);
  // The loop tests the warp's first voxel, so all 32 lanes run the same iterations and meet at the *_sync calls;
  // lanes past the end hold no voxel.
  for (Index base = Index(blockIdx.x) * Index(blockDim.x) + Index(threadIdx.x - lane); base < n; base += stride) {
    const Index i = base + Index(lane);
    int key = -1;  // table cell, `cells` for an invalid level, -1: nothing to count
    unsigned numerator = 0;
    if (i < n) {
      const std::int32_t level = load_level(grid.levels + i);
      if (level < 0 || level > ng) {
        key = cells;
      } else if (level > 0) {
        const Index row = i / ex;
        const VoxelCell c = cell_of(grid, std::int64_t(i - row * ex), std::int64_t(row % ey), std::int64_t(row / ey),
                                    level);
        if (c.column > 0) key = int(level_cell(level, c.column, columns)), numerator = c.numerator;
      }
    }
    // Lanes holding the same cell add once, by their lowest lane: in a smooth or skewed ROI most of a warp shares a
    // cell, and one atomic per cell instead of one per voxel keeps them from serialising.
    const unsigned peers = __match_any_sync(kFullWarp, key);
    [[maybe_unused]] unsigned numerator_sum = 0;
    if constexpr (CellOf::kNumerators) numerator_sum = __reduce_add_sync(peers, numerator);  // ≤ 32 · 2^24
    if (key >= 0 && lane == unsigned(__ffs(int(peers)) - 1)) {
      const unsigned votes = unsigned(__popc(peers));
      if constexpr (kShared) {
        atomicAdd(&s_counts[key], votes);
        if constexpr (CellOf::kNumerators) {
          if (key < cells) atomicAdd(&s_numerators[key], static_cast<unsigned long long>(numerator_sum));
        }
      } else {
        atomicAdd(&counts[key], static_cast<unsigned long long>(votes));
        if constexpr (CellOf::kNumerators) {
          if (key < cells) atomicAdd(&numerators[key], static_cast<unsigned long long>(numerator_sum));
        }
      }
    }
  }

  if constexpr (kShared) {
    __syncthreads();  // every warp of the block has counted before any cell is read
    for (int c = int(threadIdx.x); c <= cells; c += int(blockDim.x)) {
      const unsigned v = s_counts[c];
      if (v != 0) atomicAdd(&counts[c], static_cast<unsigned long long>(v));
    }
    if constexpr (CellOf::kNumerators) {
      for (int c = int(threadIdx.x); c < cells; c += int(blockDim.x)) {
        const unsigned long long v = s_numerators[c];
        if (v != 0) atomicAdd(&numerators[c], v);
      }
    }
  }
}

/// Clears the tables and counts the volume into them, asynchronously on `stream`. `counts`: cells + 1 values;
/// `numerators`: cells values (nullptr unless CellOf::kNumerators).
template <class CellOf>
void count_level_table(CellOf cell_of, const NeighbourhoodGrid& grid, int ng, std::int64_t columns, bool shared,
                       unsigned long long* counts, unsigned long long* numerators, cudaStream_t stream) {
  const std::size_t cells = std::size_t(ng) * std::size_t(columns);
  VOXFEAT_CUDA_CHECK(cudaMemsetAsync(counts, 0, (cells + 1) * sizeof(unsigned long long), stream));
  if constexpr (CellOf::kNumerators) {
    VOXFEAT_CUDA_CHECK(cudaMemsetAsync(numerators, 0, cells * sizeof(unsigned long long), stream));
  }
  const std::size_t n = std::size_t(grid.ex) * std::size_t(grid.ey) * std::size_t(grid.ez);
  if (n == 0) return;
  const std::size_t shared_bytes = shared ? table_shared_bytes(cells, CellOf::kNumerators) : 0;
  const auto launch = [&](auto kernel, auto index) {
    using Index = decltype(index);
    const int blocks = resident_grid_size(reinterpret_cast<const void*>(kernel), kTableThreads, shared_bytes, n,
                                          kMaxVoxelsPerBlock, "neighbourhood table");
    kernel<<<blocks, kTableThreads, shared_bytes, stream>>>(cell_of, grid, Index(n), ng, columns, counts, numerators);
  };
  const bool narrow = n < (std::size_t(1) << 31);
  if (shared && narrow) launch(level_table_kernel<CellOf, true, std::uint32_t>, std::uint32_t{});
  if (shared && !narrow) launch(level_table_kernel<CellOf, true, std::uint64_t>, std::uint64_t{});
  if (!shared && narrow) launch(level_table_kernel<CellOf, false, std::uint32_t>, std::uint32_t{});
  if (!shared && !narrow) launch(level_table_kernel<CellOf, false, std::uint64_t>, std::uint64_t{});
  VOXFEAT_CUDA_CHECK(cudaGetLastError());  // launch configuration errors; faults surface at the next synchronising call
}

/// The grid of a level volume; `d_scope.data` in device memory.
inline NeighbourhoodGrid device_grid(const kernels::View3<std::int32_t>& d_scope, bool three_d, int delta) {
  return {d_scope.data, std::int64_t(d_scope.extent[0]), std::int64_t(d_scope.extent[1]),
          std::int64_t(d_scope.extent[2]), delta, three_d};
}

}  // namespace voxfeat::cuda::detail
