// GPU GLCM (cuda/glcm.hpp): 13 directions at distance 1, 32 grey levels, symmetric (IBSI's GLCM), on the
// 512 x 512 x 300 volume of gpu_bench_support.hpp and a ~200k-voxel ball ROI.
//
// What is timed (Google Benchmark manual time):
//   device/...      cudaEvents on one stream around glcm_matrices_device: clearing the 13 x 32 x 32 counts, the
//                   host's launch set-up (a few µs: device attributes, occupancy) and the kernel; the level volume
//                   stays in device memory.
//   round_trip/...  cudaEvents: pinned host -> device copy of the level volume, the kernel, dense counts -> host.
//   host_api/...    wall clock around cuda::glcm_matrices, the call the engine makes: level check on the host,
//                   allocation, copies, kernel, dense -> sparse matrices.
// Inputs (splitmix64, fixed seeds): `full_mask` independent uniform levels in 1..32 everywhere (every cell of every
// matrix hit, few repeats within a warp); `smooth_full_mask` one uniform level per 8 x 8 x 8 block (neighbours share
// level pairs, as in real images: the warp-aggregated atomics' case); `ball_200k` the levels of full_mask inside the
// ball, 0 outside (the kernel still reads the whole volume); `ball_200k_cropped` the same ball in its 73^3 bounding
// box, as the engine hands it over after cropping (launch-latency bound).
// Counters: Gvox/s and items_per_second = volume voxels per second; GB/s = the level volume's bytes (each voxel read
// once from memory, neighbours from cache) per second, against the H200's ~4.3 TB/s; roi_voxels; checksum =
// sum over offsets k and cells of (k + 1)(row * 32 + col + 1) count, mod 1000003. After timing, the matrices are
// compared with the CPU's (kernels::texture::glcm_matrices); a mismatch fails the benchmark.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "glcm.hpp"
#include "gpu_bench_support.hpp"
#include "texture/directions.hpp"
#include "texture/glcm.hpp"

namespace voxfeat::bench_gpu {
namespace {

using cuda::DeviceBuffer;
using cuda::GlcmPath;
using cuda::PinnedBuffer;
using kernels::texture::CountMatrix;

constexpr std::uint32_t kLevels = 32;
constexpr bool kSymmetric = true;
const std::span<const kernels::texture::Offset> kOffsets(kernels::texture::directions_3d);

using Case = LevelsVolume;

using CaseMap = std::map<std::string, std::unique_ptr<Case>>;

CaseMap make_cases() {
  CaseMap cases;
  // `level(x, y, z)` of the full volume, restricted to the box at `low` of `extent`, 0 where `inside` is false.
  const auto add = [&](const std::string& name, std::array<std::size_t, 3> low, std::array<std::size_t, 3> extent,
                       bool ball, auto level) {
    auto c = std::make_unique<Case>();
    c->name = name;
    c->extent = extent;
    c->h_levels = PinnedBuffer<std::int32_t>(c->voxels());
    c->roi_voxels = fill_levels(c->h_levels.data(), low, extent, ball, level);
    c->d_levels = DeviceBuffer<std::int32_t>(c->voxels());
    c->d_levels.upload(c->h_levels.span());
    VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
    cases[name] = std::move(c);
  };
  const auto independent = [](std::size_t x, std::size_t y, std::size_t z) {
    return independent_level(44, x, y, z, int(kLevels));
  };
  const auto smooth = [](std::size_t x, std::size_t y, std::size_t z) {
    return block_level(45, x, y, z, int(kLevels));
  };
  add("full_mask", {0, 0, 0}, kExtent, false, independent);
  add("smooth_full_mask", {0, 0, 0}, kExtent, false, smooth);
  add("ball_200k", {0, 0, 0}, kExtent, true, independent);
  add("ball_200k_cropped", kBallLow, kBallExtent, true, independent);
  return cases;
}

using Inputs = LazyInputs<CaseMap, &make_cases>;

/// The CPU's matrices, computed once per case.
const std::vector<CountMatrix>& cpu_matrices(const Case& c) {
  static std::map<std::string, std::vector<CountMatrix>> cache;
  auto& slot = cache[c.name];
  if (slot.empty()) slot = kernels::texture::glcm_matrices(c.view(), kOffsets, kLevels, kSymmetric);
  return slot;
}

std::vector<CountMatrix> to_sparse(std::span<const std::uint64_t> dense) {
  const std::size_t cells = std::size_t(kLevels) * kLevels;
  std::vector<CountMatrix> out;
  for (std::size_t k = 0; k < kOffsets.size(); ++k) {
    out.push_back(CountMatrix::from_dense(kLevels, kLevels, dense.subspan(k * cells, cells)));
  }
  return out;
}

/// Verifies the matrices against the CPU and sets the counters.
void finish(benchmark::State& state, const Case& c, const std::vector<CountMatrix>& matrices, double seconds,
            double bytes_per_call) {
  if (matrices != cpu_matrices(c)) {
    state.SkipWithError("GPU GLCM differs from the CPU's");
    return;
  }
  std::uint64_t checksum = 0;
  for (std::size_t k = 0; k < matrices.size(); ++k)
    for (const auto& e : matrices[k].entries()) {
      const std::uint64_t weight = (k + 1) * (std::uint64_t(e.row) * kLevels + e.col + 1);
      checksum = (checksum + weight * (e.count % 1000003u)) % 1000003u;
    }
  set_counters(state, c.voxels(), c.roi_voxels, checksum, seconds, bytes_per_call);
}

void device_resident(benchmark::State& state, const std::string& case_name, GlcmPath path) {
  const Case& c = *Inputs::get().at(case_name);
  DeviceBuffer<std::uint64_t> d_counts(kOffsets.size() * kLevels * kLevels);
  const double seconds = time_on_stream(state, [&] {
    cuda::glcm_matrices_device(c.d_levels.data(), c.extent, kOffsets, kLevels, kSymmetric, d_counts.data(), nullptr,
                               path);
  });
  std::vector<std::uint64_t> dense(d_counts.size());
  d_counts.download(dense);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  finish(state, c, to_sparse(dense), seconds, double(c.voxels()) * 4.0);
}

void round_trip(benchmark::State& state, const std::string& case_name) {
  const Case& c = *Inputs::get().at(case_name);
  DeviceBuffer<std::int32_t> d_levels(c.voxels());
  DeviceBuffer<std::uint64_t> d_counts(kOffsets.size() * kLevels * kLevels);
  PinnedBuffer<std::uint64_t> h_counts(d_counts.size());
  const double seconds = time_on_stream(state, [&] {
    d_levels.upload(c.h_levels.span());
    cuda::glcm_matrices_device(d_levels.data(), c.extent, kOffsets, kLevels, kSymmetric, d_counts.data());
    d_counts.download(h_counts.span());
  });
  // Bytes over PCIe: the level volume in, the dense counts out.
  finish(state, c, to_sparse(h_counts.span()), seconds, double(c.voxels()) * 4.0 + double(d_counts.bytes()));
}

void host_api(benchmark::State& state, const std::string& case_name) {
  const Case& c = *Inputs::get().at(case_name);
  std::vector<CountMatrix> matrices = cuda::glcm_matrices(c.view(), kOffsets, kLevels, kSymmetric);  // warm-up
  const double seconds =
      time_wall_clock(state, [&] { matrices = cuda::glcm_matrices(c.view(), kOffsets, kLevels, kSymmetric); });
  finish(state, c, matrices, seconds, double(c.voxels()) * 4.0);
}

/// Wall clock around cuda::glcm_matrices_streamed within `budget_mib` MiB of device memory: the slabs' host copies
/// into pinned memory, their transfers on a copy stream and the kernels overlapping them.
void streamed(benchmark::State& state, const std::string& case_name, std::size_t budget_mib) {
  const Case& c = *Inputs::get().at(case_name);
  const std::size_t budget = budget_mib << 20;
  std::vector<CountMatrix> matrices;
  const double seconds = time_wall_clock(
      state, [&] { matrices = cuda::glcm_matrices_streamed(c.view(), kOffsets, kLevels, kSymmetric, budget); });
  state.counters["slab_planes"] = double(cuda::glcm_stream_depth(c.extent, kOffsets, kLevels, budget));
  finish(state, c, matrices, seconds, double(c.voxels()) * 4.0);
}

/// The 2D aggregation's per-slice scopes (4 in-plane directions, one matrix set per slice): every slice in one
/// cuda::glcm_matrices_batch call (`batched`), or one cuda::glcm_matrices call per slice as before. Wall clock.
void slices(benchmark::State& state, const std::string& case_name, bool batched) {
  const Case& c = *Inputs::get().at(case_name);
  const auto in_plane = kernels::texture::directions(false);
  std::vector<kernels::View3<std::int32_t>> scopes;
  const std::size_t plane = c.extent[0] * c.extent[1];
  for (std::size_t z = 0; z < c.extent[2]; ++z)
    scopes.push_back({c.h_levels.data() + z * plane, {c.extent[0], c.extent[1], 1}});
  std::vector<std::vector<CountMatrix>> matrices;
  const double seconds = time_wall_clock(state, [&] {
    if (batched) {
      matrices = cuda::glcm_matrices_batch(scopes, in_plane, kLevels, kSymmetric);
    } else {
      matrices.clear();
      for (const auto& scope : scopes) matrices.push_back(cuda::glcm_matrices(scope, in_plane, kLevels, kSymmetric));
    }
  });
  // Checked against the CPU on a sample of slices (all of them would take the CPU minutes per case).
  for (std::size_t z = 0; z < scopes.size(); z += 37) {
    if (matrices[z] != kernels::texture::glcm_matrices(scopes[z], in_plane, kLevels, kSymmetric)) {
      state.SkipWithError("GPU per-slice GLCM differs from the CPU's");
      return;
    }
  }
  set_counters(state, c.voxels(), c.roi_voxels, 0, seconds, double(c.voxels()) * 4.0);
  state.counters["scopes"] = double(scopes.size());
}

}  // namespace

void register_glcm_benchmarks() {
  struct DeviceCase {
    const char* input;
    GlcmPath path;
  };
  const DeviceCase device_cases[] = {
      {"full_mask", GlcmPath::automatic},
      {"full_mask", GlcmPath::global_memory},
      {"smooth_full_mask", GlcmPath::automatic},
      {"smooth_full_mask", GlcmPath::global_memory},
      {"ball_200k", GlcmPath::automatic},
      {"ball_200k_cropped", GlcmPath::automatic},
  };
  const auto configure = [](benchmark::internal::Benchmark* b) {
    b->UseManualTime()->Unit(benchmark::kMicrosecond)->MinTime(0.3);
  };
  for (const DeviceCase& d : device_cases) {
    const std::string name = std::string("glcm/device/") + d.input + "/ng:32/" +
                             (d.path == GlcmPath::global_memory ? "global" : "shared");
    configure(benchmark::RegisterBenchmark(name.c_str(), device_resident, std::string(d.input), d.path));
  }
  for (const char* input : {"full_mask", "ball_200k_cropped"}) {
    const std::string name = std::string("glcm/round_trip/") + input + "/ng:32";
    configure(benchmark::RegisterBenchmark(name.c_str(), round_trip, std::string(input)));
  }
  configure(benchmark::RegisterBenchmark("glcm/host_api/ball_200k_cropped/ng:32", host_api,
                                         std::string("ball_200k_cropped")));
  configure(benchmark::RegisterBenchmark("glcm/host_api/full_mask/ng:32", host_api, std::string("full_mask")));
  // The full volume's levels take 300 MiB: within 256 and 64 MiB they stream through in slabs.
  for (const std::size_t mib : {256u, 64u}) {
    const std::string name = "glcm/streamed/full_mask/ng:32/budget_mib:" + std::to_string(mib);
    configure(benchmark::RegisterBenchmark(name.c_str(), streamed, std::string("full_mask"), mib));
  }
  for (const bool batched : {true, false}) {
    const std::string name = std::string("glcm/slices_2d/full_mask/ng:32/") + (batched ? "one_batch" : "per_slice");
    configure(benchmark::RegisterBenchmark(name.c_str(), slices, std::string("full_mask"), batched));
  }
}

void release_glcm_inputs() { Inputs::release(); }

}  // namespace voxfeat::bench_gpu
