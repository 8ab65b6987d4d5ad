#include "glcm.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "device_buffer.hpp"
#include "device_info.hpp"
#include "glcm_pair.hpp"
#include "glcm_scopes.hpp"
#include "texture_launch.cuh"
#include "texture/glcm_glrlm_input.hpp"

namespace voxfeat::cuda {
namespace {

using kernels::texture::Offset;

using namespace texture_launch;  // kThreads, kFullWarp, StepBatch, block_counts, ...

using OffsetBatch = StepBatch<Offset>;  // offsets of one launch (kernel arguments)

// The memory cap keeps every cell index of a call below 2^31 (int in the kernel).
static_assert(kGlcmMaxDenseCountBytes / sizeof(std::uint64_t) < (std::size_t(1) << 31));

/// Where a launch's blocks find their scope: `table[blockIdx.z]` (device memory) when `table` is set, else `single`
/// (a kernel argument, so that one scope needs no allocation and the call stays asynchronous).
struct ScopeSource {
  const GlcmScope* table = nullptr;
  GlcmScope single;
};

/// One grid-stride pass over the origin planes of scope blockIdx.z for the offsets batch.steps[first, first + count),
/// first = blockIdx.y · group. Each thread reads its voxel's level once and pairs it with the neighbour at every
/// offset of its block's group. kShared: the block counts into group × ng² 32-bit shared counters, then adds its
/// non-zero counts (symmetrised, M + Mᵀ, when `symmetric`) to its slot's counts once; otherwise every warp adds
/// straight into them (large ng), the transposed cell too when `symmetric`. `counts` (cleared by the caller) holds
/// slots × offset_total × ng² cells; this launch's offsets are [offset_first, offset_first + batch.count).
template <bool kShared>
__global__ void __launch_bounds__(kThreads)
    glcm_kernel(const std::int32_t* __restrict__ levels, ScopeSource scopes, OffsetBatch batch, int group, int ng,
                bool symmetric, unsigned long long* __restrict__ counts, int offset_total, int offset_first) {
  const GlcmScope scope = scopes.table != nullptr ? scopes.table[blockIdx.z] : scopes.single;
  const int first = int(blockIdx.y) * group;
  const int count = min(group, batch.count - first);  // ≥ 1: the grid has ceil(batch.count / group) rows
  const int cells = ng * ng;
  __shared__ GlcmStep s_steps[kMaxStepsPerLaunch];  // this scope's steps of the block's offsets
  if (int(threadIdx.x) < count) s_steps[threadIdx.x] = glcm_scope_step(batch.steps[first + int(threadIdx.x)], scope);
  unsigned int* s_counts = nullptr;
  if constexpr (kShared) {
    s_counts = block_counts();
    for (int c = int(threadIdx.x); c < count * cells; c += int(blockDim.x)) s_counts[c] = 0;
  }
  __syncthreads();

  const std::int32_t* scope_levels = levels + scope.begin;
  const int ex = scope.ex, ey = scope.ey;
  const unsigned long long plane = static_cast<unsigned long long>(ex) * static_cast<unsigned long long>(ey);
  const unsigned long long end = plane * static_cast<unsigned long long>(scope.z_hi);  // past the last origin
  const unsigned lane = threadIdx.x % 32u;
  const unsigned long long stride = static_cast<unsigned long long>(gridDim.x) * blockDim.x;
  const GridCoord stride_step = grid_coord(stride, ex, ey);
  unsigned long long base = plane * static_cast<unsigned long long>(scope.z_lo) +
                            static_cast<unsigned long long>(blockIdx.x) * blockDim.x + (threadIdx.x - lane);
  unsigned long long i = base + lane;
  GridCoord c = grid_coord(i, ex, ey);  // once per thread; the loop moves it on without dividing
  // The loop tests the warp's first voxel, so all 32 lanes run the same iterations and stay converged for the
  // warp-wide votes; lanes past the end hold level 0 (no pair) and read nothing.
  for (; base < end; base += stride, i += stride, grid_advance(c, stride_step, ex, ey)) {
    const std::int32_t a = i < end ? scope_levels[i] : 0;
    // A warp wholly outside the ROI (most of a volume around a small ROI) reads no neighbour.
    if (!__any_sync(kFullWarp, a > 0)) continue;
    for (int j = 0; j < count; ++j) {
      const int cell = glcm_cell(scope_levels, i, c, a, s_steps[j], ng);
      // Lanes holding the same cell add once, by their lowest lane: neighbouring voxels of a smooth or skewed ROI
      // share level pairs, and would otherwise serialise their atomics on one counter.
      const unsigned peers = __match_any_sync(kFullWarp, cell);
      if (cell >= 0 && lane == unsigned(__ffs(int(peers)) - 1)) {
        const unsigned votes = unsigned(__popc(peers));
        if constexpr (kShared) {
          atomicAdd(&s_counts[j * cells + cell], votes);
        } else {
          unsigned long long* m =
              counts + (static_cast<std::size_t>(scope.slot) * std::size_t(offset_total) +
                        std::size_t(offset_first + first + j)) * std::size_t(cells);
          atomicAdd(&m[cell], static_cast<unsigned long long>(votes));
          // The diagonal gets both adds, as (a, a) counted as (a, b) and (b, a) must.
          if (symmetric) atomicAdd(&m[glcm_transposed_cell(cell, ng)], static_cast<unsigned long long>(votes));
        }
      }
    }
  }

  if constexpr (kShared) {
    __syncthreads();  // every count of the block is in, the transposed cells included
    unsigned long long* group_counts =
        counts + (static_cast<std::size_t>(scope.slot) * std::size_t(offset_total) + std::size_t(offset_first + first)) *
                     std::size_t(cells);
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

/// The dynamic shared memory a block may use for counts: the budget, less the kernel's static step table.
std::size_t shared_budget() {
  return texture_launch::shared_budget(kGlcmSharedBudgetBytes, sizeof(GlcmStep) * kMaxStepsPerLaunch);
}

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

/// Largest scopes per launch: the grid's z extent.
constexpr std::size_t kMaxScopesPerLaunch = 65535;

template <bool kShared>
void launch(const std::int32_t* d_levels, const ScopeSource& scopes, std::size_t scope_count,
            std::size_t max_origins, const OffsetBatch& batch, const Launch& plan, int ng, bool symmetric,
            unsigned long long* counts, int offset_total, int offset_first, cudaStream_t stream) {
  const int rows = (batch.count + plan.group - 1) / plan.group;
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  if constexpr (kShared) {
    if (plan.shared_bytes > kDefaultSharedBytes - sizeof(GlcmStep) * kMaxStepsPerLaunch) {
      // Always the whole budget, never this launch's size: concurrent callers then set the same value, and no
      // launch can find the limit lowered under it by another thread.
      VOXFEAT_CUDA_CHECK(cudaFuncSetAttribute(glcm_kernel<true>, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                              int(shared_budget())));
    }
  }
  // Blocks share the multiprocessors among the grid's rows and scopes; a large scope gets many, a batch of small
  // ones a few each (at least one).
  const int width = texture_launch::grid_width(glcm_kernel<kShared>, kShared, max_origins,
                                               int(std::min<std::size_t>(std::size_t(rows) * scope_count, 1u << 30)),
                                               cells, plan.shared_bytes, "GLCM on the GPU");
  const dim3 grid{unsigned(width), unsigned(rows), unsigned(scope_count)};
  glcm_kernel<kShared><<<grid, kThreads, plan.shared_bytes, stream>>>(d_levels, scopes, batch, plan.group, ng,
                                                                     symmetric, counts, offset_total, offset_first);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());  // launch configuration errors; faults surface at the next synchronising call
}

/// Counts every offset of `offsets` over `scope_count` scopes (from `scopes`) into `counts`, already cleared:
/// batches of at most kMaxStepsPerLaunch offsets, one launch each. `max_origins`: the most origin voxels of a scope.
void count_scopes(const std::int32_t* d_levels, const ScopeSource& scopes, std::size_t scope_count,
                  std::size_t max_origins, std::span<const Offset> offsets, std::uint32_t ng, bool symmetric,
                  unsigned long long* counts, cudaStream_t stream, GlcmPath path) {
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  if (offsets.empty() || cells == 0 || scope_count == 0 || max_origins == 0) return;
  const Launch plan = plan_launch(int(std::min<std::size_t>(offsets.size(), kMaxStepsPerLaunch)), cells, path);
  for (std::size_t start = 0; start < offsets.size(); start += kMaxStepsPerLaunch) {
    OffsetBatch batch;
    batch.count = int(std::min<std::size_t>(offsets.size() - start, kMaxStepsPerLaunch));
    for (int k = 0; k < batch.count; ++k) batch.steps[k] = offsets[start + std::size_t(k)];
    // A shorter last batch keeps the first batch's group: fewer rows, same shared memory per block.
    Launch this_plan = plan;
    this_plan.group = std::min(plan.group, batch.count);
    if (plan.shared) this_plan.shared_bytes = std::size_t(this_plan.group) * cells * sizeof(unsigned int);
    if (plan.shared) {
      launch<true>(d_levels, scopes, scope_count, max_origins, batch, this_plan, int(ng), symmetric, counts,
                   int(offsets.size()), int(start), stream);
    } else {
      launch<false>(d_levels, scopes, scope_count, max_origins, batch, this_plan, int(ng), symmetric, counts,
                    int(offsets.size()), int(start), stream);
    }
  }
}

/// The refusals that need no device, shared by every entry point: `slots` output slots of offset_count matrices.
void check_arguments(const std::array<std::size_t, 3>& extent, std::size_t offset_count, std::uint32_t ng,
                     std::size_t slots = 1) {
  if (!glcm_fits_gpu(offset_count, ng) ||
      (slots > 1 && glcm_dense_count_bytes(offset_count, ng) > kGlcmMaxDenseCountBytes / slots)) {
    throw std::invalid_argument("GLCM on the GPU: " + std::to_string(slots) + " × " + std::to_string(offset_count) +
                                " offsets of ng = " + std::to_string(ng) +
                                " levels need more dense counts than the cap of " +
                                std::to_string(kGlcmMaxDenseCountBytes) + " bytes; use the CPU");
  }
  texture_launch::check_volume(extent, "GLCM on the GPU");
}

std::vector<kernels::texture::CountMatrix> to_sparse(std::span<const std::uint64_t> dense, std::size_t count,
                                                     std::uint32_t ng) {
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  std::vector<kernels::texture::CountMatrix> out;
  out.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    out.push_back(kernels::texture::CountMatrix::from_dense(ng, ng, dense.subspan(k * cells, cells)));
  }
  return out;
}

/// An event that records on a stream; owned, destroyed with the object.
class Event {
 public:
  Event() { VOXFEAT_CUDA_CHECK(cudaEventCreateWithFlags(&m_event, cudaEventDisableTiming)); }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { (void)cudaEventDestroy(m_event); }
  cudaEvent_t get() const { return m_event; }

 private:
  cudaEvent_t m_event = nullptr;
};

/// A stream of its own for copies, so that they overlap the kernels of the caller's stream.
class CopyStream {
 public:
  CopyStream() { VOXFEAT_CUDA_CHECK(cudaStreamCreateWithFlags(&m_stream, cudaStreamNonBlocking)); }
  CopyStream(const CopyStream&) = delete;
  CopyStream& operator=(const CopyStream&) = delete;
  ~CopyStream() { (void)cudaStreamDestroy(m_stream); }
  cudaStream_t get() const { return m_stream; }

 private:
  cudaStream_t m_stream = nullptr;
};

}  // namespace

std::size_t glcm_dense_count_bytes(std::size_t offset_count, std::uint32_t ng) {
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);  // < 2^64: ng < 2^32
  const std::size_t most = std::numeric_limits<std::size_t>::max();
  if (cells != 0 && offset_count > most / sizeof(std::uint64_t) / cells) return most;
  return offset_count * cells * sizeof(std::uint64_t);
}

std::size_t glcm_device_bytes(const std::array<std::size_t, 3>& extent, std::size_t offset_count, std::uint32_t ng) {
  const std::size_t most = std::numeric_limits<std::size_t>::max();
  const std::size_t counts = glcm_dense_count_bytes(offset_count, ng);
  const std::size_t plane = extent[0] * extent[1];
  if (plane != 0 && extent[2] > most / sizeof(std::int32_t) / plane) return most;
  const std::size_t levels = plane * extent[2] * sizeof(std::int32_t);
  return counts > most - levels ? most : counts + levels;
}

std::size_t glcm_stream_depth(const std::array<std::size_t, 3>& extent, std::span<const Offset> offsets,
                              std::uint32_t ng, std::size_t budget_bytes) {
  const std::size_t counts = glcm_dense_count_bytes(offsets.size(), ng);
  const std::size_t plane_bytes = extent[0] * extent[1] * sizeof(std::int32_t);
  if (counts >= budget_bytes || plane_bytes == 0 || extent[2] == 0) return 0;
  const std::size_t planes = (budget_bytes - counts) / (2 * plane_bytes);  // two slab buffers in flight
  const std::size_t halo = slab_halo(offsets);
  if (planes <= 2 * halo) return 0;
  return std::min(planes - 2 * halo, extent[2]);
}

void glcm_matrices_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent,
                          std::span<const Offset> offsets, std::uint32_t ng, bool symmetric, std::uint64_t* d_counts,
                          cudaStream_t stream, GlcmPath path) {
  check_arguments(extent, offsets.size(), ng);
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  if (offsets.empty() || cells == 0) return;
  auto* counts = reinterpret_cast<unsigned long long*>(d_counts);
  VOXFEAT_CUDA_CHECK(cudaMemsetAsync(counts, 0, offsets.size() * cells * sizeof(unsigned long long), stream));
  const std::size_t n = extent[0] * extent[1] * extent[2];
  if (n == 0) return;
  count_scopes(d_levels, ScopeSource{nullptr, whole_scope(extent)}, 1, n, offsets, ng, symmetric, counts, stream,
               path);
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
  return to_sparse(dense, offsets.size(), ng);
}

std::vector<std::vector<kernels::texture::CountMatrix>> glcm_matrices_batch(
    std::span<const kernels::View3<std::int32_t>> scopes, std::span<const Offset> offsets, std::uint32_t ng,
    bool symmetric, cudaStream_t stream, GlcmPath path) {
  std::vector<std::array<std::size_t, 3>> extents;
  std::size_t total = 0, max_origins = 0;
  for (const auto& scope : scopes) {
    check_arguments(scope.extent, offsets.size(), ng, scopes.size());
    kernels::texture::check_levels(scope, int(ng));
    extents.push_back(scope.extent);
    total += scope.voxel_count();
    max_origins = std::max(max_origins, scope.voxel_count());
  }
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  std::vector<std::vector<kernels::texture::CountMatrix>> out(
      scopes.size(), std::vector<kernels::texture::CountMatrix>(offsets.size(), kernels::texture::CountMatrix(ng, ng)));
  if (offsets.empty() || cells == 0 || total == 0) return out;

  // One pinned buffer, one copy, one launch per offset batch and 65535 scopes.
  const std::vector<GlcmScope> table = pack_scopes(extents);
  PinnedBuffer<std::int32_t> h_levels(total);
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    std::copy_n(scopes[s].data, scopes[s].voxel_count(), h_levels.data() + table[s].begin);
  }
  DeviceBuffer<std::int32_t> d_levels(total);
  DeviceBuffer<GlcmScope> d_table(table.size());
  DeviceBuffer<std::uint64_t> d_counts(scopes.size() * offsets.size() * cells);
  d_levels.upload({h_levels.data(), total}, stream);
  d_table.upload(table, stream);
  auto* counts = reinterpret_cast<unsigned long long*>(d_counts.data());
  VOXFEAT_CUDA_CHECK(cudaMemsetAsync(counts, 0, d_counts.bytes(), stream));
  for (std::size_t first = 0; first < table.size(); first += kMaxScopesPerLaunch) {
    const std::size_t count = std::min(kMaxScopesPerLaunch, table.size() - first);
    count_scopes(d_levels.data(), ScopeSource{d_table.data() + first, {}}, count, max_origins, offsets, ng,
                 symmetric, counts, stream, path);
  }
  PinnedBuffer<std::uint64_t> dense(d_counts.size());
  d_counts.download(dense.span(), stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    out[s] = to_sparse(std::span<const std::uint64_t>(dense.data(), dense.size()).subspan(s * offsets.size() * cells,
                                                                                           offsets.size() * cells),
                       offsets.size(), ng);
  }
  return out;
}

std::vector<kernels::texture::CountMatrix> glcm_matrices_streamed(const kernels::View3<std::int32_t>& scope,
                                                                  std::span<const Offset> offsets, std::uint32_t ng,
                                                                  bool symmetric, std::size_t budget_bytes,
                                                                  cudaStream_t stream, GlcmPath path) {
  check_arguments(scope.extent, offsets.size(), ng);
  const std::size_t depth = glcm_stream_depth(scope.extent, offsets, ng, budget_bytes);
  if (depth == 0) {
    throw std::invalid_argument("GLCM on the GPU: not even one plane of " + std::to_string(scope.extent[0]) + " × " +
                                std::to_string(scope.extent[1]) + " voxels with its neighbours fits the budget of " +
                                std::to_string(budget_bytes) + " bytes; use the CPU");
  }
  kernels::texture::check_levels(scope, int(ng));
  const std::size_t cells = std::size_t(ng) * std::size_t(ng);
  if (offsets.empty() || cells == 0 || scope.voxel_count() == 0) {
    return std::vector<kernels::texture::CountMatrix>(offsets.size(), kernels::texture::CountMatrix(ng, ng));
  }
  const std::vector<Slab> slabs = plan_slabs(scope.extent, slab_halo(offsets), depth);
  const std::size_t plane = scope.extent[0] * scope.extent[1];
  std::size_t most_planes = 0;
  for (const Slab& slab : slabs) most_planes = std::max(most_planes, slab.planes);

  // Two slabs in flight: while the kernels count one, the copy stream brings in the next from pinned memory, and the
  // host fills the pinned buffer after that. Each buffer is reused only after the kernels reading it are done.
  PinnedBuffer<std::int32_t> staging[2] = {PinnedBuffer<std::int32_t>(most_planes * plane),
                                           PinnedBuffer<std::int32_t>(most_planes * plane)};
  DeviceBuffer<std::int32_t> d_slabs[2] = {DeviceBuffer<std::int32_t>(most_planes * plane),
                                           DeviceBuffer<std::int32_t>(most_planes * plane)};
  Event copied[2], counted[2];
  const CopyStream copies;
  DeviceBuffer<std::uint64_t> d_counts(offsets.size() * cells);
  auto* counts = reinterpret_cast<unsigned long long*>(d_counts.data());
  VOXFEAT_CUDA_CHECK(cudaMemsetAsync(counts, 0, d_counts.bytes(), stream));
  for (std::size_t k = 0; k < slabs.size(); ++k) {
    const std::size_t b = k % 2;
    const Slab& slab = slabs[k];
    if (k >= 2) VOXFEAT_CUDA_CHECK(cudaEventSynchronize(counted[b].get()));
    const std::size_t voxels = slab.planes * plane;
    std::copy_n(scope.data + slab.first_plane * plane, voxels, staging[b].data());
    VOXFEAT_CUDA_CHECK(cudaMemcpyAsync(d_slabs[b].data(), staging[b].data(), voxels * sizeof(std::int32_t),
                                       cudaMemcpyHostToDevice, copies.get()));
    VOXFEAT_CUDA_CHECK(cudaEventRecord(copied[b].get(), copies.get()));
    VOXFEAT_CUDA_CHECK(cudaStreamWaitEvent(stream, copied[b].get(), 0));
    const std::size_t origins = plane * std::size_t(slab.scope.z_hi - slab.scope.z_lo);
    count_scopes(d_slabs[b].data(), ScopeSource{nullptr, slab.scope}, 1, origins, offsets, ng, symmetric, counts,
                 stream, path);
    VOXFEAT_CUDA_CHECK(cudaEventRecord(counted[b].get(), stream));
  }
  std::vector<std::uint64_t> dense(d_counts.size());
  d_counts.download(dense, stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
  return to_sparse(dense, offsets.size(), ng);
}

}  // namespace voxfeat::cuda
