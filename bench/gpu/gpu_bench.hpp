#pragma once
// Shared by the GPU benchmark files (*_gpu_bench.cpp), which all link into voxfeat_gpu_bench: registration with the
// one main() (gpu_bench_main.cpp), which registers nothing without a CUDA device, cudaEvent timing, the seeded
// inputs and the benchmark volume with its ~200k-voxel ball.
#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "cuda_error.hpp"

namespace voxfeat::bench {

/// One benchmark file's cases. `add` registers them (called only once a device is known to be present, so that no
/// input is built on a machine without one); `release` frees their pinned and device memory while the CUDA runtime
/// is still up. Files register in `name` order.
struct GpuBenchmarks {
  const char* name = "";
  void (*add)() = nullptr;
  void (*release)() = nullptr;
};

/// At namespace scope in each file: `const bool registered = voxfeat::bench::add_gpu_benchmarks({...});`.
bool add_gpu_benchmarks(const GpuBenchmarks& benchmarks);

/// A file's inputs by name, built by `make` on first use, so that a run filtered to other files' benchmarks builds
/// none of them. `release`: clear them instead (GpuBenchmarks::release), without building them first.
template <class Case>
std::map<std::string, std::unique_ptr<Case>>& lazy_cases(std::map<std::string, std::unique_ptr<Case>> (*make)(),
                                                         bool release = false) {
  static std::map<std::string, std::unique_ptr<Case>> all;  // one per Case type: each file has its own
  if (release) {
    all.clear();
  } else if (all.empty()) {
    all = make();
  }
  return all;
}

/// The benchmark volume (78.6 M voxels) and, at its centre, a ball of radius kBallRadius: 4/3 π r³ ≈ 200k voxels
/// (each file reports the exact count as roi_voxels). kBallBox is the ball's bounding box, centre ± ⌊r⌋: what the
/// engine hands a kernel after cropping.
inline constexpr std::array<std::size_t, 3> kExtent{512, 512, 300};
inline constexpr double kBallRadius = 36.28;
inline constexpr std::array<std::size_t, 3> kBallCentre{256, 256, 150};
inline constexpr std::array<std::size_t, 3> kBallBoxLow{256 - 36, 256 - 36, 150 - 36};
inline constexpr std::array<std::size_t, 3> kBallBoxExtent{73, 73, 73};

inline bool in_ball(std::size_t x, std::size_t y, std::size_t z) {
  const double dx = double(x) - double(kBallCentre[0]), dy = double(y) - double(kBallCentre[1]),
               dz = double(z) - double(kBallCentre[2]);
  return dx * dx + dy * dy + dz * dz <= kBallRadius * kBallRadius;
}

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
/// A pure function of (seed, i), so the inputs need no generator state and are the same on every run.
inline std::uint64_t random_bits(std::uint64_t seed, std::size_t i) { return splitmix64(seed * 0x100000001b3ull + i); }
/// [0, 1) from random_bits.
inline double uniform(std::uint64_t seed, std::size_t i) { return double(random_bits(seed, i) >> 11) * 0x1.0p-53; }

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

/// Runs `run()` (work enqueued on the default stream) once untimed (module load on first launch), then once per
/// benchmark iteration between two events, as the iteration's manual time. Returns the timed seconds in all.
template <class Run>
double time_iterations(benchmark::State& state, Run&& run) {
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

}  // namespace voxfeat::bench
