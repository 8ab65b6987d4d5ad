#pragma once
// GPU neighbouring grey level dependence matrix (IBSI 1 section 3.11, REK0). Same contract as
// kernels::texture::ngldm_matrix (the CPU builder; ngldm_matrix_reference is the specification): the counts are
// integers, so the GPU matrix equals the CPU's bit for bit. How: ngtdm_ngldm_voxel.hpp (one thread per voxel).
#include <cstdint>

#include "common/views.hpp"
#include "cuda_error.hpp"
#include "ngtdm_ngldm_voxel.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::cuda {

/// Bytes of one block's shared-memory table for these arguments (TablePath::automatic uses shared memory when this
/// is at most kNeighbourhoodSharedBytes: Ng ≤ 455 at δ = 1 in 3D, Ng ≤ 1365 in 2D).
std::size_t ngldm_shared_bytes(bool three_d, int delta, int level_count);

/// uint64 values of ngldm_matrix_device's output: Ng · C + 1, C = (2δ+1)^d.
std::size_t ngldm_table_size(bool three_d, int delta, int level_count);

/// Device-resident: `d_scope.data` holds the level volume (dense, x fastest, 0 outside the ROI) in device memory.
/// `d_counts` (device, ngldm_table_size values) is overwritten: the dense matrix, row-major, cell (i − 1, j − 1)
/// holding the voxels of level i with dependence j; the last value counts the voxels whose level lies outside 0..Ng
/// (non-zero: the matrix is meaningless; the caller falls back to the CPU). Asynchronous on `stream`.
/// Throws std::invalid_argument (before any CUDA call) for δ < 1, α < 0, Ng < 1, Ng above kNeighbourhoodMaxLevels,
/// a table above kNeighbourhoodMaxCells, or TablePath::shared_memory when the table does not fit; CudaError when a
/// CUDA call fails.
void ngldm_matrix_device(const kernels::View3<std::int32_t>& d_scope, bool three_d, int delta, int alpha,
                         int level_count, std::uint64_t* d_counts, cudaStream_t stream = nullptr,
                         TablePath path = TablePath::automatic);

/// Host memory in and out, same arguments and result as kernels::texture::ngldm_matrix: copies the levels to the
/// current device, runs ngldm_matrix_device, copies the matrix back and synchronises `stream` before returning.
/// Also refuses, before any CUDA call, a level outside 0..Ng (std::invalid_argument).
kernels::texture::CountMatrix ngldm_matrix(const kernels::View3<std::int32_t>& scope, bool three_d, int delta,
                                           int alpha, int level_count, cudaStream_t stream = nullptr,
                                           TablePath path = TablePath::automatic);

}  // namespace voxfeat::cuda
