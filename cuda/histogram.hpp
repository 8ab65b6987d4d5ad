#pragma once
// GPU discretisation + grey-level histogram. Same contract as kernels/intensity/histogram_ref.hpp (the
// specification); the counts are integers, so the GPU result equals the reference exactly whatever the order.
#include <cstddef>
#include <cstdint>
#include <span>

#include "common/views.hpp"
#include "cuda_error.hpp"
#include "intensity/histogram_ref.hpp"

namespace voxfeat::cuda {

/// Where each block keeps its counts. Automatic: shared memory when Ng ≤ kSharedHistogramMaxLevels, else global.
/// The other two exist so that tests and benchmarks can hold both paths to the reference.
enum class HistogramPath { automatic, shared_memory, global_memory };

/// Largest Ng counted in a per-block shared-memory histogram: (Ng + 1) 32-bit counters = 32 KiB, under the 48 KiB a
/// block gets without opting in, and small enough that several blocks share a multiprocessor.
inline constexpr int kSharedHistogramMaxLevels = 8192;

/// Device-resident: `d_image` and `d_mask` hold `voxel_count` values (dense, x fastest) in device memory.
/// `d_counts` (device, Ng + 1 values, Ng = kernels::level_count(spec)) is overwritten: d_counts[l - 1] is the voxel
/// count of level l, d_counts[Ng] the count above Ng (LevelHistogram::above_range). `d_levels` (device, voxel_count
/// values, or nullptr) receives the level volume: the level inside the mask, 0 outside. Asynchronous on `stream`.
/// Throws std::invalid_argument for an invalid spec (before any CUDA call), CudaError when a CUDA call fails.
void level_histogram_device(const float* d_image, const std::uint8_t* d_mask, std::size_t voxel_count,
                            const kernels::DiscretisationSpec& spec, std::uint64_t* d_counts, std::int32_t* d_levels,
                            cudaStream_t stream = nullptr, HistogramPath path = HistogramPath::automatic);

/// Host memory in and out, same arguments and result as kernels::level_histogram_ref: copies the image and mask to
/// the current device, runs level_histogram_device, copies the counts (and `levels` when not empty) back, and
/// synchronises `stream` before returning.
kernels::LevelHistogram level_histogram(const kernels::View3<float>& image, const kernels::View3<std::uint8_t>& mask,
                                        const kernels::DiscretisationSpec& spec,
                                        std::span<std::int32_t> levels = {}, cudaStream_t stream = nullptr,
                                        HistogramPath path = HistogramPath::automatic);

}  // namespace voxfeat::cuda
