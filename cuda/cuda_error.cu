#include "cuda_error.hpp"

namespace voxfeat::cuda::detail {

void throw_cuda_error(cudaError_t status, const char* call, const char* file, int line) {
  // A failed call also sets the runtime's last-error slot; clear it (for non-sticky errors) so that the launch check
  // after some later, unrelated kernel does not report this failure a second time.
  (void)cudaGetLastError();
  throw CudaError(status, std::string("CUDA call ") + call + " failed at " + file + ":" + std::to_string(line) +
                              ": " + cudaGetErrorName(status) + " (" + std::to_string(int(status)) + "): " +
                              cudaGetErrorString(status));
}

}  // namespace voxfeat::cuda::detail
