#pragma once
// Shared by the files of voxfeat_gpu_bench (one binary, so that run_on_device.sh runs one benchmark program): the
// fixed inputs' generator and shapes, cudaEvent timing, and each file's registration hook, which
// gpu_bench_main.cpp calls once it knows there is a device.
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/views.hpp"
#include "cuda_error.hpp"
#include "device_buffer.hpp"

namespace voxfeat::bench_gpu {

/// The large volume every benchmark uses, and a ball of ~200k voxels in it (exact count reported as roi_voxels).
inline constexpr std::array<std::size_t, 3> kExtent{512, 512, 300};
inline constexpr double kBallRadius = 36.28;  // 4/3 pi r^3 ~ 200k voxels

inline bool in_ball(std::size_t x, std::size_t y, std::size_t z) {
  const double dx = double(x) - 256.0, dy = double(y) - 256.0, dz = double(z) - 150.0;
  return dx * dx + dy * dy + dz * dz <= kBallRadius * kBallRadius;
}

/// Bounding box of the ball, centre ± floor(r): its lowest corner and extent (what the engine hands a kernel after
/// cropping to the ROI).
inline constexpr std::size_t kBallHalf = std::size_t(kBallRadius);
inline constexpr std::array<std::size_t, 3> kBallLow{256 - kBallHalf, 256 - kBallHalf, 150 - kBallHalf};
inline constexpr std::array<std::size_t, 3> kBallExtent{2 * kBallHalf + 1, 2 * kBallHalf + 1, 2 * kBallHalf + 1};

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
/// 64 random bits, a pure function of (seed, i): the inputs need no generator state and are the same on every run.
inline std::uint64_t random_bits(std::uint64_t seed, std::size_t i) { return splitmix64(seed * 0x100000001b3ull + i); }
/// [0, 1) from random_bits.
inline double uniform(std::uint64_t seed, std::size_t i) { return double(random_bits(seed, i) >> 11) * 0x1.0p-53; }

/// Level inputs of the texture benchmarks, in 1..levels: `independent_level` a uniform level per voxel of the
/// whole volume; `block_level` one uniform level per 8 x 8 x 8 block (neighbours share levels, as in real images).
inline std::int32_t independent_level(std::uint64_t seed, std::size_t x, std::size_t y, std::size_t z, int levels) {
  return std::int32_t(1 + std::uint32_t(uniform(seed, x + kExtent[0] * (y + kExtent[1] * z)) * levels));
}
inline std::int32_t block_level(std::uint64_t seed, std::size_t x, std::size_t y, std::size_t z, int levels) {
  return std::int32_t(1 + std::uint32_t(uniform(seed, x / 8 + 64 * (y / 8 + 64 * (z / 8))) * levels));
}

/// Writes `level(x, y, z)` of the full volume, restricted to the box at `low` of `extent` (x fastest), into `out`,
/// 0 outside the ball when `ball`; returns the ROI voxels (the non-zero levels).
template <class Level>
std::uint64_t fill_levels(std::int32_t* out, std::array<std::size_t, 3> low, std::array<std::size_t, 3> extent,
                          bool ball, Level level) {
  std::uint64_t roi = 0;
  for (std::size_t z = 0, i = 0; z < extent[2]; ++z)
    for (std::size_t y = 0; y < extent[1]; ++y)
      for (std::size_t x = 0; x < extent[0]; ++x, ++i) {
        const std::size_t gx = low[0] + x, gy = low[1] + y, gz = low[2] + z;
        out[i] = !ball || in_ball(gx, gy, gz) ? level(gx, gy, gz) : 0;
        roi += out[i] != 0;
      }
  return roi;
}

/// A pair of cudaEvents on one stream: seconds of stream time between start() and stop().
class Events {
 public:
  Events() {
    VOXFEAT_CUDA_CHECK(cudaEventCreate(&m_start));
    VOXFEAT_CUDA_CHECK(cudaEventCreate(&m_stop));
  }
  Events(const Events&) = delete;
  Events& operator=(const Events&) = delete;
  ~Events() {
    (void)cudaEventDestroy(m_start);  // destructor: cannot throw; nothing to do about a failure here
    (void)cudaEventDestroy(m_stop);
  }
  void start(cudaStream_t s) { VOXFEAT_CUDA_CHECK(cudaEventRecord(m_start, s)); }
  /// Seconds since start(), once the stream has reached this point.
  double stop(cudaStream_t s) {
    VOXFEAT_CUDA_CHECK(cudaEventRecord(m_stop, s));
    VOXFEAT_CUDA_CHECK(cudaEventSynchronize(m_stop));
    float ms = 0.0f;
    VOXFEAT_CUDA_CHECK(cudaEventElapsedTime(&ms, m_start, m_stop));
    return double(ms) / 1e3;
  }

 private:
  cudaEvent_t m_start = nullptr;
  cudaEvent_t m_stop = nullptr;
};

/// Times `run` with cudaEvents on the default stream (Google Benchmark manual time), after one untimed warm-up call
/// (module load on first launch); returns the seconds of all timed calls.
template <class Run>
double time_on_stream(benchmark::State& state, Run run) {
  run();
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  Events events;
  double seconds = 0.0;
  for (auto _ : state) {
    events.start(nullptr);
    run();
    const double s = events.stop(nullptr);
    state.SetIterationTime(s);
    seconds += s;
  }
  return seconds;
}

/// Times `call` by the wall clock (host APIs, which allocate, copy and synchronise themselves), after the caller's
/// warm-up; returns the seconds of all timed calls.
template <class Call>
double time_wall_clock(benchmark::State& state, Call call) {
  double seconds = 0.0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    call();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s);
    seconds += s;
  }
  return seconds;
}

/// The counters every case reports (bench/gpu/README.md; run_on_device.sh tabulates them): Gvox/s and
/// items_per_second (volume voxels per second), GB/s (`bytes_per_call` per second), roi_voxels, checksum.
inline void set_counters(benchmark::State& state, std::size_t voxels, std::uint64_t roi_voxels,
                         std::uint64_t checksum, double seconds, double bytes_per_call) {
  const double calls = double(state.iterations());
  state.SetItemsProcessed(state.iterations() * std::int64_t(voxels));
  state.counters["Gvox/s"] = calls * double(voxels) / seconds / 1e9;
  state.counters["GB/s"] = calls * bytes_per_call / seconds / 1e9;
  state.counters["roi_voxels"] = double(roi_voxels);
  state.counters["checksum"] = double(checksum);
}

/// A grey-level volume the texture benchmarks count: on the host (pinned, for round trips and the CPU check) and on
/// the device.
struct LevelsVolume {
  std::string name;
  std::array<std::size_t, 3> extent{};
  cuda::PinnedBuffer<std::int32_t> h_levels;
  cuda::DeviceBuffer<std::int32_t> d_levels;
  std::uint64_t roi_voxels = 0;

  [[nodiscard]] std::size_t voxels() const { return extent[0] * extent[1] * extent[2]; }
  [[nodiscard]] kernels::View3<std::int32_t> view() const { return {h_levels.data(), extent}; }
  [[nodiscard]] kernels::View3<std::int32_t> device_view() const { return {d_levels.data(), extent}; }
};

/// A benchmark file's inputs (pinned and device buffers, gigabytes): built by `Make` on first use, so that a filtered
/// run builds only what it times; freed by release() while the CUDA runtime is still up.
template <class T, T (*Make)()>
class LazyInputs {
 public:
  static T& get() {
    std::unique_ptr<T>& p = slot();
    if (!p) p = std::make_unique<T>(Make());
    return *p;
  }
  static void release() { slot().reset(); }

 private:
  static std::unique_ptr<T>& slot() {
    static std::unique_ptr<T> p;
    return p;
  }
};

/// Registers a case timed by manual time (cudaEvents or a wall clock), in µs, for at least 0.3 s: every GPU case.
template <class Fn, class... Args>
void register_manual(const std::string& name, Fn fn, Args... args) {
  benchmark::RegisterBenchmark(name.c_str(), fn, args...)->UseManualTime()->Unit(benchmark::kMicrosecond)->MinTime(0.3);
}

/// Each benchmark file registers its cases (inputs are built lazily, on the first case that runs) and frees its
/// pinned and device inputs while the CUDA runtime is still up.
void register_histogram_benchmarks();
void release_histogram_inputs();
void register_glcm_benchmarks();
void release_glcm_inputs();
void register_glrlm_benchmarks();
void release_glrlm_inputs();
void register_ngtdm_ngldm_benchmarks();
void release_ngtdm_ngldm_inputs();
void register_zones_benchmarks();
void release_zones_inputs();
void register_resample_benchmarks();
void release_resample_inputs();
void register_microscopy_benchmarks();
void release_microscopy_inputs();

}  // namespace voxfeat::bench_gpu
