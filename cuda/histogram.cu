#include "histogram.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "device_info.hpp"

namespace voxfeat::cuda {
namespace {

// atomicAdd has an unsigned long long overload, not a std::uint64_t (unsigned long) one; same bits on our targets.
static_assert(sizeof(unsigned long long) == sizeof(std::uint64_t));

constexpr int kThreads = 256;  // a multiple of the warp size: the warp-level aggregation below relies on it
constexpr unsigned kFullWarp = 0xffffffffu;
constexpr std::size_t kMaxVoxelsPerBlock = std::size_t(1) << 31;  // keeps each block's 32-bit shared counts exact

__device__ unsigned int* block_counts() {
  extern __shared__ unsigned int s_counts[];
  return s_counts;
}

/// One grid-stride pass over the volume. Counters: slot l - 1 for level l, slot ng for "above Ng".
/// kShared: each block counts into shared memory (32-bit), then adds its non-zero counters to `counts` once;
/// otherwise every warp adds straight into `counts` (large Ng that would not fit in shared memory).
template <bool kShared>
__global__ void __launch_bounds__(kThreads)
    level_histogram_kernel(const float* __restrict__ image, const std::uint8_t* __restrict__ mask, std::size_t n,
                           kernels::DiscretisationSpec spec, int ng, unsigned long long* __restrict__ counts,
                           std::int32_t* __restrict__ levels) {
  unsigned int* s_counts = nullptr;
  if constexpr (kShared) {
    s_counts = block_counts();
    for (int slot = int(threadIdx.x); slot <= ng; slot += int(blockDim.x)) s_counts[slot] = 0;
    __syncthreads();
  }

  const unsigned lane = threadIdx.x % 32u;
  const std::size_t stride = std::size_t(gridDim.x) * blockDim.x;
  // The loop tests the warp's first voxel, so all 32 lanes run the same iterations and stay converged for
  // __match_any_sync; lanes past the end simply hold no voxel.
  for (std::size_t base = std::size_t(blockIdx.x) * blockDim.x + (threadIdx.x - lane); base < n; base += stride) {
    const std::size_t i = base + lane;
    const bool in_volume = i < n;
    const bool inside = in_volume && mask[i] != 0;
    // The image is read only inside the mask: a sparse ROI costs mask bandwidth, not image bandwidth.
    const int level = inside ? kernels::discretise(double(image[i]), spec) : 0;
    if (levels != nullptr && in_volume) levels[i] = level;

    // Lanes holding the same level add once, by their lowest lane: a skewed ROI (most voxels at a few levels)
    // would otherwise serialise its atomics on one counter.
    const int slot = !inside ? -1 : (level > ng ? ng : level - 1);
    const unsigned peers = __match_any_sync(kFullWarp, slot);
    if (slot >= 0 && lane == unsigned(__ffs(int(peers)) - 1)) {
      const unsigned votes = unsigned(__popc(peers));
      if constexpr (kShared) {
        atomicAdd(&s_counts[slot], votes);
      } else {
        atomicAdd(&counts[slot], static_cast<unsigned long long>(votes));
      }
    }
  }

  if constexpr (kShared) {
    __syncthreads();
    for (int slot = int(threadIdx.x); slot <= ng; slot += int(blockDim.x)) {
      const unsigned c = s_counts[slot];
      if (c != 0) atomicAdd(&counts[slot], static_cast<unsigned long long>(c));
    }
  }
}

/// A resident grid (device_info.hpp), no fewer blocks than the 32-bit shared counters allow.
template <bool kShared>
int grid_size(std::size_t n, std::size_t shared_bytes) {
  return resident_grid_size(reinterpret_cast<const void*>(level_histogram_kernel<kShared>), kThreads, shared_bytes, n,
                            kMaxVoxelsPerBlock, "level histogram");
}

}  // namespace

void level_histogram_device(const float* d_image, const std::uint8_t* d_mask, std::size_t voxel_count,
                            const kernels::DiscretisationSpec& spec, std::uint64_t* d_counts, std::int32_t* d_levels,
                            cudaStream_t stream, HistogramPath path) {
  kernels::check_discretisation(spec);
  const int ng = kernels::level_count(spec);
  const bool shared = path == HistogramPath::shared_memory ||
                      (path == HistogramPath::automatic && ng <= kSharedHistogramMaxLevels);
  if (shared && ng > kSharedHistogramMaxLevels) {
    throw std::invalid_argument("level histogram: Ng = " + std::to_string(ng) + " exceeds the shared-memory path's " +
                                std::to_string(kSharedHistogramMaxLevels) + " levels");
  }
  auto* counts = reinterpret_cast<unsigned long long*>(d_counts);
  VOXFEAT_CUDA_CHECK(cudaMemsetAsync(counts, 0, (std::size_t(ng) + 1) * sizeof(unsigned long long), stream));
  if (voxel_count == 0) return;

  if (shared) {
    const std::size_t shared_bytes = (std::size_t(ng) + 1) * sizeof(unsigned int);
    const int blocks = grid_size<true>(voxel_count, shared_bytes);
    level_histogram_kernel<true><<<blocks, kThreads, shared_bytes, stream>>>(d_image, d_mask, voxel_count, spec, ng,
                                                                            counts, d_levels);
  } else {
    const int blocks = grid_size<false>(voxel_count, 0);
    level_histogram_kernel<false><<<blocks, kThreads, 0, stream>>>(d_image, d_mask, voxel_count, spec, ng, counts,
                                                                  d_levels);
  }
  VOXFEAT_CUDA_CHECK(cudaGetLastError());  // launch configuration errors; faults surface at the next synchronising call
}

kernels::LevelHistogram level_histogram(const kernels::View3<float>& image, const kernels::View3<std::uint8_t>& mask,
                                        const kernels::DiscretisationSpec& spec, std::span<std::int32_t> levels,
                                        cudaStream_t stream, HistogramPath path) {
  // Same argument checks, and messages, as the reference; all before the first CUDA call.
  if (image.extent != mask.extent) throw std::invalid_argument("level histogram: image and mask extents differ");
  const std::size_t n = image.voxel_count();
  if (!levels.empty() && levels.size() != n) {
    throw std::invalid_argument("level histogram: level volume holds " + std::to_string(levels.size()) +
                                " voxels, the image " + std::to_string(n));
  }
  kernels::check_discretisation(spec);
  const std::size_t ng = std::size_t(kernels::level_count(spec));

  DeviceBuffer<float> d_image(n);
  DeviceBuffer<std::uint8_t> d_mask(n);
  DeviceBuffer<std::uint64_t> d_counts(ng + 1);
  DeviceBuffer<std::int32_t> d_levels(levels.size());
  d_image.upload({image.data, n}, stream);
  d_mask.upload({mask.data, n}, stream);
  level_histogram_device(d_image.data(), d_mask.data(), n, spec, d_counts.data(),
                         levels.empty() ? nullptr : d_levels.data(), stream, path);

  std::vector<std::uint64_t> counts(ng + 1);
  d_counts.download(counts, stream);
  d_levels.download(levels, stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));

  kernels::LevelHistogram result;
  result.above_range = counts.back();
  counts.pop_back();
  result.counts = std::move(counts);
  return result;
}

}  // namespace voxfeat::cuda
