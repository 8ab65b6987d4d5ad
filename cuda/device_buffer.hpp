#pragma once
// Owning buffers for device memory (cudaMalloc) and pinned host memory (cudaMallocHost). Move-only; plain
// allocations, never managed memory (a managed over-allocation can hang the GPU).
#include <cstddef>
#include <span>
#include <stdexcept>
#include <utility>

#include "cuda_error.hpp"

namespace voxfeat::cuda {

namespace detail {

/// Shared by both buffers: `Alloc`/`Free` are the CUDA allocation pair.
template <class T, cudaError_t (*Alloc)(void**, std::size_t), cudaError_t (*Free)(void*)>
class CudaAllocation {
 public:
  CudaAllocation() = default;
  explicit CudaAllocation(std::size_t count) : m_count(count) {
    if (count != 0) {
      void* p = nullptr;
      VOXFEAT_CUDA_CHECK(Alloc(&p, count * sizeof(T)));
      m_data = static_cast<T*>(p);
    }
  }
  CudaAllocation(const CudaAllocation&) = delete;
  CudaAllocation& operator=(const CudaAllocation&) = delete;
  CudaAllocation(CudaAllocation&& other) noexcept
      : m_data(std::exchange(other.m_data, nullptr)), m_count(std::exchange(other.m_count, 0)) {}
  CudaAllocation& operator=(CudaAllocation&& other) noexcept {
    if (this != &other) {
      release();
      m_data = std::exchange(other.m_data, nullptr);
      m_count = std::exchange(other.m_count, 0);
    }
    return *this;
  }
  ~CudaAllocation() { release(); }

  [[nodiscard]] T* data() const noexcept { return m_data; }
  [[nodiscard]] std::size_t size() const noexcept { return m_count; }
  [[nodiscard]] std::size_t bytes() const noexcept { return m_count * sizeof(T); }

 private:
  void release() noexcept {
    // A destructor cannot throw: a failed free leaves a sticky error that the next checked call reports.
    if (m_data != nullptr) (void)Free(m_data);
    m_data = nullptr;
    m_count = 0;
  }

  T* m_data = nullptr;
  std::size_t m_count = 0;
};

inline cudaError_t device_malloc(void** p, std::size_t bytes) { return cudaMalloc(p, bytes); }
inline cudaError_t host_malloc(void** p, std::size_t bytes) { return cudaMallocHost(p, bytes); }

}  // namespace detail

/// `count` values of T in device memory, uninitialised.
template <class T>
class DeviceBuffer : public detail::CudaAllocation<T, &detail::device_malloc, &cudaFree> {
  using Base = detail::CudaAllocation<T, &detail::device_malloc, &cudaFree>;

 public:
  using Base::Base;

  /// Asynchronous on `stream` when `host` is pinned; from pageable memory the copy returns once staged.
  void upload(std::span<const T> host, cudaStream_t stream = nullptr) {
    if (host.size() != this->size()) throw std::invalid_argument("DeviceBuffer::upload: size mismatch");
    if (!host.empty()) {
      VOXFEAT_CUDA_CHECK(cudaMemcpyAsync(this->data(), host.data(), this->bytes(), cudaMemcpyHostToDevice, stream));
    }
  }
  /// Asynchronous on `stream`: synchronise before reading `host`.
  void download(std::span<T> host, cudaStream_t stream = nullptr) const {
    if (host.size() != this->size()) throw std::invalid_argument("DeviceBuffer::download: size mismatch");
    if (!host.empty()) {
      VOXFEAT_CUDA_CHECK(cudaMemcpyAsync(host.data(), this->data(), this->bytes(), cudaMemcpyDeviceToHost, stream));
    }
  }
};

/// `count` values of T in page-locked host memory (fast, truly asynchronous copies), uninitialised.
template <class T>
class PinnedBuffer : public detail::CudaAllocation<T, &detail::host_malloc, &cudaFreeHost> {
  using Base = detail::CudaAllocation<T, &detail::host_malloc, &cudaFreeHost>;

 public:
  using Base::Base;
  [[nodiscard]] std::span<T> span() const noexcept { return {this->data(), this->size()}; }
};

}  // namespace voxfeat::cuda
