#include "resample.hpp"

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "device_info.hpp"
#include "resample_voxel.hpp"

namespace voxfeat::cuda {
namespace {

using kernels::GridMap;
using kernels::Interpolator;

constexpr int kThreads = 256;
constexpr std::size_t kNoItemCap = std::numeric_limits<std::size_t>::max();  // no per-block counters to fill

/// One thread per output voxel, grid-stride: the interpolated sum at the voxel's taps (resample_voxel.hpp), then
/// the stored value. `n` = m0 · m1 · m2 ≤ kResampleMaxVoxels, so i + stride never wraps.
template <int KX, int KY, int KZ, class Source, class Out, class Finish>
__global__ void __launch_bounds__(kThreads)
    resample_kernel(const Source* __restrict__ source, ResampleTaps taps, unsigned long long m0,
                    unsigned long long m1, unsigned long long n, Finish finish, Out* __restrict__ out) {
  const unsigned long long stride = static_cast<unsigned long long>(gridDim.x) * blockDim.x;
  for (unsigned long long i = static_cast<unsigned long long>(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += stride) {
    unsigned long long x = 0, y = 0, z = 0;
    output_coord(i, m0, m1, x, y, z);
    out[i] = finish(resample_sum<KX, KY, KZ>(source, taps, x, y, z));
  }
}

/// m0 · m1 · m2, or throws std::invalid_argument (naming `what`) above kResampleMaxVoxels.
std::size_t checked_voxels(const std::array<std::size_t, 3>& m, const char* what) {
  std::size_t n = 1;
  for (const std::size_t e : m) {
    if (e != 0 && n > kResampleMaxVoxels / e) {
      throw std::invalid_argument(std::string("resampling on the GPU: the ") + what + " exceeds 2^62 voxels");
    }
    n *= e;
  }
  return n;
}

std::array<std::size_t, 3> target_size(const GridMap& grid) { return {grid[0].size, grid[1].size, grid[2].size}; }

/// Every refusal that needs no device, then the host tap tables: the source is not empty and within the voxel cap,
/// the grid within it, the axes' tap counts a combination the CPU takes, and every tap inside the source (the
/// kernel reads there without a bounds test; host_tap_tables checks each index).
HostTapTables prepare(const std::array<std::size_t, 3>& source_extent, const GridMap& grid, Interpolator how) {
  if (checked_voxels(source_extent, "source") == 0) throw std::invalid_argument("resample: the source is empty");
  checked_voxels(target_size(grid), "grid");
  HostTapTables tables = host_tap_tables(grid, source_extent, how);
  if (!kernels::supported_tap_counts(tables.k[0], tables.k[1], tables.k[2])) {
    throw std::invalid_argument("resampling on the GPU: unsupported combination of axis kernels (x and y must be "
                                "resampled alike, z alike or not at all)");
  }
  return tables;
}

/// Stream-ordered device memory (cudaMallocAsync / cudaFreeAsync on one stream): freed after the work queued
/// before the free, so an asynchronous call can let go of it on return.
class StreamBuffer {
 public:
  StreamBuffer(std::size_t bytes, cudaStream_t stream) : m_stream(stream) {
    if (bytes != 0) VOXFEAT_CUDA_CHECK(cudaMallocAsync(&m_data, bytes, stream));
  }
  StreamBuffer(const StreamBuffer&) = delete;
  StreamBuffer& operator=(const StreamBuffer&) = delete;
  ~StreamBuffer() {
    if (m_data != nullptr) (void)cudaFreeAsync(m_data, m_stream);  // a destructor cannot throw; see device_buffer.hpp
  }
  [[nodiscard]] void* data() const noexcept { return m_data; }

 private:
  void* m_data = nullptr;
  cudaStream_t m_stream = nullptr;
};

template <int KX, int KY, int KZ, class Source, class Out, class Finish>
void launch(const Source* d_source, const ResampleTaps& taps, const std::array<std::size_t, 3>& m, std::size_t n,
            Finish finish, Out* d_out, cudaStream_t stream) {
  const auto kernel = resample_kernel<KX, KY, KZ, Source, Out, Finish>;
  const int blocks =
      resident_grid_size(reinterpret_cast<const void*>(kernel), kThreads, 0, n, kNoItemCap, "resampling on the GPU");
  kernel<<<unsigned(blocks), kThreads, 0, stream>>>(d_source, taps, m[0], m[1], n, finish, d_out);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());  // launch configuration errors; faults surface at the next synchronising call
}

/// Uploads `tables` to stream-ordered memory and launches the kernel of their tap counts (checked by prepare()).
template <class Source, class Out, class Finish>
void run(const Source* d_source, const HostTapTables& tables, const std::array<std::size_t, 3>& m, Finish finish,
         Out* d_out, cudaStream_t stream) {
  const std::size_t n = m[0] * m[1] * m[2];
  if (n == 0) return;
  const std::size_t count = tables.offset.size();
  StreamBuffer d_tables(count * (sizeof(unsigned long long) + sizeof(double)), stream);
  auto* d_offset = static_cast<unsigned long long*>(d_tables.data());
  auto* d_weight = reinterpret_cast<double*>(d_offset + count);  // 8-byte aligned: after count 8-byte values
  // From pageable memory: each copy returns once the host values are staged, so `tables` may go when run() returns.
  VOXFEAT_CUDA_CHECK(cudaMemcpyAsync(d_offset, tables.offset.data(), count * sizeof(unsigned long long),
                                     cudaMemcpyHostToDevice, stream));
  VOXFEAT_CUDA_CHECK(
      cudaMemcpyAsync(d_weight, tables.weight.data(), count * sizeof(double), cudaMemcpyHostToDevice, stream));
  const ResampleTaps taps = tables.view(d_offset, d_weight);
  with_tap_counts(tables.k, [&]<int KX, int KY, int KZ>() {
    launch<KX, KY, KZ>(d_source, taps, m, n, finish, d_out, stream);
  });
}

void refuse_spline_mask(Interpolator how) {
  if (how == Interpolator::cubic_spline) {
    throw std::invalid_argument("a mask is interpolated by nearest neighbour or linearly, not by a cubic spline");
  }
}

/// Host source in, host result out: upload, run, download, synchronise.
template <class Source, class Out, class Finish>
void round_trip(const Source* h_source, std::size_t source_voxels, const HostTapTables& tables,
                const std::array<std::size_t, 3>& m, Finish finish, Out* out, cudaStream_t stream) {
  const std::size_t n = m[0] * m[1] * m[2];
  if (n == 0) return;
  DeviceBuffer<Source> d_source(source_voxels);
  DeviceBuffer<Out> d_out(n);
  d_source.upload({h_source, source_voxels}, stream);
  run(d_source.data(), tables, m, finish, d_out.data(), stream);
  d_out.download({out, n}, stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
}

}  // namespace

void resample_image(const kernels::View3<float>& source, const GridMap& grid, Interpolator how,
                    bool round_to_integer, float* out, cudaStream_t stream) {
  if (source.data == nullptr) throw std::invalid_argument("resample: the source is empty");
  const ImageFinish finish{round_to_integer};
  if (how == Interpolator::cubic_spline) {
    prepare(source.extent, grid, how);  // the refusals, before the prefilter's work
    const kernels::SplineCoefficients spline = kernels::spline_coefficients(source, grid);
    const HostTapTables tables = prepare(spline.extent, spline.grid, how);
    round_trip(spline.values.data(), spline.values.size(), tables, target_size(grid), finish, out, stream);
    return;
  }
  const HostTapTables tables = prepare(source.extent, grid, how);
  round_trip(source.data, source.voxel_count(), tables, target_size(grid), finish, out, stream);
}

void resample_mask(const kernels::View3<std::uint8_t>& source, const GridMap& grid, Interpolator how,
                   double partial_volume_threshold, std::uint8_t* out, cudaStream_t stream) {
  refuse_spline_mask(how);
  if (source.data == nullptr) throw std::invalid_argument("resample: the source is empty");
  const HostTapTables tables = prepare(source.extent, grid, how);
  const MaskFinish finish{kernels::mask_keep_threshold(partial_volume_threshold)};
  round_trip(source.data, source.voxel_count(), tables, target_size(grid), finish, out, stream);
}

void resample_image_device(const float* d_source, const std::array<std::size_t, 3>& source_extent,
                           const GridMap& grid, Interpolator how, bool round_to_integer, float* d_out,
                           cudaStream_t stream) {
  if (how == Interpolator::cubic_spline) {
    throw std::invalid_argument("resample_image_device: a cubic spline interpolates B-spline coefficients; use "
                                "kernels::spline_coefficients and resample_spline_device");
  }
  const HostTapTables tables = prepare(source_extent, grid, how);
  run(d_source, tables, target_size(grid), ImageFinish{round_to_integer}, d_out, stream);
}

void resample_spline_device(const double* d_coefficients, const std::array<std::size_t, 3>& coefficient_extent,
                            const GridMap& coefficient_grid, bool round_to_integer, float* d_out,
                            cudaStream_t stream) {
  const HostTapTables tables = prepare(coefficient_extent, coefficient_grid, Interpolator::cubic_spline);
  run(d_coefficients, tables, target_size(coefficient_grid), ImageFinish{round_to_integer}, d_out, stream);
}

void resample_mask_device(const std::uint8_t* d_source, const std::array<std::size_t, 3>& source_extent,
                          const GridMap& grid, Interpolator how, double partial_volume_threshold,
                          std::uint8_t* d_out, cudaStream_t stream) {
  refuse_spline_mask(how);
  const HostTapTables tables = prepare(source_extent, grid, how);
  run(d_source, tables, target_size(grid), MaskFinish{kernels::mask_keep_threshold(partial_volume_threshold)}, d_out,
      stream);
}

}  // namespace voxfeat::cuda
