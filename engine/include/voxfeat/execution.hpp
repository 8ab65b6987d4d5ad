#pragma once
// How one call runs: chosen per call, never by a process-global switch (DESIGN.md).
#include <cstddef>

namespace voxfeat {

enum class Backend { automatic, cpu, cuda };

struct ExecutionContext {
  Backend backend = Backend::automatic;
  int threads = 0;          ///< 0: all cores the TBB arena allows
  int device = 0;           ///< CUDA device ordinal when backend is cuda
  void* stream = nullptr;   ///< cudaStream_t, optional
  /// Device memory one family call may use (`--gpu-memory`); 0: no limit. A scope whose GPU buffers would exceed it
  /// is computed on the CPU.
  std::size_t gpu_memory_bytes = 0;
};

}  // namespace voxfeat
