#include "ngldm.hpp"

#include <span>
#include <vector>

#include "device_buffer.hpp"
#include "ngtdm_ngldm_table.cuh"

namespace voxfeat::cuda {
namespace {

constexpr const char* kFamily = "NGLDM";

void check_alpha(int alpha) {
  if (alpha < 0) throw std::invalid_argument("NGLDM: coarseness must be at least 0, got " + std::to_string(alpha));
}

}  // namespace

std::size_t ngldm_shared_bytes(bool three_d, int delta, int level_count) {
  return table_shared_bytes(detail::checked_cells(kFamily, delta, level_count, three_d, false), false);
}

std::size_t ngldm_table_size(bool three_d, int delta, int level_count) {
  return std::size_t(detail::checked_cells(kFamily, delta, level_count, three_d, false)) + 1;
}

void ngldm_matrix_device(const kernels::View3<std::int32_t>& d_scope, bool three_d, int delta, int alpha,
                         int level_count, std::uint64_t* d_counts, cudaStream_t stream, TablePath path) {
  const std::int64_t cells = detail::checked_cells(kFamily, delta, level_count, three_d, false);
  check_alpha(alpha);
  const bool shared = detail::use_shared(kFamily, path, table_shared_bytes(cells, false));
  detail::count_level_table(detail::NgldmCellOf{alpha}, detail::device_grid(d_scope, three_d, delta), level_count,
                            cells / level_count, shared, reinterpret_cast<unsigned long long*>(d_counts), nullptr,
                            stream);
}

kernels::texture::CountMatrix ngldm_matrix(const kernels::View3<std::int32_t>& scope, bool three_d, int delta,
                                           int alpha, int level_count, cudaStream_t stream, TablePath path) {
  // Every check before the first CUDA call: a refused input falls back to the CPU without touching the device.
  const std::int64_t cells = detail::checked_cells(kFamily, delta, level_count, three_d, false);
  check_alpha(alpha);
  (void)detail::use_shared(kFamily, path, table_shared_bytes(cells, false));
  detail::check_levels(kFamily, scope, level_count);

  const std::size_t n = scope.voxel_count();
  DeviceBuffer<std::int32_t> d_levels(n);
  DeviceBuffer<std::uint64_t> d_counts(std::size_t(cells) + 1);
  d_levels.upload({scope.data, n}, stream);
  ngldm_matrix_device({d_levels.data(), scope.extent, scope.spacing}, three_d, delta, alpha, level_count,
                      d_counts.data(), stream, path);
  std::vector<std::uint64_t> counts(std::size_t(cells) + 1);
  d_counts.download(counts, stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
  if (counts.back() != 0) throw std::logic_error("NGLDM (GPU): invalid levels counted after the host check");
  const auto rows = std::uint32_t(level_count), cols = std::uint32_t(cells / level_count);
  return kernels::texture::CountMatrix::from_dense(rows, cols, std::span(counts).first(std::size_t(cells)));
}

}  // namespace voxfeat::cuda
