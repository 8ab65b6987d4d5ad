#include "device_info.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace voxfeat::cuda {

bool device_available(std::string* why) {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status == cudaErrorInsufficientDriver || status == cudaErrorNoDevice) {
    (void)cudaGetLastError();  // non-sticky: clear it so that later launch checks do not see it
    if (why != nullptr) {
      *why = std::string("cudaGetDeviceCount: ") + cudaGetErrorName(status) + " (" + std::to_string(int(status)) +
             "): " + cudaGetErrorString(status);
    }
    return false;
  }
  VOXFEAT_CUDA_CHECK(status);
  if (count == 0) {
    if (why != nullptr) *why = "cudaGetDeviceCount: no CUDA device";
    return false;
  }
  return true;
}

DeviceInfo device_info(int ordinal) {
  cudaDeviceProp prop{};
  VOXFEAT_CUDA_CHECK(cudaGetDeviceProperties(&prop, ordinal));
  DeviceInfo info;
  info.ordinal = ordinal;
  info.name = prop.name;
  info.multiprocessor_count = prop.multiProcessorCount;
  info.compute_capability_major = prop.major;
  info.compute_capability_minor = prop.minor;
  info.global_memory_bytes = prop.totalGlobalMem;
  info.shared_memory_per_block_bytes = prop.sharedMemPerBlock;
  VOXFEAT_CUDA_CHECK(cudaDriverGetVersion(&info.driver_version));
  VOXFEAT_CUDA_CHECK(cudaRuntimeGetVersion(&info.runtime_version));
  return info;
}

int current_multiprocessor_count() {
  int device = 0;
  VOXFEAT_CUDA_CHECK(cudaGetDevice(&device));
  int count = 0;
  VOXFEAT_CUDA_CHECK(cudaDeviceGetAttribute(&count, cudaDevAttrMultiProcessorCount, device));
  return count;
}

int resident_grid_size(const void* kernel, int threads, std::size_t shared_bytes, std::size_t n,
                       std::size_t max_items_per_block, const char* what) {
  int per_sm = 0;
  VOXFEAT_CUDA_CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, kernel, threads, shared_bytes));
  const std::size_t resident = std::size_t(std::max(per_sm, 1)) * std::size_t(current_multiprocessor_count());
  const std::size_t needed = (n + std::size_t(threads) - 1) / std::size_t(threads);
  const std::size_t floor_blocks = (n + max_items_per_block - 1) / max_items_per_block;
  const std::size_t blocks = std::max(std::min(needed, resident), floor_blocks);
  if (blocks > std::size_t(0x7fffffff)) throw std::invalid_argument(std::string(what) + ": volume too large");
  return int(blocks);
}

std::string describe(const DeviceInfo& info) {
  char memory[32];
  std::snprintf(memory, sizeof memory, "%.1f GiB", double(info.global_memory_bytes) / double(1ull << 30));
  const auto version = [](int v) { return std::to_string(v / 1000) + "." + std::to_string(v % 1000 / 10); };
  return info.name + ", " + std::to_string(info.multiprocessor_count) + " SMs, sm_" +
         std::to_string(info.compute_capability_major) + std::to_string(info.compute_capability_minor) + ", " +
         memory + ", driver " + version(info.driver_version) + ", runtime " + version(info.runtime_version);
}

}  // namespace voxfeat::cuda
