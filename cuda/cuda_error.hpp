#pragma once
// Every CUDA call is checked (DESIGN.md). cuda/ cannot include engine headers, so its errors derive from
// std::runtime_error; the engine's dispatch point may rewrap them as voxfeat::Error with the case's name.
#include <cuda_runtime_api.h>

#include <stdexcept>
#include <string>

namespace voxfeat::cuda {

/// A CUDA call failed. The message names the call, file:line, the error's name and cudaGetErrorString's text.
class CudaError : public std::runtime_error {
 public:
  CudaError(cudaError_t status, const std::string& message) : std::runtime_error(message), m_status(status) {}
  [[nodiscard]] cudaError_t status() const noexcept { return m_status; }

 private:
  cudaError_t m_status;
};

namespace detail {

/// Builds and throws the CudaError; out of line so that the check below stays one compare at each call site.
[[noreturn]] void throw_cuda_error(cudaError_t status, const char* call, const char* file, int line);

inline void check_cuda(cudaError_t status, const char* call, const char* file, int line) {
  if (status != cudaSuccess) throw_cuda_error(status, call, file, line);
}

}  // namespace detail
}  // namespace voxfeat::cuda

/// VOXFEAT_CUDA_CHECK(cudaMalloc(&p, bytes)): throws voxfeat::cuda::CudaError unless the call returns cudaSuccess.
#define VOXFEAT_CUDA_CHECK(call) ::voxfeat::cuda::detail::check_cuda((call), #call, __FILE__, __LINE__)
