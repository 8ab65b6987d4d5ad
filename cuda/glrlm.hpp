#pragma once
// GPU grey level run length matrices. Same contract as kernels::texture::glrlm_matrices (kernels/texture/glrlm.hpp;
// glrlm_matrix_reference is the specification): run counts and N_v are integers, so the GPU's matrices equal the
// CPU's bit for bit whatever order the atomics land in. Design and limits: bench/gpu/README.md, "GPU GLRLM".
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "cuda_error.hpp"
#include "texture/directions.hpp"
#include "texture/glrlm.hpp"

namespace voxfeat::cuda {

/// Where each block keeps its counts. Automatic: shared memory when one direction's ng × width 32-bit counts fit a
/// block's shared-memory budget (kGlrlmSharedBudgetBytes, or the device's opt-in limit if lower), else global.
/// The other two exist so that tests and benchmarks can hold both paths to the CPU.
enum class GlrlmPath { automatic, shared_memory, global_memory };

/// Shared memory a block may use for its counts (as the GPU GLCM's): 96 KiB, e.g. ng = 32 × runs up to 768 voxels,
/// or ng = 48 × 512. Above 48 KiB the kernel opts in.
inline constexpr std::size_t kGlrlmSharedBudgetBytes = std::size_t(96) << 10;

/// The memory cap: directions × ng × width dense 64-bit counts (+ one for N_v) may take at most 256 MiB (for
/// instance 13 directions of ng = 4096 and runs up to 512 voxels, or one direction of ng = 4096 up to 8191).
/// Above it both functions below refuse before any CUDA call, and the caller uses the CPU builder, which counts
/// sparsely.
inline constexpr std::size_t kGlrlmMaxDenseCountBytes = std::size_t(256) << 20;

/// Columns of the dense counts: the longest run any of `directions` allows in a volume of `extent` (the largest of
/// the CPU's per-direction column counts nr), 0 without directions or voxels. Directions must be unit directions.
std::size_t glrlm_width(std::span<const kernels::texture::Offset> directions, const std::array<std::size_t, 3>& extent);

/// Values of the dense counts: directions × ng × width, plus one (N_v); SIZE_MAX when that overflows.
std::size_t glrlm_dense_count_size(std::size_t direction_count, std::uint32_t ng, std::size_t width);

/// Whether the GPU builds these matrices (dense counts within kGlrlmMaxDenseCountBytes); no CUDA call.
bool glrlm_fits_gpu(std::span<const kernels::texture::Offset> directions, std::uint32_t ng,
                    const std::array<std::size_t, 3>& extent);

/// Device-resident. `d_levels` (device) holds extent[0] × extent[1] × extent[2] levels (dense, x fastest) in 0..ng,
/// 0 outside the ROI. `d_counts` (device, glrlm_dense_count_size(directions.size(), ng, width) values, width =
/// glrlm_width(directions, extent)) is overwritten: d_counts[(k · ng + r) · width + l] is the number of runs of
/// level r + 1 and length l + 1 along directions[k]; the last value is N_v, the ROI voxels (levels 1..ng).
/// Asynchronous on `stream`; `directions` is read before the call returns (it travels as kernel arguments).
/// Levels outside 0..ng are not reported here (that would need a synchronising read-back): voxels holding one are
/// treated as outside the ROI and nothing is written out of bounds; glrlm_matrices below refuses them.
/// Throws std::invalid_argument, before any CUDA call, for a direction that is not a unit direction, when the dense
/// counts exceed kGlrlmMaxDenseCountBytes or an extent exceeds kGlcmMaxExtent (glcm_pair.hpp); also when `path` is
/// shared_memory and one direction's counts do not fit the shared-memory budget (after a device query). CudaError
/// when a CUDA call fails.
void glrlm_matrices_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent,
                           std::span<const kernels::texture::Offset> directions, std::uint32_t ng,
                           std::uint64_t* d_counts, cudaStream_t stream = nullptr,
                           GlrlmPath path = GlrlmPath::automatic);

/// The matrices from the dense counts of glrlm_matrices_device (host memory): result k is ng × nr_k (nr_k the
/// longest run along directions[k]) with N_v = dense.back(), as kernels::texture::glrlm_matrices gives it.
std::vector<kernels::texture::RunLengthMatrix> glrlm_from_dense(std::span<const std::uint64_t> dense,
                                                                std::span<const kernels::texture::Offset> directions,
                                                                const std::array<std::size_t, 3>& extent,
                                                                std::uint32_t ng);

/// Host memory in and out, same arguments and result as kernels::texture::glrlm_matrices (result i for
/// directions[i]): checks the directions, the levels (kernels::texture::check_levels) and the memory cap, copies the
/// level volume to the current device, runs glrlm_matrices_device, copies the dense counts back and synchronises
/// `stream` before returning. Throws std::invalid_argument before any CUDA call for levels outside 0..ng and for
/// what glrlm_matrices_device refuses; needs no device (and makes no CUDA call, nor checks the levels, as the CPU
/// does not) when there are no directions, ng = 0 or no voxels: the CPU's default matrices.
std::vector<kernels::texture::RunLengthMatrix> glrlm_matrices(const kernels::View3<std::int32_t>& scope,
                                                              std::span<const kernels::texture::Offset> directions,
                                                              std::uint32_t ng, cudaStream_t stream = nullptr,
                                                              GlrlmPath path = GlrlmPath::automatic);

}  // namespace voxfeat::cuda
