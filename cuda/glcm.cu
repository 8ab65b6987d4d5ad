#include "glcm.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "device_buffer.hpp"
#include "device_info.hpp"
#include "glcm_pair.hpp"
#include "texture_launch.cuh"
#include "texture/glcm_glrlm_input.hpp"

namespace voxfeat::cuda {
namespace {

using kernels::texture::Offset;

using namespace texture_launch;  // kThreads, kFullWarp, StepBatch, block_counts, ...

using OffsetBatch = StepBatch<GlcmStep>;  // offsets of one launch (kernel arguments)

// The memory cap keeps every cell index of a call below 2^31 (int in the kernel).
static_assert(kGlcmMaxDenseCountBytes / sizeof(std::uint64_t) < (std::size_t(1) << 31));

/// One grid-stride pass over the volume for the offsets batch.steps[first, first + count), first = blockIdx.y · group.
/// Each thread reads its voxel's level once and pairs it with the neighbour at every offset of its block's group.
/// kShared: the block counts into group × ng² 32-bit shared counters, then adds its non-zero counts (symmetrised,
/// M + Mᵀ, when `symmetric`) to `counts` once; otherwise every warp adds straight into `counts` (large ng), the
/// transposed cell too when `symmetric`. `counts` (cleared by the caller) holds batch.count × ng² cells.
template <bool kShared>
__global__ void __launch_bounds__(kThreads)
    glcm_kernel(const std::int32_t* __restrict__ levels, unsigned long long n, int ex, int ey, GridCoord stride_step,
                OffsetBatch batch, int group, int ng, bool symmetric, unsigned long long* __restrict__ counts) {
  const int first = int(blockIdx.y) * group;
  const int count = min(group, batch.count - first);  // ≥ 1: the grid has ceil(batch.count / group) rows
  const int cells = ng * ng;
  unsigned int* s_counts = nullptr;
  if constexpr (kShared) {
    s_counts = block_counts();
    for (int c = int(threadIdx.x); c < count * cells; c += int(blockDim.x)) s_counts[c] = 0;
    __syncthreads();
  }

  const unsigned lane = threadIdx.x % 32u;
  const unsigned long long stride = static_cast<unsigned long long>(gridDim.x) * blockDim.x;
  unsigned long long base = static_cast<unsigned long long>(blockIdx.x) * blockDim.x + (threadIdx.x - lane);
  unsigned long long i = base + lane;
  GridCoord c = grid_coord(i, ex, ey);  // once per thread; the loop moves it on without dividing
  // The loop tests the warp's first voxel, so all 32 lanes run the same iterations and stay converged for the
  // warp-wide votes; lanes past the end hold level 0 (no pair) and read nothing.
  for (; base < n; base += stride, i += stride, grid_advance(c, stride_step, ex, ey)) {
    const std::int32_t a = i < n ? levels[i] : 0;
    // A warp wholly outside the ROI (most of a volume around a small ROI) reads no neighbour.
    if (!__any_sync(kFullWarp, a > 0)) continue;
    for (int j = 0; j < count; ++j) {
      const int cell = glcm_cell(levels, i, c, a, batch.steps[first + j], ng);
      // Lanes holding the same cell add once, by their lowest lane: neighbouring voxels of a smooth or skewed ROI
      // share level pairs, and would otherwise serialise their atomics on one counter.
      const unsigned peers = __match_any_sync(kFullWarp, cell);
      if (cell >= 0 && lane == unsigned(__ffs(int(peers)) - 1)) {
        const unsigned votes = unsigned(__popc(peers));
        if constexpr (kShared) {
          atomicAdd(&s_counts[j * cells + cell], votes);
        } else {
          unsigned long long* m = counts + static_cast<std::size_t>(first + j) * std::size_t(cells);
          atomicAdd(&m[cell], static_cast<unsigned long long>(votes));
          // The diagonal gets both adds, as (a, a) counted as (a, b) and (b, a) must.
          if (symmetric) atomicAdd(&m[glcm_transposed_cell(cell, ng)], static_cast<unsigned long long>(votes));
        }
      }
    }
  }

  if constexpr (kShared) {
    __syncthreads();  // every count of the block is in, the transposed cells included
    unsigned long long* group_counts = counts + static_cast<std::size_t>(first) * std::size_t(cells);
    for (int k = int(threadIdx.x); k < count * cells; k += int(blockDim.x)) {
      const int j = k / cells;
      const std::uint32_t* m = s_counts + j * cells;
      const int cell = k - j * cells;
      const unsigned long long v = symmetric ? glcm_symmetric_count(m, cell, ng) : m[cell];
      if (v != 0) atomicAdd(&group_counts[k], v);
    }
  }
}

/// How one launch is laid out.
struct Launch {
  bool shared = false;
  int group = 0;                 ///< offsets per block (grid y = ceil(batch / group))
  std::size_t shared_bytes = 0;  ///< dynamic shared memory per block
};

std::size_t shared_budget() { return texture_launch::shared_budget(kGlcmSharedBudgetBytes); }

Launch plan_launch(int batch, std::size_t cells, GlcmPath path) {
  const std::size_t budget = path == GlcmPath::global_memory ? 0 : shared_budget();
  const std::size_t per_offset = cells * sizeof(unsigned int);
  const std::size_t most = per_offset == 0 ? 0 : budget / per_offset;  // offsets a block can hold
  if (most == 0) {
    if (path == GlcmPath::shared_memory) {
      throw std::invalid_argument("GLCM: " + std::to_string(cells) + " cells of 4 bytes exceed the shared-memory "
                                  "budget of " + std::to_string(budget) + " bytes per block");
    }
    return {false, batch, 0};
  }
  // As few groups as fit, balanced: 13 offsets with room for 11 go as 7 + 6, not 11 + 2.
  const std::size_t groups = (std::size_t(batch) + most - 1) / most;
  const int group = int((std::size_t(batch) + groups - 1) / groups);
  return {true, group, std::size_t(group) * per_offset};
}

template <bool kShared>
void launch(const std::int32_t* d_levels, std::size_t n, const std::array<std::size_t, 3>& extent,
            const OffsetBatch& batch, const Launch& plan, int ng, bool symmetric, unsigned long long* counts,
            cudaStream_t stream) {
  const int rows = (batch.count + plan.group - 1) / plan.group;
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  if constexpr (kShared) {
    if (plan.shared_bytes > kDefaultSharedBytes) {
    // Always the whole budget, never this launch's size: concurrent callers then set the same value, and no
    // launch can find the limit lowered under it by another thread.
      VOXFEAT_CUDA_CHECK(cudaFuncSetAttribute(glcm_kernel<true>, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                              int(shared_budget())));
    }
  }
  const int width = texture_launch::grid_width(glcm_kernel<kShared>, kShared, n, rows, cells, plan.shared_bytes,
                                               "GLCM on the GPU");
  const int ex = int(extent[0]), ey = int(extent[1]);
  const std::size_t stride = std::size_t(width) * kThreads;
  const GridCoord stride_step = grid_coord(stride, ex, ey);
  const dim3 grid{unsigned(width), unsigned(rows), 1u};
  glcm_kernel<kShared><<<grid, kThreads, plan.shared_bytes, stream>>>(d_levels, n, ex, ey, stride_step, batch,
                                                                     plan.group, ng, symmetric, counts);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());  // launch configuration errors; faults surface at the next synchronising call
}

/// The refusals that need no device, shared by both entry points.
void check_arguments(const std::array<std::size_t, 3>& extent, std::size_t offset_count, std::uint32_t ng) {
  if (!glcm_fits_gpu(offset_count, ng)) {
    throw std::invalid_argument("GLCM on the GPU: " + std::to_string(offset_count) + " offsets of ng = " +
                                std::to_string(ng) + " levels need more dense counts than the cap of " +
                                std::to_string(kGlcmMaxDenseCountBytes) + " bytes; use the CPU");
  }
  texture_launch::check_volume(extent, "GLCM on the GPU");
}

}  // namespace

std::size_t glcm_dense_count_bytes(std::size_t offset_count, std::uint32_t ng) {
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);  // < 2^64: ng < 2^32
  const std::size_t most = std::numeric_limits<std::size_t>::max();
  if (cells != 0 && offset_count > most / sizeof(std::uint64_t) / cells) return most;
  return offset_count * cells * sizeof(std::uint64_t);
}

void glcm_matrices_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent,
                          std::span<const Offset> offsets, std::uint32_t ng, bool symmetric, std::uint64_t* d_counts,
                          cudaStream_t stream, GlcmPath path) {
  check_arguments(extent, offsets.size(), ng);
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  if (offsets.empty() || cells == 0) return;
  const Launch plan = plan_launch(int(std::min<std::size_t>(offsets.size(), kMaxStepsPerLaunch)), cells, path);
  auto* counts = reinterpret_cast<unsigned long long*>(d_counts);
  VOXFEAT_CUDA_CHECK(cudaMemsetAsync(counts, 0, offsets.size() * cells * sizeof(unsigned long long), stream));
  const std::size_t n = extent[0] * extent[1] * extent[2];
  if (n == 0) return;

  for (std::size_t start = 0; start < offsets.size(); start += kMaxStepsPerLaunch) {
    OffsetBatch batch;
    batch.count = int(std::min<std::size_t>(offsets.size() - start, kMaxStepsPerLaunch));
    for (int k = 0; k < batch.count; ++k) batch.steps[k] = glcm_step(offsets[start + std::size_t(k)], extent);
    // A shorter last batch keeps the first batch's group: fewer rows, same shared memory per block.
    Launch this_plan = plan;
    this_plan.group = std::min(plan.group, batch.count);
    if (plan.shared) this_plan.shared_bytes = std::size_t(this_plan.group) * cells * sizeof(unsigned int);
    unsigned long long* batch_counts = counts + start * cells;
    if (plan.shared) {
      launch<true>(d_levels, n, extent, batch, this_plan, int(ng), symmetric, batch_counts, stream);
    } else {
      launch<false>(d_levels, n, extent, batch, this_plan, int(ng), symmetric, batch_counts, stream);
    }
  }
}

std::vector<kernels::texture::CountMatrix> glcm_matrices(const kernels::View3<std::int32_t>& scope,
                                                         std::span<const Offset> offsets, std::uint32_t ng,
                                                         bool symmetric, cudaStream_t stream, GlcmPath path) {
  // Every refusal before the first CUDA call (and before any copy).
  check_arguments(scope.extent, offsets.size(), ng);
  const std::size_t n = scope.voxel_count();
  kernels::texture::check_levels(scope, int(ng));  // ng ≤ 5792 here (the cap)
  std::vector<kernels::texture::CountMatrix> out(offsets.size(), kernels::texture::CountMatrix(ng, ng));
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  if (offsets.empty() || cells == 0 || n == 0) return out;

  DeviceBuffer<std::int32_t> d_levels(n);
  DeviceBuffer<std::uint64_t> d_counts(offsets.size() * cells);
  d_levels.upload({scope.data, n}, stream);
  glcm_matrices_device(d_levels.data(), scope.extent, offsets, ng, symmetric, d_counts.data(), stream, path);
  std::vector<std::uint64_t> dense(d_counts.size());
  d_counts.download(dense, stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));

  for (std::size_t k = 0; k < offsets.size(); ++k) {
    out[k] = kernels::texture::CountMatrix::from_dense(ng, ng, std::span(dense).subspan(k * cells, cells));
  }
  return out;
}

}  // namespace voxfeat::cuda
