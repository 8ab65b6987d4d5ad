#pragma once
// GPU grey level co-occurrence matrices. Same contract as kernels::texture::glcm_matrices (kernels/texture/glcm.hpp;
// glcm_matrix_reference is the specification): the counts are integers, so the GPU's matrices equal the CPU's bit
// for bit whatever order the atomics land in. Design and limits: bench/gpu/README.md, "GPU GLCM".
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "cuda_error.hpp"
#include "texture/count_matrix.hpp"
#include "texture/directions.hpp"

namespace voxfeat::cuda {

/// Where each block keeps its counts. Automatic: shared memory when one offset's ng × ng 32-bit counts fit a
/// block's shared-memory budget (kGlcmSharedBudgetBytes, or the device's opt-in limit if lower), else global.
/// The other two exist so that tests and benchmarks can hold both paths to the CPU.
enum class GlcmPath { automatic, shared_memory, global_memory };

/// Shared memory a block may use for its counts: 96 KiB keeps two blocks on a multiprocessor of sm_90 (228 KiB),
/// and fits ng ≤ 156 (one offset per block) or 13 offsets of ng ≤ 43 at once. Above 48 KiB the kernel opts in.
inline constexpr std::size_t kGlcmSharedBudgetBytes = std::size_t(96) << 10;

/// The memory cap: offsets × ng × ng dense 64-bit counts may take at most 256 MiB (for instance ng ≤ 5792 for one
/// offset, ng ≤ 1606 for 13). Above it both functions below refuse before any CUDA call, and the caller uses the
/// CPU builder, whose sparse counting over the levels present needs far less.
inline constexpr std::size_t kGlcmMaxDenseCountBytes = std::size_t(256) << 20;

/// Bytes of the dense counts of `offset_count` matrices of ng × ng cells, or SIZE_MAX when that overflows.
std::size_t glcm_dense_count_bytes(std::size_t offset_count, std::uint32_t ng);

/// Whether the GPU builds these matrices (dense counts within kGlcmMaxDenseCountBytes); no CUDA call.
inline bool glcm_fits_gpu(std::size_t offset_count, std::uint32_t ng) {
  return glcm_dense_count_bytes(offset_count, ng) <= kGlcmMaxDenseCountBytes;
}

/// Device-resident. `d_levels` (device) holds extent[0] × extent[1] × extent[2] levels (dense, x fastest) in 0..ng,
/// 0 outside the ROI. `d_counts` (device, offsets.size() × ng × ng values) is overwritten: d_counts[(k · ng + r) · ng
/// + c] is the count of row r, column c (levels r + 1, c + 1) of offset k, already symmetrised when `symmetric`.
/// Asynchronous on `stream`; `offsets` is read before the call returns (it travels as kernel arguments).
/// Levels outside 0..ng are not reported here (that would need a synchronising read-back): voxels holding one are
/// treated as outside the ROI and nothing is written out of bounds; glcm_matrices below refuses them.
/// Throws std::invalid_argument, before any CUDA call, when !glcm_fits_gpu(offsets.size(), ng) or an extent exceeds
/// kGlcmMaxExtent (glcm_pair.hpp); also when `path` is shared_memory and one offset's counts do not fit the
/// shared-memory budget (after a device query). CudaError when a CUDA call fails.
void glcm_matrices_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent,
                          std::span<const kernels::texture::Offset> offsets, std::uint32_t ng, bool symmetric,
                          std::uint64_t* d_counts, cudaStream_t stream = nullptr, GlcmPath path = GlcmPath::automatic);

/// Device bytes glcm_matrices needs for a scope of `extent` (its levels and the dense counts), SIZE_MAX on overflow.
std::size_t glcm_device_bytes(const std::array<std::size_t, 3>& extent, std::size_t offset_count, std::uint32_t ng);

/// Origin planes per slab when glcm_matrices_streamed streams a scope of `extent` within `budget_bytes` of device
/// memory (the dense counts plus two slabs in flight, each with its halo of max |dz| planes on both sides), at most
/// extent[2]; 0 when not even one plane fits. No CUDA call.
std::size_t glcm_stream_depth(const std::array<std::size_t, 3>& extent,
                              std::span<const kernels::texture::Offset> offsets, std::uint32_t ng,
                              std::size_t budget_bytes);

/// Host memory in and out, same arguments and result as kernels::texture::glcm_matrices (result i for offsets[i],
/// sparse ng × ng CountMatrix): checks the levels (kernels::texture::check_levels) and the memory cap, copies the
/// level volume to the current device, runs glcm_matrices_device, copies the dense counts back and synchronises
/// `stream` before returning. Throws std::invalid_argument before any CUDA call for levels outside 0..ng and for
/// what glcm_matrices_device refuses; needs no device (and makes no CUDA call) when there are no offsets, ng = 0 or
/// no voxels.
std::vector<kernels::texture::CountMatrix> glcm_matrices(const kernels::View3<std::int32_t>& scope,
                                                         std::span<const kernels::texture::Offset> offsets,
                                                         std::uint32_t ng, bool symmetric,
                                                         cudaStream_t stream = nullptr,
                                                         GlcmPath path = GlcmPath::automatic);

/// Many scopes in one pass (the slices of a 2D or 2.5D aggregation, many small ROIs): result[s][k] equals
/// glcm_matrices(scopes[s], offsets, ...)[k]. The scopes are packed into one pinned buffer, copied once, and counted
/// by one launch per 32 offsets and 65535 scopes (grid z = scope), each scope's blocks into its own matrices; a large
/// scope gets many blocks, small ones at least one each. Refuses (std::invalid_argument, before any CUDA call) what
/// glcm_matrices refuses, and scopes × offsets dense counts over kGlcmMaxDenseCountBytes (callers split the batch).
std::vector<std::vector<kernels::texture::CountMatrix>> glcm_matrices_batch(
    std::span<const kernels::View3<std::int32_t>> scopes, std::span<const kernels::texture::Offset> offsets,
    std::uint32_t ng, bool symmetric, cudaStream_t stream = nullptr, GlcmPath path = GlcmPath::automatic);

/// One scope larger than the device memory it may use, streamed through the GPU: slabs of glcm_stream_depth origin
/// planes with their halos go from the host through two pinned staging buffers and a copy stream of their own into
/// two device buffers, so that the copy of one slab overlaps the counting of the other; every slab counts into the
/// same matrices, each pair by the slab of its origin. Same result as glcm_matrices; device memory stays within
/// `budget_bytes`. Throws std::invalid_argument (before any CUDA call) when glcm_stream_depth is 0, or for what
/// glcm_matrices refuses.
std::vector<kernels::texture::CountMatrix> glcm_matrices_streamed(const kernels::View3<std::int32_t>& scope,
                                                                  std::span<const kernels::texture::Offset> offsets,
                                                                  std::uint32_t ng, bool symmetric,
                                                                  std::size_t budget_bytes,
                                                                  cudaStream_t stream = nullptr,
                                                                  GlcmPath path = GlcmPath::automatic);

}  // namespace voxfeat::cuda
