// GPU GLRLM (cuda/glrlm.hpp): the 13 directions, 32 grey levels, on the 512 x 512 x 300 volume of
// gpu_bench_support.hpp and the ~200k-voxel ball ROI cropped to its bounding box.
//
// What is timed (Google Benchmark manual time):
//   device/...      cudaEvents on one stream around glrlm_matrices_device: clearing the 13 x 32 x width counts, the
//                   host's launch set-up (device attributes, occupancy) and the kernel; the level volume stays in
//                   device memory. /shared, /global: where each block counts.
//   host_api/...    wall clock around cuda::glrlm_matrices, the call the engine makes: level check on the host,
//                   allocation, copies, kernel, dense -> sparse matrices.
// Inputs (splitmix64, fixed seeds): `full_mask` independent uniform levels in 1..32 everywhere (runs of ~1.03 voxels:
// nearly every voxel starts a run, the atomics' worst case); `smooth_full_mask` one uniform level per 8 x 8 x 8 block
// (runs of up to 8 voxels, as in real images: fewer, longer walks); `ball_200k_cropped` full_mask's levels inside the
// ball in its 73^3 bounding box, 0 outside, as the engine hands it over after cropping (launch-latency bound).
// Counters: Gvox/s and items_per_second = volume voxels per second; GB/s = the level volume's bytes (each voxel read
// once from memory as a candidate; predecessors and walks from cache) per second, against the H200's ~4.3 TB/s;
// roi_voxels; checksum = N_v + sum over directions k and cells of (k + 1)(row * width + col + 1) count, mod 1000003.
// After timing, the matrices (and N_v) are compared with the CPU's (kernels::texture::glrlm_matrices); a mismatch
// fails the benchmark.
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "glrlm.hpp"
#include "gpu_bench_support.hpp"
#include "texture/directions.hpp"
#include "texture/glrlm.hpp"

namespace voxfeat::bench_gpu {
namespace {

using cuda::DeviceBuffer;
using cuda::GlrlmPath;
using cuda::PinnedBuffer;
using kernels::texture::RunLengthMatrix;

constexpr std::uint32_t kRunLevels = 32;
const std::span<const kernels::texture::Offset> kDirections(kernels::texture::directions_3d);

/// One level volume and the size of its dense run counts.
struct RunCase : LevelsVolume {
  [[nodiscard]] std::size_t dense_size() const {
    return cuda::glrlm_dense_count_size(kDirections.size(), kRunLevels, cuda::glrlm_width(kDirections, extent));
  }
};

using RunCases = std::map<std::string, std::unique_ptr<RunCase>>;

/// The level of the benchmark volume's voxel (x, y, z): independent (seed 46) or one per 8^3 block (seed 47).
std::int32_t run_level(bool smooth, std::size_t x, std::size_t y, std::size_t z) {
  const double u = smooth ? uniform(47, x / 8 + 64 * (y / 8 + 64 * (z / 8)))
                          : uniform(46, x + kExtent[0] * (y + kExtent[1] * z));
  return std::int32_t(1 + std::uint32_t(u * kRunLevels));
}

RunCases make_run_cases() {
  RunCases cases;
  const auto add = [&](const std::string& name, std::array<std::size_t, 3> low, std::array<std::size_t, 3> extent,
                       bool ball, bool smooth) {
    auto c = std::make_unique<RunCase>();
    c->name = name;
    c->extent = extent;
    c->h_levels = PinnedBuffer<std::int32_t>(c->voxels());
    std::int32_t* out = c->h_levels.data();
    for (std::size_t z = 0, i = 0; z < extent[2]; ++z)
      for (std::size_t y = 0; y < extent[1]; ++y)
        for (std::size_t x = 0; x < extent[0]; ++x, ++i) {
          const std::size_t gx = low[0] + x, gy = low[1] + y, gz = low[2] + z;
          out[i] = !ball || in_ball(gx, gy, gz) ? run_level(smooth, gx, gy, gz) : 0;
          c->roi_voxels += out[i] != 0;
        }
    c->d_levels = DeviceBuffer<std::int32_t>(c->voxels());
    c->d_levels.upload(c->h_levels.span());
    VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
    cases[name] = std::move(c);
  };
  add("full_mask", {0, 0, 0}, kExtent, false, false);
  add("smooth_full_mask", {0, 0, 0}, kExtent, false, true);
  add("ball_200k_cropped", kBallLow, kBallExtent, true, false);
  return cases;
}

using RunInputs = LazyInputs<RunCases, &make_run_cases>;

/// The CPU's matrices, computed once per case.
const std::vector<RunLengthMatrix>& cpu_runs(const RunCase& c) {
  static std::map<std::string, std::vector<RunLengthMatrix>> cache;
  auto& slot = cache[c.name];
  if (slot.empty()) slot = kernels::texture::glrlm_matrices(c.view(), kDirections, kRunLevels);
  return slot;
}

/// Verifies the matrices against the CPU and sets the counters.
void finish_runs(benchmark::State& state, const RunCase& c, const std::vector<RunLengthMatrix>& matrices,
                 double seconds) {
  if (matrices != cpu_runs(c)) {
    state.SkipWithError("GPU GLRLM differs from the CPU's");
    return;
  }
  std::uint64_t checksum = matrices.empty() ? 0 : matrices.front().voxels % 1000003u;
  for (std::size_t k = 0; k < matrices.size(); ++k)
    for (const auto& e : matrices[k].runs.entries()) {
      const std::uint64_t weight = (k + 1) * (std::uint64_t(e.row) * matrices[k].runs.cols() + e.col + 1);
      checksum = (checksum + weight % 1000003u * (e.count % 1000003u)) % 1000003u;
    }
  set_counters(state, c.voxels(), c.roi_voxels, checksum, seconds, double(c.voxels()) * 4.0);
}

void device_resident(benchmark::State& state, const std::string& case_name, GlrlmPath path) {
  const RunCase& c = *RunInputs::get().at(case_name);
  DeviceBuffer<std::uint64_t> d_counts(c.dense_size());
  const double seconds = time_on_stream(state, [&] {
    cuda::glrlm_matrices_device(c.d_levels.data(), c.extent, kDirections, kRunLevels, d_counts.data(), nullptr,
                                path);
  });
  std::vector<std::uint64_t> dense(d_counts.size());
  d_counts.download(dense);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  finish_runs(state, c, cuda::glrlm_from_dense(dense, kDirections, c.extent, kRunLevels), seconds);
}

void host_api(benchmark::State& state, const std::string& case_name) {
  const RunCase& c = *RunInputs::get().at(case_name);
  std::vector<RunLengthMatrix> matrices = cuda::glrlm_matrices(c.view(), kDirections, kRunLevels);  // warm-up
  double seconds = 0.0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    matrices = cuda::glrlm_matrices(c.view(), kDirections, kRunLevels);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s);
    seconds += s;
  }
  finish_runs(state, c, matrices, seconds);
}

}  // namespace

void register_glrlm_benchmarks() {
  for (const char* input : {"full_mask", "smooth_full_mask", "ball_200k_cropped"}) {
    const std::string prefix = std::string("glrlm/device/") + input + "/ng:32/";
    register_manual(prefix + "shared", device_resident, std::string(input), GlrlmPath::automatic);
    if (std::string(input) != "smooth_full_mask") {
      register_manual(prefix + "global", device_resident, std::string(input), GlrlmPath::global_memory);
    }
  }
  register_manual("glrlm/host_api/ball_200k_cropped/ng:32", host_api, std::string("ball_200k_cropped"));
}

void release_glrlm_inputs() { RunInputs::release(); }

}  // namespace voxfeat::bench_gpu
