#include "ngtdm.hpp"

#include <vector>

#include "device_buffer.hpp"
#include "ngtdm_ngldm_table.cuh"

namespace voxfeat::cuda {
namespace {

constexpr const char* kFamily = "NGTDM";

/// n_i and s_i per level from the workspace's two tables (one thread per level: Ng ≤ 2^16 rows of C cells), and the
/// count of invalid levels. ngtdm_level is the same code that finishes the host tests' tables.
__global__ void ngtdm_finish_kernel(const std::uint64_t* __restrict__ workspace, int ng, std::int64_t columns,
                                    std::uint64_t* __restrict__ counts, double* __restrict__ sums) {
  const int i = int(blockIdx.x * blockDim.x + threadIdx.x);
  if (i > ng) return;
  const std::size_t cells = std::size_t(ng) * std::size_t(columns);
  if (i == ng) {
    counts[ng] = workspace[cells];
    return;
  }
  const std::size_t row = std::size_t(i) * std::size_t(columns);
  const NgtdmLevel level = ngtdm_level(workspace + row, workspace + cells + 1 + row, columns);
  counts[i] = level.count;
  sums[i] = level.sum;
}

}  // namespace

std::size_t ngtdm_shared_bytes(bool three_d, int delta, int level_count) {
  return table_shared_bytes(detail::checked_cells(kFamily, delta, level_count, three_d, true), true);
}

std::size_t ngtdm_workspace_size(bool three_d, int delta, int level_count) {
  return 2 * std::size_t(detail::checked_cells(kFamily, delta, level_count, three_d, true)) + 1;
}

void ngtdm_matrix_device(const kernels::View3<std::int32_t>& d_scope, bool three_d, int delta, int level_count,
                         std::uint64_t* d_counts, double* d_sums, std::uint64_t* d_workspace, cudaStream_t stream,
                         TablePath path) {
  const std::int64_t cells = detail::checked_cells(kFamily, delta, level_count, three_d, true);
  const bool shared = detail::use_shared(kFamily, path, table_shared_bytes(cells, true));
  const std::int64_t columns = cells / level_count;
  auto* workspace = reinterpret_cast<unsigned long long*>(d_workspace);
  detail::count_level_table(detail::NgtdmCellOf{}, detail::device_grid(d_scope, three_d, delta), level_count, columns,
                            shared, workspace, workspace + cells + 1, stream);
  const int blocks = (level_count + 1 + detail::kTableThreads - 1) / detail::kTableThreads;
  ngtdm_finish_kernel<<<blocks, detail::kTableThreads, 0, stream>>>(d_workspace, level_count, columns, d_counts,
                                                                    d_sums);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());
}

kernels::texture::NgtdmMatrix ngtdm_matrix(const kernels::View3<std::int32_t>& scope, bool three_d, int delta,
                                           int level_count, cudaStream_t stream, TablePath path) {
  // Every check before the first CUDA call: a refused input falls back to the CPU without touching the device.
  const std::int64_t cells = detail::checked_cells(kFamily, delta, level_count, three_d, true);
  (void)detail::use_shared(kFamily, path, table_shared_bytes(cells, true));
  detail::check_levels(kFamily, scope, level_count);

  const std::size_t n = scope.voxel_count(), ng = std::size_t(level_count);
  DeviceBuffer<std::int32_t> d_levels(n);
  DeviceBuffer<std::uint64_t> d_counts(ng + 1);
  DeviceBuffer<double> d_sums(ng);
  DeviceBuffer<std::uint64_t> d_workspace(2 * std::size_t(cells) + 1);
  d_levels.upload({scope.data, n}, stream);
  ngtdm_matrix_device({d_levels.data(), scope.extent, scope.spacing}, three_d, delta, level_count, d_counts.data(),
                      d_sums.data(), d_workspace.data(), stream, path);

  kernels::texture::NgtdmMatrix result;
  result.counts.resize(ng + 1);
  result.sums.resize(ng);
  d_counts.download(result.counts, stream);
  d_sums.download(result.sums, stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
  if (result.counts.back() != 0) throw std::logic_error("NGTDM (GPU): invalid levels counted after the host check");
  result.counts.pop_back();
  for (const std::uint64_t count : result.counts) result.total += count;
  return result;
}

}  // namespace voxfeat::cuda
