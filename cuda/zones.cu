#include "zones.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "device_info.hpp"
#include "texture/zones.hpp"
#include "zones_voxel.hpp"

namespace voxfeat::cuda {
namespace {

using kernels::texture::ZoneColumn;
using kernels::texture::ZoneMatrix;

// atomicAdd/atomicMax have unsigned long long overloads, not std::uint64_t (unsigned long) ones; same bits here.
static_assert(sizeof(unsigned long long) == sizeof(std::uint64_t));

constexpr int kThreads = 256;
constexpr std::size_t kNoItemCap = std::numeric_limits<std::size_t>::max();

/// Summary of the zones, gathered at the roots: what lays the matrices out.
enum SummaryField { kMaxLevel, kSizeColumns, kDistanceColumns, kZoneCount, kVoxelCount, kSummaryFields };

/// Grid-stride loop over [0, n): every kernel below walks voxels (or lines) this way.
__device__ inline unsigned long long first_item() {
  return static_cast<unsigned long long>(blockIdx.x) * blockDim.x + threadIdx.x;
}
__device__ inline unsigned long long item_stride() { return static_cast<unsigned long long>(gridDim.x) * blockDim.x; }

/// Every voxel its own tree, an empty zone, and (with a map) a minimum yet to be taken.
__global__ void __launch_bounds__(kThreads)
    init_kernel(unsigned long long n, ZoneLabel* __restrict__ parent, std::uint32_t* __restrict__ size,
                std::uint32_t* __restrict__ nearest, std::uint32_t nearest_start) {
  for (unsigned long long i = first_item(); i < n; i += item_stride()) {
    parent[i] = ZoneLabel(i);
    size[i] = 0;
    nearest[i] = nearest_start;
  }
}

/// One thread per line along x: the distance map's first pass, from the mask.
__global__ void __launch_bounds__(kThreads)
    distance_x_kernel(const std::uint8_t* __restrict__ mask, std::uint32_t* __restrict__ d, unsigned long long lines,
                      ZoneGrid g) {
  for (unsigned long long l = first_item(); l < lines; l += item_stride())
    distance_from_mask_runs(mask, d, distance_line(0, l, g));
}

/// One thread per line along y or z (adjacent threads take adjacent x: coalesced).
__global__ void __launch_bounds__(kThreads)
    distance_relax_kernel(std::uint32_t* __restrict__ d, int axis, unsigned long long lines, ZoneGrid g) {
  for (unsigned long long l = first_item(); l < lines; l += item_stride()) distance_relax(d, distance_line(axis, l, g));
}

/// Unions: each ROI voxel with its backward same-level neighbours. `parent` is not __restrict__: other threads
/// write it (atomicMin) while this one reads it (zone_load through L2).
__global__ void __launch_bounds__(kThreads)
    link_kernel(const std::int32_t* __restrict__ levels, ZoneLabel* parent, unsigned long long n, ZoneGrid g) {
  const unsigned long long ex = static_cast<unsigned long long>(g.ex), ey = static_cast<unsigned long long>(g.ey);
  for (unsigned long long i = first_item(); i < n; i += item_stride()) {
    const std::int32_t c = levels[i];
    if (c <= 0) continue;
    const unsigned long long row = i / ex;
    zone_link_voxel(levels, parent, g, i, int(i - row * ex), int(row % ey), int(row / ey), c);
  }
}

/// After every union: each ROI voxel points straight at its root (a benign race: the only value written into
/// parent[i] is its root, which every concurrent find through i reaches anyway) and counts itself into the root's
/// size and minimum distance.
__global__ void __launch_bounds__(kThreads)
    stats_kernel(const std::int32_t* __restrict__ levels, ZoneLabel* parent, unsigned long long n,
                 std::uint32_t* __restrict__ size, std::uint32_t* __restrict__ nearest,
                 const std::uint32_t* __restrict__ distance) {
  for (unsigned long long i = first_item(); i < n; i += item_stride()) {
    if (levels[i] <= 0) continue;
    const ZoneLabel r = zone_find(parent, ZoneLabel(i));
    parent[i] = r;
    atomicAdd(&size[r], 1u);
    if (distance != nullptr) atomicMin(&nearest[r], distance[i]);
  }
}

/// Whether voxel i is a zone's root (after stats_kernel).
__device__ inline bool is_root(const std::int32_t* levels, const ZoneLabel* parent, unsigned long long i) {
  return levels[i] > 0 && parent[i] == ZoneLabel(i);
}

__global__ void __launch_bounds__(kThreads)
    summary_kernel(const std::int32_t* __restrict__ levels, const ZoneLabel* __restrict__ parent,
                   unsigned long long n, const std::uint32_t* __restrict__ size,
                   const std::uint32_t* __restrict__ nearest, unsigned long long* __restrict__ summary) {
  for (unsigned long long i = first_item(); i < n; i += item_stride()) {
    if (!is_root(levels, parent, i)) continue;
    atomicMax(&summary[kMaxLevel], static_cast<unsigned long long>(levels[i]));
    atomicMax(
        &summary[kSizeColumns],
        static_cast<unsigned long long>(kernels::texture::zone_column(size[i], nearest[i], ZoneColumn::size)) + 1);
    atomicMax(
        &summary[kDistanceColumns],
        static_cast<unsigned long long>(kernels::texture::zone_column(size[i], nearest[i], ZoneColumn::distance)) + 1);
    atomicAdd(&summary[kZoneCount], 1ull);
    atomicAdd(&summary[kVoxelCount], static_cast<unsigned long long>(size[i]));
  }
}

/// One matrix's layout and outputs, as kernels::texture::zone_matrix counts: columns below `split` densely
/// (rows × split counts), the others as codes (row · cols + col, appended in any order; the host sorts them).
struct ColumnCounts {
  ZoneColumn column = ZoneColumn::size;
  std::uint32_t cols = 0, split = 0;
  unsigned long long* dense = nullptr;
  unsigned long long* codes = nullptr;
  unsigned long long* code_count = nullptr;
};

__device__ inline void count_zone(const ColumnCounts& m, std::int32_t level, std::uint32_t size,
                                  std::uint32_t nearest) {
  const std::uint32_t c = kernels::texture::zone_column(size, nearest, m.column);
  const unsigned long long row = static_cast<unsigned long long>(level - 1);
  if (c < m.split) {
    atomicAdd(&m.dense[row * m.split + c], 1ull);
  } else {
    const unsigned long long k = atomicAdd(m.code_count, 1ull);  // < the capacity: the host bounds it
    m.codes[k] = row * m.cols + c;
  }
}

__global__ void __launch_bounds__(kThreads)
    count_kernel(const std::int32_t* __restrict__ levels, const ZoneLabel* __restrict__ parent, unsigned long long n,
                 const std::uint32_t* __restrict__ size, const std::uint32_t* __restrict__ nearest,
                 ColumnCounts by_size, ColumnCounts by_distance) {
  for (unsigned long long i = first_item(); i < n; i += item_stride()) {
    if (!is_root(levels, parent, i)) continue;
    count_zone(by_size, levels[i], size[i], nearest[i]);
    count_zone(by_distance, levels[i], size[i], nearest[i]);
  }
}

int grid_for(const void* kernel, std::size_t items) {
  return resident_grid_size(kernel, kThreads, 0, items, kNoItemCap, "zones on the GPU");
}

ZoneGrid zone_grid(const std::array<std::size_t, 3>& extent, bool three_d, int linkage_distance) {
  return {int(extent[0]), int(extent[1]), int(extent[2]), three_d, linkage_distance};
}

/// The GLDZM distance map into d, as kernels::texture::border_distance(mask, three_d).
void distance_map(const std::uint8_t* d_mask, const ZoneGrid& g, std::uint32_t* d, cudaStream_t stream) {
  const auto ex = std::size_t(g.ex), ey = std::size_t(g.ey), ez = std::size_t(g.ez);
  distance_x_kernel<<<grid_for(reinterpret_cast<const void*>(distance_x_kernel), ey * ez), kThreads, 0, stream>>>(
      d_mask, d, ey * ez, g);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());
  const auto relax = [&](int axis, std::size_t lines) {
    distance_relax_kernel<<<grid_for(reinterpret_cast<const void*>(distance_relax_kernel), lines), kThreads, 0,
                            stream>>>(d, axis, lines, g);
    VOXFEAT_CUDA_CHECK(cudaGetLastError());
  };
  relax(1, ex * ez);
  if (g.three_d) relax(2, ex * ey);
}

/// One matrix's device counts, laid out from the summary.
struct ColumnBuffers {
  ColumnCounts args;
  std::uint32_t rows = 0;
  DeviceBuffer<unsigned long long> dense, codes, code_count;

  ColumnBuffers(ZoneColumn column, std::uint32_t rows_, std::uint32_t cols, std::size_t code_capacity,
                cudaStream_t stream)
      : rows(rows_),
        dense(std::size_t(rows_) * kernels::texture::zone_dense_columns(rows_, cols)),
        codes(code_capacity),
        code_count(1) {
    args = {column, cols, kernels::texture::zone_dense_columns(rows_, cols), dense.data(), codes.data(),
            code_count.data()};
    if (dense.size() != 0) VOXFEAT_CUDA_CHECK(cudaMemsetAsync(dense.data(), 0, dense.bytes(), stream));
    VOXFEAT_CUDA_CHECK(cudaMemsetAsync(code_count.data(), 0, code_count.bytes(), stream));
  }

  /// After count_kernel: the matrix (synchronises `stream`).
  kernels::texture::CountMatrix finish(cudaStream_t stream) const {
    std::vector<unsigned long long> count(1);
    code_count.download(count, stream);
    VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
    if (count[0] > codes.size()) throw std::logic_error("zones on the GPU: more large zones than bounded");
    std::vector<std::uint64_t> h_dense(dense.size()), h_codes(count[0]);
    if (!h_dense.empty())
      VOXFEAT_CUDA_CHECK(cudaMemcpyAsync(h_dense.data(), dense.data(), dense.bytes(), cudaMemcpyDeviceToHost, stream));
    if (!h_codes.empty())
      VOXFEAT_CUDA_CHECK(cudaMemcpyAsync(h_codes.data(), codes.data(), h_codes.size() * sizeof(std::uint64_t),
                                         cudaMemcpyDeviceToHost, stream));
    VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
    return kernels::texture::zone_counts(rows, args.cols, args.split, h_dense, h_codes);
  }
};

}  // namespace

void check_zone_arguments(const std::array<std::size_t, 3>& extent, int linkage_distance) {
  if (linkage_distance < 1 || linkage_distance > kernels::texture::max_linkage_distance) {
    throw std::invalid_argument("zones on the GPU: linkage distance " + std::to_string(linkage_distance) +
                                " outside 1.." + std::to_string(kernels::texture::max_linkage_distance));
  }
  constexpr std::size_t max_extent = std::size_t(std::numeric_limits<int>::max());
  for (const std::size_t e : extent)
    if (e > max_extent) throw std::invalid_argument("zones on the GPU: extent " + std::to_string(e) + " too large");
  // Each extent < 2^31: the product cannot overflow 64 bits; labels are 32-bit voxel indices, as on the CPU.
  if (extent[0] * extent[1] * extent[2] >= std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("zones on the GPU: scope of 2^32 - 1 voxels or more");
}

void label_zones_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent, bool three_d,
                        int linkage_distance, const std::uint8_t* d_mask, const ZoneDeviceBuffers& buffers,
                        cudaStream_t stream) {
  check_zone_arguments(extent, linkage_distance);
  const std::size_t n = extent[0] * extent[1] * extent[2];
  if (n == 0) return;
  const ZoneGrid g = zone_grid(extent, three_d, linkage_distance);
  const std::uint32_t nearest_start = d_mask != nullptr ? std::numeric_limits<std::uint32_t>::max() : 0u;
  init_kernel<<<grid_for(reinterpret_cast<const void*>(init_kernel), n), kThreads, 0, stream>>>(
      n, buffers.d_parent, buffers.d_size, buffers.d_nearest, nearest_start);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());
  if (d_mask != nullptr) distance_map(d_mask, g, buffers.d_distance, stream);
  link_kernel<<<grid_for(reinterpret_cast<const void*>(link_kernel), n), kThreads, 0, stream>>>(
      d_levels, buffers.d_parent, n, g);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());
  stats_kernel<<<grid_for(reinterpret_cast<const void*>(stats_kernel), n), kThreads, 0, stream>>>(
      d_levels, buffers.d_parent, n, buffers.d_size, buffers.d_nearest,
      d_mask != nullptr ? buffers.d_distance : nullptr);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());
}

ZoneMatrices zone_matrices_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent,
                                  const ZoneDeviceBuffers& buffers, int level_count, cudaStream_t stream) {
  const std::size_t n = extent[0] * extent[1] * extent[2];
  std::vector<unsigned long long> summary(kSummaryFields, 0);
  if (n != 0) {
    DeviceBuffer<unsigned long long> d_summary(kSummaryFields);
    VOXFEAT_CUDA_CHECK(cudaMemsetAsync(d_summary.data(), 0, d_summary.bytes(), stream));
    summary_kernel<<<grid_for(reinterpret_cast<const void*>(summary_kernel), n), kThreads, 0, stream>>>(
        d_levels, buffers.d_parent, n, buffers.d_size, buffers.d_nearest, d_summary.data());
    VOXFEAT_CUDA_CHECK(cudaGetLastError());
    d_summary.download(summary, stream);
    VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
  }
  // Levels are int32, columns at most a zone's size or a distance (< 2^32): the casts are exact.
  const auto rows = std::uint32_t(std::max<unsigned long long>(std::uint64_t(std::max(level_count, 0)),
                                                               summary[kMaxLevel]));
  const std::size_t zones = summary[kZoneCount];
  ZoneMatrices out;
  if (zones == 0) {
    out.glszm.counts = out.gldzm.counts = kernels::texture::CountMatrix(rows, 0);
    return out;
  }
  const auto size_cols = std::uint32_t(summary[kSizeColumns]), distance_cols = std::uint32_t(summary[kDistanceColumns]);
  // Zones counted as codes: by size, those above `split` voxels (at most voxels / (split + 1) of them); by
  // distance, any zone may be.
  const std::uint32_t size_split = kernels::texture::zone_dense_columns(rows, size_cols);
  const std::size_t size_codes = std::min<std::size_t>(zones, summary[kVoxelCount] / (std::size_t(size_split) + 1));
  const std::size_t distance_codes =
      kernels::texture::zone_dense_columns(rows, distance_cols) < distance_cols ? zones : 0;
  const ColumnBuffers by_size(ZoneColumn::size, rows, size_cols, size_codes, stream);
  const ColumnBuffers by_distance(ZoneColumn::distance, rows, distance_cols, distance_codes, stream);
  count_kernel<<<grid_for(reinterpret_cast<const void*>(count_kernel), n), kThreads, 0, stream>>>(
      d_levels, buffers.d_parent, n, buffers.d_size, buffers.d_nearest, by_size.args, by_distance.args);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());
  out.glszm = {by_size.finish(stream), summary[kVoxelCount]};
  out.gldzm = {by_distance.finish(stream), summary[kVoxelCount]};
  return out;
}

ZoneMatrices zone_matrices(const kernels::View3<std::int32_t>& scope,
                           const kernels::View3<std::uint8_t>& morphological_mask, bool three_d,
                           int linkage_distance, int level_count, cudaStream_t stream) {
  // Every refusal before the first CUDA call.
  check_zone_arguments(scope.extent, linkage_distance);
  const bool with_distance = morphological_mask.data != nullptr;
  if (with_distance && morphological_mask.extent != scope.extent)
    throw std::invalid_argument("zones on the GPU: morphological mask and grey levels differ in size");
  const std::size_t n = scope.voxel_count();
  if (n == 0) return zone_matrices_device(nullptr, scope.extent, {}, level_count, stream);  // no CUDA call

  DeviceBuffer<std::int32_t> d_levels(n);
  DeviceBuffer<std::uint8_t> d_mask(with_distance ? n : 0);
  DeviceBuffer<std::uint32_t> d_parent(n), d_size(n), d_nearest(n), d_distance(with_distance ? n : 0);
  d_levels.upload({scope.data, n}, stream);
  if (with_distance) d_mask.upload({morphological_mask.data, n}, stream);
  const ZoneDeviceBuffers buffers{d_parent.data(), d_size.data(), d_nearest.data(), d_distance.data()};
  label_zones_device(d_levels.data(), scope.extent, three_d, linkage_distance, with_distance ? d_mask.data() : nullptr,
                     buffers, stream);
  return zone_matrices_device(d_levels.data(), scope.extent, buffers, level_count, stream);
}

}  // namespace voxfeat::cuda
