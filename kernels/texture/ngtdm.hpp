#pragma once
// Neighbourhood grey tone difference matrix (IBSI 1 section 3.10, IPET), with IBSI's definition: every ROI voxel with
// at least one ROI neighbour within Chebyshev distance δ counts (W_k ≠ 0), and its neighbourhood mean is taken over
// the ROI neighbours only.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::kernels::texture {

/// n_i and s_i per grey level (index i − 1), dense over the Ng levels: O(Ng) memory (16 bytes per level).
struct NgtdmMatrix {
  std::vector<std::uint64_t> counts;  ///< n_i: voxels of level i with W_k ≠ 0
  std::vector<double> sums;           ///< s_i = Σ |i − X̄_k| over those voxels
  std::uint64_t total = 0;            ///< N_v,c = Σ n_i

  /// 2.5D merging (62GR): n_i and s_i are summed; sizes grow to the larger.
  void merge(const NgtdmMatrix& other);
  [[nodiscard]] bool empty() const { return total == 0; }
};

/// The fast builder: row sweeps in a fixed partition of rows (chunks run in parallel, s_i summed in chunk order, so
/// the result is bit-identical for any thread count). O(voxels × (2δ+1)^d) time; memory ≤ 64 chunks × Ng × 16 bytes
/// and at most 2^22 × 16 bytes (64 MiB) whatever Ng. `three_d` = false: in-plane neighbourhood (8 voxels at δ = 1).
/// Throws std::invalid_argument for δ < 1 or a level above `level_count`.
NgtdmMatrix ngtdm_matrix(const View3<std::int32_t>& scope, bool three_d, int delta, int level_count);

/// The specification: plain loops over every voxel and every neighbour, for tests.
NgtdmMatrix ngtdm_matrix_reference(const View3<std::int32_t>& scope, bool three_d, int delta, int level_count);

/// Slots of ngtdm_features' output, in the IBSI manual's order.
struct NgtdmSlot {
  enum : std::size_t { coarseness, contrast, busyness, complexity, strength, count };
};

/// The five IBSI features of a matrix into out[0..NgtdmSlot::count) (ngtdm_formulas.hpp); all NaN when the matrix
/// is empty (no ROI voxel has an ROI neighbour).
void ngtdm_features(const NgtdmMatrix& matrix, std::span<double> out);

}  // namespace voxfeat::kernels::texture
