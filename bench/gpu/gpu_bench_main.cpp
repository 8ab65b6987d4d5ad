// voxfeat_gpu_bench's main: without a CUDA device it says so and exits 0 (build machines have nvcc but no GPU);
// with one, it registers every file's benchmarks (gpu_bench.hpp) and runs them.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "device_info.hpp"
#include "gpu_bench.hpp"

namespace voxfeat::bench {
namespace {

std::vector<GpuBenchmarks>& registry() {
  static std::vector<GpuBenchmarks> all;  // function-local: safe to fill from other files' static initialisers
  return all;
}

}  // namespace

bool add_gpu_benchmarks(const GpuBenchmarks& benchmarks) {
  registry().push_back(benchmarks);
  return true;
}

}  // namespace voxfeat::bench

int main(int argc, char** argv) {
  namespace bench = voxfeat::bench;
  benchmark::Initialize(&argc, argv);
  try {
    std::string why;
    if (!voxfeat::cuda::device_available(&why)) {
      std::printf("voxfeat_gpu_bench: no CUDA device (%s); nothing to time.\n", why.c_str());
      return 0;
    }
    benchmark::AddCustomContext("device", voxfeat::cuda::describe(voxfeat::cuda::device_info(0)));
    auto& files = bench::registry();
    std::sort(files.begin(), files.end(), [](const bench::GpuBenchmarks& a, const bench::GpuBenchmarks& b) {
      return std::string(a.name) < b.name;
    });
    for (const auto& file : files) file.add();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    for (const auto& file : files) file.release();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "voxfeat_gpu_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
