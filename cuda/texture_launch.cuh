#pragma once
// Launch pieces shared by the texture-matrix kernels that count into per-block shared memory or global 64-bit
// counts over a grid-stride walk (cuda/glcm.cu, cuda/glrlm.cu): the limits that keep their index arithmetic and
// 32-bit block counts exact, the shared-memory budget, the volume checks and the grid width. CUDA sources only.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "cuda_error.hpp"
#include "device_info.hpp"
#include "glcm_pair.hpp"

namespace voxfeat::cuda::texture_launch {

constexpr int kThreads = 256;  // a multiple of the warp size: the warp-level aggregation relies on it
constexpr unsigned kFullWarp = 0xffffffffu;
constexpr std::size_t kMaxVoxelsPerBlock = std::size_t(1) << 31;  // keeps each block's 32-bit shared counts exact
constexpr std::size_t kDefaultSharedBytes = std::size_t(48) << 10;  // what a block gets without opting in
// Largest grid stride (blocks × threads; in practice a few hundred thousand): with extents ≤ kGlcmMaxExtent = 2^30,
// every coordinate grid_advance forms, also past the end of the volume, stays below 2^30 + 2^29 + 1 < 2^31.
constexpr std::size_t kMaxStride = std::size_t(1) << 29;

// atomicAdd has an unsigned long long overload, not a std::uint64_t (unsigned long) one; same bits on our targets.
static_assert(sizeof(unsigned long long) == sizeof(std::uint64_t));

/// Steps (offsets, directions) of one launch, passed by value as kernel arguments (1 KiB): nothing to copy or keep
/// alive on the host, so a device-resident call stays asynchronous. More steps than this take several launches.
constexpr int kMaxStepsPerLaunch = 32;
template <class Step>
struct StepBatch {
  int count = 0;
  Step steps[kMaxStepsPerLaunch];
};

/// The block's dynamic shared memory, as 32-bit counts.
__device__ inline unsigned int* block_counts() {
  extern __shared__ unsigned int s_counts[];
  return s_counts;
}

/// Dynamic shared memory a block may use for its counts on the current device: `budget`, or the device's opt-in
/// limit less the kernel's `static_bytes` of static shared memory (which the limit covers too).
inline std::size_t shared_budget(std::size_t budget, std::size_t static_bytes = 0) {
  int device = 0;
  VOXFEAT_CUDA_CHECK(cudaGetDevice(&device));
  int optin = 0;
  VOXFEAT_CUDA_CHECK(cudaDeviceGetAttribute(&optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device));
  return std::min(budget, std::max(std::size_t(optin), kDefaultSharedBytes) - static_bytes);
}

/// Refuses (std::invalid_argument, `what` naming the caller) an extent over kGlcmMaxExtent or over 2^62 voxels.
inline void check_volume(const std::array<std::size_t, 3>& extent, const std::string& what) {
  for (const std::size_t e : extent) {
    if (e > kGlcmMaxExtent) {
      throw std::invalid_argument(what + ": extent " + std::to_string(e) + " exceeds " +
                                  std::to_string(kGlcmMaxExtent));
    }
  }
  // Extents up to 2^30 each could still multiply past 64 bits; 2^62 voxels keep i + stride exact.
  const std::size_t plane = extent[0] * extent[1];  // ≤ 2^60
  if (extent[2] != 0 && plane > (std::size_t(1) << 62) / extent[2]) {
    throw std::invalid_argument(what + ": volume too large");
  }
}

/// Enough blocks in x to fill every multiprocessor at `kernel`'s occupancy (shared among the grid's rows), no more
/// than have work, no fewer than the 32-bit shared counters allow. With shared counts (`shared`) a block also gets
/// at least as many voxels as it has cells, so that clearing and merging its counts stays below its counting.
template <class Kernel>
int grid_width(Kernel kernel, bool shared, std::size_t n, int rows, std::size_t cells, std::size_t shared_bytes,
               const std::string& what) {
  int per_sm = 0;
  VOXFEAT_CUDA_CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, kernel, kThreads, shared_bytes));
  const std::size_t resident = std::size_t(std::max(per_sm, 1)) * std::size_t(current_multiprocessor_count());
  const std::size_t per_block = shared ? std::max<std::size_t>(kThreads, cells) : kThreads;
  const std::size_t needed = (n + per_block - 1) / per_block;
  const std::size_t floor_blocks = (n + kMaxVoxelsPerBlock - 1) / kMaxVoxelsPerBlock;
  const std::size_t blocks =
      std::max(std::min(needed, std::max<std::size_t>(resident / std::size_t(rows), 1)), floor_blocks);
  if (blocks * kThreads > kMaxStride) throw std::invalid_argument(what + ": volume too large");
  return int(blocks);
}

}  // namespace voxfeat::cuda::texture_launch
