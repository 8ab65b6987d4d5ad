#pragma once
// GPU neighbourhood grey tone difference matrix (IBSI 1 section 3.10, IPET). Same contract as
// kernels::texture::ngtdm_matrix (the CPU builder; ngtdm_matrix_reference is the specification): n_i bit-identical,
// s_i within ngtdm_sum_tolerance. How: ngtdm_ngldm_voxel.hpp (one thread per voxel, exact integer numerators per
// (level, W) cell, s_i = Σ_W numerators / W in a fixed order, so the GPU's s_i is deterministic).
#include <cstdint>

#include "common/views.hpp"
#include "cuda_error.hpp"
#include "ngtdm_ngldm_voxel.hpp"
#include "texture/ngtdm.hpp"

namespace voxfeat::cuda {

/// Bytes of one block's shared-memory table for these arguments (TablePath::automatic uses shared memory when this
/// is at most kNeighbourhoodSharedBytes: Ng ≤ 157 at δ = 1 in 3D, Ng ≤ 511 in 2D).
std::size_t ngtdm_shared_bytes(bool three_d, int delta, int level_count);

/// uint64 values of the device workspace ngtdm_matrix_device needs: 2 · Ng · C + 1, C = (2δ+1)^d − 1. Layout (tests
/// read it): [0, Ng·C) voxel counts per cell (level i − 1, W − 1), row-major; [Ng·C] voxels whose level lies outside
/// 0..Ng; [Ng·C + 1, 2·Ng·C + 1) Σ |i·W − S| per cell.
std::size_t ngtdm_workspace_size(bool three_d, int delta, int level_count);

/// Device-resident: `d_scope.data` holds the level volume (dense, x fastest, 0 outside the ROI) in device memory.
/// Outputs, in device memory, overwritten: `d_counts` (Ng + 1 values) n_i at i − 1, and at Ng the number of voxels
/// whose level lies outside 0..Ng (non-zero: the result is meaningless; the caller falls back to the CPU); `d_sums`
/// (Ng values) s_i at i − 1. `d_workspace`: ngtdm_workspace_size values. Asynchronous on `stream`.
/// Throws std::invalid_argument (before any CUDA call) for δ < 1, Ng < 1, Ng above kNeighbourhoodMaxLevels, a table
/// above kNeighbourhoodMaxCells, or TablePath::shared_memory when the table does not fit; CudaError when a CUDA call
/// fails.
void ngtdm_matrix_device(const kernels::View3<std::int32_t>& d_scope, bool three_d, int delta, int level_count,
                         std::uint64_t* d_counts, double* d_sums, std::uint64_t* d_workspace,
                         cudaStream_t stream = nullptr, TablePath path = TablePath::automatic);

/// Host memory in and out, same arguments and result as kernels::texture::ngtdm_matrix: copies the levels to the
/// current device, runs ngtdm_matrix_device, copies n_i and s_i back and synchronises `stream` before returning.
/// Also refuses, before any CUDA call, a level outside 0..Ng (std::invalid_argument).
kernels::texture::NgtdmMatrix ngtdm_matrix(const kernels::View3<std::int32_t>& scope, bool three_d, int delta,
                                           int level_count, cudaStream_t stream = nullptr,
                                           TablePath path = TablePath::automatic);

/// Largest |GPU s_i − CPU s_i| for a level with n_i voxels, s_i ≥ 0 (either result), at distance δ: the CPU adds n_i
/// terms |i·W − S| · (1/W), each rounded twice, one by one (error ≤ (n_i + 1)·2^-53·s_i); the GPU rounds each of its
/// C cell terms and adds them (≤ (C + 2)·2^-53·s_i). The bound doubles the sum of both for the second-order terms and
/// for s_i being either result. Absolute floor 1e-12: a non-zero s_i is at least 1/C, so the floor hides no error;
/// it only keeps a zero s_i (every numerator 0, exactly 0 on both) from needing a relative comparison.
inline double ngtdm_sum_tolerance(std::uint64_t count, bool three_d, int delta, double sum) {
  const double terms = double(count) + double(ngtdm_columns(three_d, delta)) + 4.0;
  return 1e-12 + terms * 0x1p-52 * (sum < 0.0 ? -sum : sum);
}

}  // namespace voxfeat::cuda
