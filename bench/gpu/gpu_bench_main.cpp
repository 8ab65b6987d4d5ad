// voxfeat_gpu_bench's entry point: without a device it says so and exits 0 (build machines, CI); with one it
// registers every file's benchmarks (gpu_bench_support.hpp) and runs them.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <exception>
#include <string>

#include "device_info.hpp"
#include "gpu_bench_support.hpp"

int main(int argc, char** argv) {
  namespace bg = voxfeat::bench_gpu;
  benchmark::Initialize(&argc, argv);
  try {
    std::string why;
    if (!voxfeat::cuda::device_available(&why)) {
      std::printf("voxfeat_gpu_bench: no CUDA device (%s); nothing to time.\n", why.c_str());
      return 0;
    }
    benchmark::AddCustomContext("device", voxfeat::cuda::describe(voxfeat::cuda::device_info(0)));
    bg::register_histogram_benchmarks();
    bg::register_glcm_benchmarks();
    bg::register_glrlm_benchmarks();
    bg::register_ngtdm_ngldm_benchmarks();
    bg::register_zones_benchmarks();
    bg::register_resample_benchmarks();
    bg::register_microscopy_benchmarks();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    bg::release_histogram_inputs();  // free pinned and device memory while the runtime is still up
    bg::release_glcm_inputs();
    bg::release_glrlm_inputs();
    bg::release_ngtdm_ngldm_inputs();
    bg::release_zones_inputs();
    bg::release_resample_inputs();
    bg::release_microscopy_inputs();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "voxfeat_gpu_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
