#pragma once
// GPU resampling of an image or a mask onto an interpolation grid (IBSI 1 section 2.4). Same contracts as
// kernels::resample_image and kernels::resample_mask (kernels/resample/resample.hpp), and the same results bit for
// bit: the same tap tables (kernels::grid_taps, computed on the host and uploaded), the same B-spline coefficients
// (kernels::spline_coefficients, computed on the host), the same products and sums per output voxel in the same
// order in double, no fused multiply-add. Design and limits: bench/gpu/README.md, "GPU resampling".
#include <array>
#include <cstddef>
#include <cstdint>

#include "common/views.hpp"
#include "cuda_error.hpp"
#include "resample/interpolation_grid.hpp"
#include "resample/resample.hpp"

namespace voxfeat::cuda {

/// Largest source or target volume, in voxels: keeps every linear index, and an index plus one grid stride, exact.
inline constexpr std::size_t kResampleMaxVoxels = std::size_t(1) << 62;

/// Host memory in and out, same arguments and result as kernels::resample_image (`out` holds grid[0].size ×
/// grid[1].size × grid[2].size values, x fastest). Copies the source (for cubic_spline: the B-spline coefficients of
/// the padded source, computed on the host by kernels::spline_coefficients, 8 bytes a voxel) to the current device,
/// runs resample_image_device or resample_spline_device, copies the result back and synchronises `stream`.
/// Throws std::invalid_argument before any CUDA call on an empty source (as the CPU), a combination of axis maps
/// the CPU does not take (x and y resampled alike, z alike or kept), or a source or grid over kResampleMaxVoxels;
/// makes no CUDA call for an empty grid. CudaError when a CUDA call fails (no device included).
void resample_image(const kernels::View3<float>& source, const kernels::GridMap& grid, kernels::Interpolator how,
                    bool round_to_integer, float* out, cudaStream_t stream = nullptr);

/// Host memory in and out, same arguments and result as kernels::resample_mask; refuses cubic_spline (as the CPU)
/// and what resample_image refuses, before any CUDA call.
void resample_mask(const kernels::View3<std::uint8_t>& source, const kernels::GridMap& grid,
                   kernels::Interpolator how, double partial_volume_threshold, std::uint8_t* out,
                   cudaStream_t stream = nullptr);

/// Device-resident, nearest or linear: `d_source` (device, source_extent voxels, x fastest) to `d_out` (device, the
/// grid's voxels). Asynchronous on `stream`: the tap tables are built on the host, copied to stream-ordered device
/// memory (cudaMallocAsync) and freed there after the kernel, so nothing of the call needs to outlive it.
/// cubic_spline is refused (std::invalid_argument): it interpolates coefficients, see resample_spline_device.
void resample_image_device(const float* d_source, const std::array<std::size_t, 3>& source_extent,
                           const kernels::GridMap& grid, kernels::Interpolator how, bool round_to_integer,
                           float* d_out, cudaStream_t stream = nullptr);

/// Device-resident cubic spline: `d_coefficients` (device) holds kernels::SplineCoefficients::values of the source,
/// `coefficient_extent` and `coefficient_grid` its extent and grid (the padded index space); `d_out` gets the
/// grid's voxels. Asynchronous on `stream`, as resample_image_device.
void resample_spline_device(const double* d_coefficients, const std::array<std::size_t, 3>& coefficient_extent,
                            const kernels::GridMap& coefficient_grid, bool round_to_integer, float* d_out,
                            cudaStream_t stream = nullptr);

/// Device-resident mask, nearest or linear (partial-volume threshold as kernels::resample_mask). Asynchronous on
/// `stream`, as resample_image_device.
void resample_mask_device(const std::uint8_t* d_source, const std::array<std::size_t, 3>& source_extent,
                          const kernels::GridMap& grid, kernels::Interpolator how, double partial_volume_threshold,
                          std::uint8_t* d_out, cudaStream_t stream = nullptr);

}  // namespace voxfeat::cuda
