#pragma once
// The `--gpu-memory` budget (ExecutionContext::gpu_memory_bytes) as the families' GPU builders apply it: a scope whose
// device buffers would exceed it is computed on the CPU instead (same result: the GPU paths are parity-tested).
#include <array>
#include <cstddef>
#include <cstdint>

#include "voxfeat/execution.hpp"

namespace voxfeat::plugins {

/// Whether a GPU call needing `bytes` of device memory stays within the budget (always, without one).
inline bool within_gpu_budget(const ExecutionContext& execution, std::size_t bytes) {
  return execution.gpu_memory_bytes == 0 || bytes <= execution.gpu_memory_bytes;
}

/// Device bytes of a scope's grey levels (int32 each).
inline std::size_t level_bytes(const std::array<std::size_t, 3>& extent) {
  return extent[0] * extent[1] * extent[2] * sizeof(std::int32_t);
}

}  // namespace voxfeat::plugins
