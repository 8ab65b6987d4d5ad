// GPU resampling (cuda/resample.hpp): a CT-like 512 x 512 x 300 float volume at 0.8 x 0.8 x 2 mm resampled to 1 mm
// isotropic (IBSI grid, align grid centres: 410 x 410 x 600 = 100.9 M output voxels), linear and cubic spline.
//
// What is timed (Google Benchmark manual time):
//   device/...      cudaEvents on one stream around resample_image_device (linear) or resample_spline_device
//                   (cubic_spline, on B-spline coefficients already in device memory: the host prefilter is not
//                   timed here): building the tap tables on the host and copying them (~40 KB), the kernel; source
//                   and output stay in device memory.
//   round_trip/...  cudaEvents around: pinned source (linear: the image, 4 B a voxel; cubic_spline: the
//                   coefficients, 8 B a voxel of the padded volume) -> device, the kernel, output -> pinned host.
//   host_api/...    wall clock around cuda::resample_image, the call the engine makes: for cubic_spline the host
//                   prefilter (kernels::spline_coefficients, TBB) included; allocation, pageable copies, kernel.
// Input: air (-1000 HU) around an elliptic body of soft tissue (40 HU) with a denser core (300 HU), plus uniform
// noise of +-20 HU (splitmix64 seed 45), whole numbers as CT stores them. Counters: items_per_second and Gvox/s =
// OUTPUT voxels per second; GB/s = bytes the kernel must move (source once, output once) per second, or bytes over
// PCIe for round_trip; checksum = sum of round(value) mod 1000003. After timing, each output is compared bit for bit
// with the CPU's kernels::resample_image over the whole grid (computed once per interpolator: a few seconds on the
// server's 16 cores); a mismatch fails the benchmark.
#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "gpu_bench_support.hpp"
#include "resample.hpp"
#include "resample/interpolation_grid.hpp"
#include "resample/resample.hpp"
#include "resample/resample_taps.hpp"

namespace voxfeat::bench_gpu {
namespace {

using cuda::DeviceBuffer;
using cuda::PinnedBuffer;
using kernels::Interpolator;

constexpr std::array<double, 3> kSpacing{0.8, 0.8, 2.0};
constexpr std::array<double, 3> kTargetSpacing{1.0, 1.0, 1.0};

struct ResampleInputs {
  kernels::GridMap grid;
  std::size_t out_voxels = 0;
  PinnedBuffer<float> h_image;
  DeviceBuffer<float> d_image;
  kernels::SplineCoefficients spline;  // grid and extent; the values live pinned below
  PinnedBuffer<double> h_coefficients;
  DeviceBuffer<double> d_coefficients;

  [[nodiscard]] std::size_t voxels() const { return kExtent[0] * kExtent[1] * kExtent[2]; }
  [[nodiscard]] kernels::View3<float> view() const { return {h_image.data(), kExtent, kSpacing}; }
};

float ct_value(std::size_t x, std::size_t y, std::size_t z) {
  const double dx = (double(x) - 256.0) / 220.0, dy = (double(y) - 256.0) / 160.0;
  const double r2 = dx * dx + dy * dy;
  const double tissue = r2 > 1.0 ? -1000.0 : (r2 < 0.1 ? 300.0 : 40.0);
  return float(std::round(tissue + 40.0 * (uniform(45, x + kExtent[0] * (y + kExtent[1] * z)) - 0.5)));
}

ResampleInputs make_inputs() {
  ResampleInputs in;
  in.grid = kernels::ibsi_interpolation_grid(kExtent, kSpacing, kTargetSpacing, {true, true, true});
  in.out_voxels = in.grid[0].size * in.grid[1].size * in.grid[2].size;
  in.h_image = PinnedBuffer<float>(in.voxels());
  for (std::size_t z = 0, i = 0; z < kExtent[2]; ++z)
    for (std::size_t y = 0; y < kExtent[1]; ++y)
      for (std::size_t x = 0; x < kExtent[0]; ++x, ++i) in.h_image.data()[i] = ct_value(x, y, z);
  in.d_image = DeviceBuffer<float>(in.voxels());
  in.d_image.upload(in.h_image.span());
  in.spline = kernels::spline_coefficients(in.view(), in.grid);
  in.h_coefficients = PinnedBuffer<double>(in.spline.values.size());
  std::memcpy(in.h_coefficients.data(), in.spline.values.data(), in.spline.values.size() * sizeof(double));
  in.d_coefficients = DeviceBuffer<double>(in.spline.values.size());
  in.d_coefficients.upload(in.h_coefficients.span());
  in.spline.values = {};  // 0.75 GB: the pinned copy is enough
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  return in;
}

using Inputs = LazyInputs<ResampleInputs, &make_inputs>;

/// The CPU's whole-grid result, once per interpolator.
const std::vector<float>& reference(Interpolator how) {
  static std::map<Interpolator, std::vector<float>> cache;
  std::vector<float>& slot = cache[how];
  if (slot.empty()) {
    const ResampleInputs& in = Inputs::get();
    slot.resize(in.out_voxels);
    kernels::resample_image(in.view(), in.grid, how, false, slot.data());
  }
  return slot;
}

/// Verifies `out` against the CPU bit for bit and sets the shared counters.
void finish(benchmark::State& state, Interpolator how, const float* out, double seconds, double bytes_per_call) {
  const std::vector<float>& expected = reference(how);
  if (std::memcmp(expected.data(), out, expected.size() * sizeof(float)) != 0) {
    state.SkipWithError("GPU resampling differs from the CPU's");
    return;
  }
  std::int64_t checksum = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) checksum = (checksum + std::llround(out[i])) % 1000003;
  set_counters(state, expected.size(), 0, std::uint64_t((checksum + 1000003) % 1000003), seconds, bytes_per_call);
}

/// Bytes a kernel call must move through device memory: the source once, the output once.
double kernel_bytes(const ResampleInputs& in, Interpolator how) {
  const double source = how == Interpolator::cubic_spline ? 8.0 * double(in.h_coefficients.size())
                                                          : 4.0 * double(in.voxels());
  return source + 4.0 * double(in.out_voxels);
}

void launch_device(const ResampleInputs& in, Interpolator how, const float* d_image, const double* d_coefficients,
                   float* d_out) {
  if (how == Interpolator::cubic_spline) {
    cuda::resample_spline_device(d_coefficients, in.spline.extent, in.spline.grid, false, d_out);
  } else {
    cuda::resample_image_device(d_image, kExtent, in.grid, how, false, d_out);
  }
}

void device_resident(benchmark::State& state, Interpolator how) {
  const ResampleInputs& in = Inputs::get();
  DeviceBuffer<float> d_out(in.out_voxels);
  const double seconds = time_on_stream(
      state, [&] { launch_device(in, how, in.d_image.data(), in.d_coefficients.data(), d_out.data()); });
  std::vector<float> out(in.out_voxels);
  d_out.download(out);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  finish(state, how, out.data(), seconds, kernel_bytes(in, how));
}

void round_trip(benchmark::State& state, Interpolator how) {
  const ResampleInputs& in = Inputs::get();
  const bool spline = how == Interpolator::cubic_spline;
  DeviceBuffer<float> d_image(spline ? 0 : in.voxels());
  DeviceBuffer<double> d_coefficients(spline ? in.h_coefficients.size() : 0);
  DeviceBuffer<float> d_out(in.out_voxels);
  PinnedBuffer<float> h_out(in.out_voxels);
  const double seconds = time_on_stream(state, [&] {
    if (spline) {
      d_coefficients.upload(in.h_coefficients.span());
    } else {
      d_image.upload(in.h_image.span());
    }
    launch_device(in, how, d_image.data(), d_coefficients.data(), d_out.data());
    d_out.download(h_out.span());
  });
  const double in_bytes = spline ? 8.0 * double(in.h_coefficients.size()) : 4.0 * double(in.voxels());
  finish(state, how, h_out.data(), seconds, in_bytes + 4.0 * double(in.out_voxels));
}

void host_api(benchmark::State& state, Interpolator how) {
  const ResampleInputs& in = Inputs::get();
  std::vector<float> out(in.out_voxels);
  cuda::resample_image(in.view(), in.grid, how, false, out.data());  // warm-up
  const double seconds =
      time_wall_clock(state, [&] { cuda::resample_image(in.view(), in.grid, how, false, out.data()); });
  finish(state, how, out.data(), seconds, 4.0 * double(in.voxels()) + 4.0 * double(in.out_voxels));
}

}  // namespace

void register_resample_benchmarks() {
  for (const Interpolator how : {Interpolator::linear, Interpolator::cubic_spline}) {
    const std::string name = how == Interpolator::linear ? "linear" : "cubic_spline";
    register_manual("resample/device/ct_0.8x0.8x2_to_1mm/" + name, device_resident, how);
    register_manual("resample/round_trip/ct_0.8x0.8x2_to_1mm/" + name, round_trip, how);
    register_manual("resample/host_api/ct_0.8x0.8x2_to_1mm/" + name, host_api, how);
  }
}

void release_resample_inputs() { Inputs::release(); }

}  // namespace voxfeat::bench_gpu
