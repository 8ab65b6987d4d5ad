// GPU NGTDM (IBSI IPET) and NGLDM (IBSI REK0) matrices (cuda/ngtdm.hpp, cuda/ngldm.hpp): 32 grey levels, δ = 1, 3D
// neighbourhood, NGLDM α = 0, on the 512 x 512 x 300 benchmark volume (gpu_bench_support.hpp).
//
// Inputs: levels uniform in 1..32 (splitmix64 seeded 44) in every voxel (full_mask); the same levels inside the
// ~200k-voxel ball and 0 elsewhere (ball_200k: the kernel still visits every voxel of the volume); the ball in its
// 73³ bounding box (ball_200k_cropped, as the engine hands it over after cropping; launch-latency bound).
// What is timed (cudaEvents on one stream, Google Benchmark manual time):
//   device/...      clearing the tables + the table kernel (+ NGTDM's per-level finishing kernel); levels and
//                   results stay in device memory. /shared, /global: where each block counts.
//   round_trip/...  pinned host -> device copy of the levels, the kernels, the results device -> pinned host.
// Counters: items_per_second = volume voxels per second (Gvox/s: the same in 10^9); GB/s = the level bytes the kernel
// must read (4 per voxel; neighbours come from cache) per second; roi_voxels; checksum = Σ_i i·n_i + ⌊Σ_i s_i⌋
// (NGTDM) or Σ_ij i·j·count_ij (NGLDM), mod 1000003. After timing, the result is compared with the CPU builder
// (kernels/texture: integers exactly, s_i within cuda::ngtdm_sum_tolerance); a mismatch fails the benchmark.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "gpu_bench_support.hpp"
#include "ngldm.hpp"
#include "ngtdm.hpp"
#include "texture/ngldm.hpp"
#include "texture/ngtdm.hpp"

namespace {

using voxfeat::cuda::DeviceBuffer;
using voxfeat::cuda::PinnedBuffer;
using voxfeat::cuda::TablePath;
namespace kernels = voxfeat::kernels;
namespace tx = voxfeat::kernels::texture;
namespace vb = voxfeat::bench_gpu;

constexpr int kLevels = 32;
constexpr int kDelta = 1;
constexpr int kAlpha = 0;
constexpr bool kThreeD = true;

/// One level volume, in pinned host memory (for the round trip and the CPU check) and in device memory.
using LevelsCase = vb::LevelsVolume;

/// Levels of `extent` whose voxel (x, y, z) is the benchmark volume's voxel `low` + (x, y, z), kept inside the ball
/// only when `ball`.
std::unique_ptr<LevelsCase> make_case(const std::array<std::size_t, 3>& extent, const std::array<std::size_t, 3>& low,
                                      bool ball) {
  auto c = std::make_unique<LevelsCase>();
  c->extent = extent;
  c->h_levels = PinnedBuffer<std::int32_t>(c->voxels());
  std::int32_t* levels = c->h_levels.data();
  for (std::size_t z = 0, i = 0; z < extent[2]; ++z)
    for (std::size_t y = 0; y < extent[1]; ++y)
      for (std::size_t x = 0; x < extent[0]; ++x, ++i) {
        const std::size_t gx = low[0] + x, gy = low[1] + y, gz = low[2] + z;
        const std::size_t global = gx + vb::kExtent[0] * (gy + vb::kExtent[1] * gz);
        const bool inside = !ball || vb::in_ball(gx, gy, gz);
        levels[i] = inside ? std::int32_t(1 + vb::random_bits(44, global) % kLevels) : 0;
        c->roi_voxels += inside ? 1 : 0;
      }
  c->d_levels = DeviceBuffer<std::int32_t>(c->voxels());
  c->d_levels.upload(c->h_levels.span());
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  return c;
}

using Cases = std::map<std::string, std::unique_ptr<LevelsCase>>;

Cases make_cases() {
  std::map<std::string, std::unique_ptr<LevelsCase>> all;
  all["full_mask"] = make_case(vb::kExtent, {0, 0, 0}, false);
  all["ball_200k"] = make_case(vb::kExtent, {0, 0, 0}, true);
  all["ball_200k_cropped"] = make_case(vb::kBallExtent, vb::kBallLow, true);
  return all;
}

using LazyCases = vb::LazyInputs<Cases, &make_cases>;
Cases& cases() { return LazyCases::get(); }

/// The counters both families report; `checksum` computed by the caller from its result.
void set_counters(benchmark::State& state, const LevelsCase& c, double seconds, std::uint64_t checksum) {
  const double calls = double(state.iterations());
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(c.voxels()));
  state.counters["Gvox/s"] = calls * double(c.voxels()) / seconds / 1e9;
  state.counters["GB/s"] = calls * double(c.voxels()) * 4.0 / seconds / 1e9;
  state.counters["roi_voxels"] = double(c.roi_voxels);
  state.counters["checksum"] = double(checksum);
}

// ---- NGTDM ----

/// n_i (+ the invalid-level count last) and s_i as the device returns them.
struct NgtdmResult {
  std::vector<std::uint64_t> counts;
  std::vector<double> sums;
};

void finish_ngtdm(benchmark::State& state, const LevelsCase& c, const NgtdmResult& gpu, double seconds) {
  static std::map<const LevelsCase*, tx::NgtdmMatrix> cache;
  auto [slot, fresh] = cache.try_emplace(&c);
  if (fresh) slot->second = tx::ngtdm_matrix(c.view(), kThreeD, kDelta, kLevels);
  const tx::NgtdmMatrix& cpu = slot->second;
  bool same = gpu.counts.back() == 0 && std::equal(cpu.counts.begin(), cpu.counts.end(), gpu.counts.begin());
  double sum = 0.0;
  std::uint64_t checksum = 0;
  for (std::size_t i = 0; i < cpu.counts.size(); ++i) {
    same = same && std::abs(gpu.sums[i] - cpu.sums[i]) <=
                       voxfeat::cuda::ngtdm_sum_tolerance(cpu.counts[i], kThreeD, kDelta, cpu.sums[i]);
    checksum = (checksum + (i + 1) * gpu.counts[i]) % 1000003u;
    sum += gpu.sums[i];
  }
  if (!same) {
    state.SkipWithError("GPU NGTDM differs from the CPU builder");
    return;
  }
  set_counters(state, c, seconds, (checksum + std::uint64_t(sum)) % 1000003u);
}

void ngtdm_device(benchmark::State& state, const std::string& case_name, TablePath path) {
  const LevelsCase& c = *cases().at(case_name);
  DeviceBuffer<std::uint64_t> d_counts(kLevels + 1);
  DeviceBuffer<double> d_sums(kLevels);
  DeviceBuffer<std::uint64_t> d_workspace(voxfeat::cuda::ngtdm_workspace_size(kThreeD, kDelta, kLevels));
  const double seconds = vb::time_on_stream(state, [&] {
    voxfeat::cuda::ngtdm_matrix_device(c.device_view(), kThreeD, kDelta, kLevels, d_counts.data(), d_sums.data(),
                                       d_workspace.data(), nullptr, path);
  });
  NgtdmResult gpu{std::vector<std::uint64_t>(kLevels + 1), std::vector<double>(kLevels)};
  d_counts.download(gpu.counts);
  d_sums.download(gpu.sums);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  finish_ngtdm(state, c, gpu, seconds);
}

void ngtdm_round_trip(benchmark::State& state, const std::string& case_name) {
  const LevelsCase& c = *cases().at(case_name);
  DeviceBuffer<std::int32_t> d_levels(c.voxels());
  DeviceBuffer<std::uint64_t> d_counts(kLevels + 1);
  DeviceBuffer<double> d_sums(kLevels);
  DeviceBuffer<std::uint64_t> d_workspace(voxfeat::cuda::ngtdm_workspace_size(kThreeD, kDelta, kLevels));
  PinnedBuffer<std::uint64_t> h_counts(kLevels + 1);
  PinnedBuffer<double> h_sums(kLevels);
  const double seconds = vb::time_on_stream(state, [&] {
    d_levels.upload(c.h_levels.span());
    voxfeat::cuda::ngtdm_matrix_device({d_levels.data(), c.extent}, kThreeD, kDelta, kLevels, d_counts.data(),
                                       d_sums.data(), d_workspace.data());
    d_counts.download(h_counts.span());
    d_sums.download(h_sums.span());
  });
  const NgtdmResult gpu{{h_counts.data(), h_counts.data() + h_counts.size()}, {h_sums.data(), h_sums.data() + kLevels}};
  finish_ngtdm(state, c, gpu, seconds);
}

// ---- NGLDM ----

void finish_ngldm(benchmark::State& state, const LevelsCase& c, const std::vector<std::uint64_t>& table,
                  double seconds) {
  static std::map<const LevelsCase*, tx::CountMatrix> cache;
  auto [slot, fresh] = cache.try_emplace(&c);
  if (fresh) slot->second = tx::ngldm_matrix(c.view(), kThreeD, kDelta, kAlpha, kLevels);
  const auto columns = std::uint32_t(voxfeat::cuda::ngldm_columns(kThreeD, kDelta));
  const tx::CountMatrix gpu =
      tx::CountMatrix::from_dense(kLevels, columns, std::span<const std::uint64_t>(table.data(), table.size() - 1));
  if (table.back() != 0 || gpu != slot->second) {
    state.SkipWithError("GPU NGLDM differs from the CPU builder");
    return;
  }
  std::uint64_t checksum = 0;
  for (const tx::MatrixEntry& e : gpu.entries())
    checksum = (checksum + std::uint64_t(e.row + 1) * (e.col + 1) % 1000003u * (e.count % 1000003u)) % 1000003u;
  set_counters(state, c, seconds, checksum);
}

void ngldm_device(benchmark::State& state, const std::string& case_name, TablePath path) {
  const LevelsCase& c = *cases().at(case_name);
  DeviceBuffer<std::uint64_t> d_table(voxfeat::cuda::ngldm_table_size(kThreeD, kDelta, kLevels));
  const double seconds = vb::time_on_stream(state, [&] {
    voxfeat::cuda::ngldm_matrix_device(c.device_view(), kThreeD, kDelta, kAlpha, kLevels, d_table.data(), nullptr,
                                       path);
  });
  std::vector<std::uint64_t> table(d_table.size());
  d_table.download(table);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  finish_ngldm(state, c, table, seconds);
}

void ngldm_round_trip(benchmark::State& state, const std::string& case_name) {
  const LevelsCase& c = *cases().at(case_name);
  DeviceBuffer<std::int32_t> d_levels(c.voxels());
  DeviceBuffer<std::uint64_t> d_table(voxfeat::cuda::ngldm_table_size(kThreeD, kDelta, kLevels));
  PinnedBuffer<std::uint64_t> h_table(d_table.size());
  const double seconds = vb::time_on_stream(state, [&] {
    d_levels.upload(c.h_levels.span());
    voxfeat::cuda::ngldm_matrix_device({d_levels.data(), c.extent}, kThreeD, kDelta, kAlpha, kLevels, d_table.data());
    d_table.download(h_table.span());
  });
  finish_ngldm(state, c, {h_table.data(), h_table.data() + h_table.size()}, seconds);
}

void register_all() {
  const auto add = [](const std::string& name, auto function, auto... args) {
    benchmark::RegisterBenchmark(name.c_str(), function, args...)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond)
        ->MinTime(0.3);
  };
  const std::string shape = "/ng:" + std::to_string(kLevels) + "/d:" + std::to_string(kDelta);
  const std::string ngldm_shape = shape + "/a:" + std::to_string(kAlpha);
  struct DeviceCase {
    const char* mask;
    TablePath path;
  };
  const DeviceCase device_cases[] = {
      {"full_mask", TablePath::shared_memory},
      {"full_mask", TablePath::global_memory},
      {"ball_200k", TablePath::shared_memory},
      {"ball_200k_cropped", TablePath::shared_memory},
  };
  for (const DeviceCase& d : device_cases) {
    const std::string where = d.path == TablePath::global_memory ? "/global" : "/shared";
    add(std::string("ngtdm/device/") + d.mask + shape + where, ngtdm_device, std::string(d.mask), d.path);
    add(std::string("ngldm/device/") + d.mask + ngldm_shape + where, ngldm_device, std::string(d.mask), d.path);
  }
  add("ngtdm/round_trip/full_mask" + shape, ngtdm_round_trip, std::string("full_mask"));
  add("ngldm/round_trip/full_mask" + ngldm_shape, ngldm_round_trip, std::string("full_mask"));
}

}  // namespace

namespace voxfeat::bench_gpu {
void register_ngtdm_ngldm_benchmarks() { register_all(); }
void release_ngtdm_ngldm_inputs() { LazyCases::release(); }
}  // namespace voxfeat::bench_gpu
