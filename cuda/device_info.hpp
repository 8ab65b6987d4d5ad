#pragma once
// Is there a usable GPU, and what is it. Without a driver (build machines, CI) the runtime answers
// cudaErrorInsufficientDriver; without a GPU cudaErrorNoDevice: both mean "use the CPU", not "fail" (TOOLCHAIN.md 7).
#include <cstddef>
#include <string>

#include "cuda_error.hpp"

namespace voxfeat::cuda {

/// True when at least one CUDA device can be used. When false and `why` is given, it receives the reason (the
/// runtime's error name and text, or "no CUDA device"). Errors other than "no driver" / "no device" mean a broken
/// installation and throw CudaError rather than silently falling back.
bool device_available(std::string* why = nullptr);

struct DeviceInfo {
  int ordinal = 0;
  std::string name;
  int multiprocessor_count = 0;
  int compute_capability_major = 0;
  int compute_capability_minor = 0;
  std::size_t global_memory_bytes = 0;
  std::size_t shared_memory_per_block_bytes = 0;  ///< without opting in to more (cudaFuncSetAttribute)
  int driver_version = 0;                         ///< e.g. 13000 for CUDA 13.0
  int runtime_version = 0;
};

/// Properties of device `ordinal`; throws CudaError (also when there is no device).
DeviceInfo device_info(int ordinal = 0);

/// Multiprocessor count of the calling thread's current device, for sizing grids; throws CudaError.
int current_multiprocessor_count();

/// Blocks for a grid-stride kernel over `n` items on the current device: enough to fill every multiprocessor at the
/// kernel's occupancy (`threads` per block, `shared_bytes` dynamic shared memory), no more (an extra block only adds
/// its per-block set-up and merge), but at least n / `max_items_per_block` (what a block's own counters can hold).
/// Throws CudaError, or std::invalid_argument naming `what` when the grid would exceed 2^31 − 1 blocks.
int resident_grid_size(const void* kernel, int threads, std::size_t shared_bytes, std::size_t n,
                       std::size_t max_items_per_block, const char* what);

/// "NVIDIA H200, 132 SMs, sm_90, 139.8 GiB, driver 13.0, runtime 13.0": one line for logs and benchmark context.
std::string describe(const DeviceInfo& info);

}  // namespace voxfeat::cuda
