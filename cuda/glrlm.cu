#include "glrlm.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "device_buffer.hpp"
#include "device_info.hpp"
#include "glrlm_run.hpp"
#include "texture_launch.cuh"
#include "texture/glcm_glrlm_input.hpp"

namespace voxfeat::cuda {
namespace {

using kernels::texture::Offset;

using namespace texture_launch;  // kThreads, kFullWarp, StepBatch, block_counts, ...

/// Directions of one launch: grid row k counts batch.steps[k].
using DirectionBatch = StepBatch<GlrlmStep>;

// The memory cap keeps every cell index of a call below 2^31 (int in the kernel).
static_assert(kGlrlmMaxDenseCountBytes / sizeof(std::uint64_t) < (std::size_t(1) << 31));

/// One grid-stride pass over the volume for direction batch.steps[blockIdx.y]: each thread whose voxel starts a run
/// walks it to its end and adds 1 to cell (level, length) (glrlm_run_cell). kShared: the block counts into ng ×
/// width 32-bit shared counters, then adds its non-zero counts to `counts` once; otherwise every warp adds straight
/// into `counts` (large ng × width). `counts` (cleared by the caller) holds batch.count × ng × width cells.
/// `voxels` (or nullptr): grid row 0 adds the number of ROI voxels (levels 1..ng) to it.
template <bool kShared>
__global__ void __launch_bounds__(kThreads)
    glrlm_kernel(const std::int32_t* __restrict__ levels, unsigned long long n, int ex, int ey, int ez,
                 GridCoord stride_step, DirectionBatch batch, int ng, int width,
                 unsigned long long* __restrict__ counts, unsigned long long* __restrict__ voxels) {
  const GlrlmStep s = batch.steps[blockIdx.y];
  const int cells = ng * width;
  unsigned int* s_counts = nullptr;
  if constexpr (kShared) {
    s_counts = block_counts();
    for (int c = int(threadIdx.x); c < cells; c += int(blockDim.x)) s_counts[c] = 0;
    __syncthreads();
  }

  const unsigned lane = threadIdx.x % 32u;
  const unsigned long long stride = static_cast<unsigned long long>(gridDim.x) * blockDim.x;
  unsigned long long base = static_cast<unsigned long long>(blockIdx.x) * blockDim.x + (threadIdx.x - lane);
  unsigned long long i = base + lane;
  GridCoord c = grid_coord(i, ex, ey);  // once per thread; the loop moves it on without dividing
  unsigned roi = 0;  // this thread's ROI voxels: at most a block's 2^31 (texture_launch::kMaxVoxelsPerBlock)
  // The loop tests the warp's first voxel, so all 32 lanes run the same iterations and meet at the warp-wide votes
  // (after walks of different lengths); lanes past the end hold level 0 (no run) and read nothing more.
  for (; base < n; base += stride, i += stride, grid_advance(c, stride_step, ex, ey)) {
    const std::int32_t a = i < n ? levels[i] : 0;
    roi += static_cast<unsigned>(a) - 1u < static_cast<unsigned>(ng) ? 1u : 0u;
    // A warp wholly outside the ROI (most of a volume around a small ROI) reads no predecessor.
    if (!__any_sync(kFullWarp, a > 0)) continue;
    const int cell = glrlm_run_cell(levels, i, c, a, s, ex, ey, ez, ng, width);
    // Lanes holding the same cell add once, by their lowest lane: short runs of a skewed or noisy ROI share cells
    // and would otherwise serialise their atomics on one counter.
    const unsigned peers = __match_any_sync(kFullWarp, cell);
    if (cell >= 0 && lane == unsigned(__ffs(int(peers)) - 1)) {
      const unsigned votes = unsigned(__popc(peers));
      if constexpr (kShared) {
        atomicAdd(&s_counts[cell], votes);
      } else {
        atomicAdd(&counts[static_cast<std::size_t>(blockIdx.y) * std::size_t(cells) + std::size_t(cell)],
                  static_cast<unsigned long long>(votes));
      }
    }
  }
  if (voxels != nullptr && blockIdx.y == 0) {
    const unsigned warp_roi = __reduce_add_sync(kFullWarp, roi);  // ≤ the block's voxels < 2^31
    if (lane == 0 && warp_roi != 0) atomicAdd(voxels, static_cast<unsigned long long>(warp_roi));
  }

  if constexpr (kShared) {
    __syncthreads();  // every count of the block is in
    unsigned long long* m = counts + static_cast<std::size_t>(blockIdx.y) * std::size_t(cells);
    for (int k = int(threadIdx.x); k < cells; k += int(blockDim.x)) {
      if (s_counts[k] != 0) atomicAdd(&m[k], static_cast<unsigned long long>(s_counts[k]));
    }
  }
}

std::size_t shared_budget() { return texture_launch::shared_budget(kGlrlmSharedBudgetBytes); }

template <bool kShared>
void launch(const std::int32_t* d_levels, std::size_t n, const std::array<std::size_t, 3>& extent,
            const DirectionBatch& batch, int ng, int width, unsigned long long* counts, unsigned long long* voxels,
            cudaStream_t stream) {
  const std::size_t cells = std::size_t(ng) * std::size_t(width);
  const std::size_t shared_bytes = kShared ? cells * sizeof(unsigned int) : 0;
  if constexpr (kShared) {
    if (shared_bytes > kDefaultSharedBytes) {
      // Always the whole budget, never this launch's size: concurrent callers then set the same value.
      VOXFEAT_CUDA_CHECK(cudaFuncSetAttribute(glrlm_kernel<true>, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                              int(shared_budget())));
    }
  }
  const int blocks = texture_launch::grid_width(glrlm_kernel<kShared>, kShared, n, batch.count, cells, shared_bytes,
                                                "GLRLM on the GPU");
  const int ex = int(extent[0]), ey = int(extent[1]), ez = int(extent[2]);
  const GridCoord stride_step = grid_coord(std::size_t(blocks) * kThreads, ex, ey);
  const dim3 grid{unsigned(blocks), unsigned(batch.count), 1u};
  glrlm_kernel<kShared><<<grid, kThreads, shared_bytes, stream>>>(d_levels, n, ex, ey, ez, stride_step, batch, ng,
                                                                  width, counts, voxels);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());  // launch configuration errors; faults surface at the next synchronising call
}

/// The refusals that need no device, shared by both entry points.
void check_arguments(const std::array<std::size_t, 3>& extent, std::span<const Offset> directions,
                     std::uint32_t ng) {
  for (const Offset& d : directions) {
    const auto unit = [](int c) { return c >= -1 && c <= 1; };
    if (!unit(d.dx) || !unit(d.dy) || !unit(d.dz) || (d.dx == 0 && d.dy == 0 && d.dz == 0))
      throw std::invalid_argument("glrlm: the direction must be a unit direction vector");
  }
  texture_launch::check_volume(extent, "GLRLM on the GPU");
  if (!glrlm_fits_gpu(directions, ng, extent)) {
    throw std::invalid_argument("GLRLM on the GPU: " + std::to_string(directions.size()) + " directions of ng = " +
                                std::to_string(ng) + " levels and runs up to " +
                                std::to_string(glrlm_width(directions, extent)) +
                                " voxels need more dense counts than the cap of " +
                                std::to_string(kGlrlmMaxDenseCountBytes) + " bytes; use the CPU");
  }
}

}  // namespace

std::size_t glrlm_width(std::span<const Offset> directions, const std::array<std::size_t, 3>& extent) {
  if (extent[0] * extent[1] * extent[2] == 0) return 0;  // each ≤ kGlcmMaxExtent is not checked here: no overflow
  std::size_t width = 0;                                  // matters, a zero extent makes the product 0 anyway
  for (const Offset& d : directions) {
    std::size_t nr = std::numeric_limits<std::size_t>::max();
    if (d.dx != 0) nr = std::min(nr, extent[0]);
    if (d.dy != 0) nr = std::min(nr, extent[1]);
    if (d.dz != 0) nr = std::min(nr, extent[2]);
    if (nr != std::numeric_limits<std::size_t>::max()) width = std::max(width, nr);
  }
  return width;
}

std::size_t glrlm_dense_count_size(std::size_t direction_count, std::uint32_t ng, std::size_t width) {
  const std::size_t most = std::numeric_limits<std::size_t>::max();
  if (width != 0 && std::size_t(ng) > most / width) return most;
  const std::size_t cells = std::size_t(ng) * width;
  if (cells != 0 && direction_count > (most - 1) / cells) return most;
  return direction_count * cells + 1;
}

bool glrlm_fits_gpu(std::span<const Offset> directions, std::uint32_t ng, const std::array<std::size_t, 3>& extent) {
  const std::size_t size = glrlm_dense_count_size(directions.size(), ng, glrlm_width(directions, extent));
  return size <= kGlrlmMaxDenseCountBytes / sizeof(std::uint64_t);
}

void glrlm_matrices_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent,
                           std::span<const Offset> directions, std::uint32_t ng, std::uint64_t* d_counts,
                           cudaStream_t stream, GlrlmPath path) {
  check_arguments(extent, directions, ng);
  const std::size_t width = glrlm_width(directions, extent);
  const std::size_t cells = std::size_t(ng) * width;
  const std::size_t size = glrlm_dense_count_size(directions.size(), ng, width);
  const std::size_t n = extent[0] * extent[1] * extent[2];
  if (directions.empty() || cells == 0 || n == 0) {
    // Nothing to count: N_v = 0 (the buffer has one value) unless there is no direction to count it for.
    if (!directions.empty()) VOXFEAT_CUDA_CHECK(cudaMemsetAsync(d_counts, 0, size * sizeof(std::uint64_t), stream));
    return;
  }
  const std::size_t budget = path == GlrlmPath::global_memory ? 0 : shared_budget();
  const bool shared = cells * sizeof(unsigned int) <= budget;
  if (!shared && path == GlrlmPath::shared_memory) {
    throw std::invalid_argument("GLRLM: " + std::to_string(cells) + " cells of 4 bytes exceed the shared-memory "
                                "budget of " + std::to_string(budget) + " bytes per block");
  }
  auto* counts = reinterpret_cast<unsigned long long*>(d_counts);
  VOXFEAT_CUDA_CHECK(cudaMemsetAsync(counts, 0, size * sizeof(unsigned long long), stream));
  unsigned long long* voxels = counts + (size - 1);

  for (std::size_t start = 0; start < directions.size(); start += kMaxStepsPerLaunch) {
    DirectionBatch batch;
    batch.count = int(std::min<std::size_t>(directions.size() - start, kMaxStepsPerLaunch));
    for (int k = 0; k < batch.count; ++k) batch.steps[k] = glrlm_step(directions[start + std::size_t(k)], extent);
    unsigned long long* batch_counts = counts + start * cells;
    unsigned long long* batch_voxels = start == 0 ? voxels : nullptr;  // N_v once
    if (shared) {
      launch<true>(d_levels, n, extent, batch, int(ng), int(width), batch_counts, batch_voxels, stream);
    } else {
      launch<false>(d_levels, n, extent, batch, int(ng), int(width), batch_counts, batch_voxels, stream);
    }
  }
}

std::vector<kernels::texture::RunLengthMatrix> glrlm_from_dense(std::span<const std::uint64_t> dense,
                                                                std::span<const Offset> directions,
                                                                const std::array<std::size_t, 3>& extent,
                                                                std::uint32_t ng) {
  const std::size_t width = glrlm_width(directions, extent);
  if (dense.size() != glrlm_dense_count_size(directions.size(), ng, width))
    throw std::invalid_argument("glrlm_from_dense: size mismatch");
  std::vector<kernels::texture::RunLengthMatrix> out(directions.size());
  std::vector<std::uint64_t> matrix;
  for (std::size_t k = 0; k < directions.size(); ++k) {
    const std::size_t nr = glrlm_width(directions.subspan(k, 1), extent);
    matrix.assign(std::size_t(ng) * nr, 0);
    const std::uint64_t* m = dense.data() + k * std::size_t(ng) * width;
    for (std::size_t r = 0; r < ng; ++r) std::copy_n(m + r * width, nr, matrix.begin() + std::ptrdiff_t(r * nr));
    out[k].runs = kernels::texture::CountMatrix::from_dense(ng, std::uint32_t(nr), matrix);
    out[k].voxels = dense.back();
  }
  return out;
}

std::vector<kernels::texture::RunLengthMatrix> glrlm_matrices(const kernels::View3<std::int32_t>& scope,
                                                              std::span<const Offset> directions, std::uint32_t ng,
                                                              cudaStream_t stream, GlrlmPath path) {
  // Every refusal before the first CUDA call (and before any copy).
  check_arguments(scope.extent, directions, ng);
  const std::size_t n = scope.voxel_count();
  // The CPU's empty results: default matrices (no shape, N_v = 0), whatever the levels (as the CPU).
  std::vector<kernels::texture::RunLengthMatrix> out(directions.size());
  if (directions.empty() || ng == 0 || n == 0) return out;
  kernels::texture::check_levels(scope, int(ng));  // ng < 2^25 here (the cap, with width ≥ 1)

  const std::size_t size = glrlm_dense_count_size(directions.size(), ng, glrlm_width(directions, scope.extent));
  DeviceBuffer<std::int32_t> d_levels(n);
  DeviceBuffer<std::uint64_t> d_counts(size);
  d_levels.upload({scope.data, n}, stream);
  glrlm_matrices_device(d_levels.data(), scope.extent, directions, ng, d_counts.data(), stream, path);
  std::vector<std::uint64_t> dense(size);
  d_counts.download(dense, stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
  return glrlm_from_dense(dense, directions, scope.extent, ng);
}

}  // namespace voxfeat::cuda
