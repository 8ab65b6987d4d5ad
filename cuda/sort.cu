#include "sort.hpp"

#include <cub/device/device_radix_sort.cuh>

#include "device_buffer.hpp"

namespace voxfeat::cuda {

void sort_values(std::span<double> values, cudaStream_t stream) {
  if (values.size() < 2) return;
  const std::size_t n = values.size();
  // Two key buffers: CUB ping-pongs between them and says which holds the result.
  DeviceBuffer<double> keys_a(n), keys_b(n);
  keys_a.upload(values, stream);
  cub::DoubleBuffer<double> keys(keys_a.data(), keys_b.data());
  std::size_t scratch_bytes = 0;
  VOXFEAT_CUDA_CHECK(cub::DeviceRadixSort::SortKeys(nullptr, scratch_bytes, keys, n, 0, int(sizeof(double) * 8),
                                                    stream));
  DeviceBuffer<unsigned char> scratch(scratch_bytes);
  VOXFEAT_CUDA_CHECK(cub::DeviceRadixSort::SortKeys(scratch.data(), scratch_bytes, keys, n, 0,
                                                    int(sizeof(double) * 8), stream));
  VOXFEAT_CUDA_CHECK(cudaMemcpyAsync(values.data(), keys.Current(), n * sizeof(double), cudaMemcpyDeviceToHost,
                                     stream));
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
}

}  // namespace voxfeat::cuda
