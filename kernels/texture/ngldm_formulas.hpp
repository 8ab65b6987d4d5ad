#pragma once
// NGLDM features (IBSI 1 section 3.11, REK0) of one neighbouring grey level dependence matrix given as its sparse
// entries (row = grey level i − 1, col = dependence j − 1) and its two marginals. Compiled by g++ and nvcc
// (VOXFEAT_HD): plain pointers and sizes; every loop runs over the non-zero entries or an O(Ng) / O(N_n) marginal.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::texture::ngldm {

/// Feature slots, in the order of the family's outputs.
enum Feature : std::size_t {
  low_dependence_emphasis,                   // SODN
  high_dependence_emphasis,                  // IMOQ
  low_grey_level_count_emphasis,             // TL9H
  high_grey_level_count_emphasis,            // OAE7
  low_dependence_low_grey_level_emphasis,    // EQ3F
  low_dependence_high_grey_level_emphasis,   // JA6D
  high_dependence_low_grey_level_emphasis,   // NBZI
  high_dependence_high_grey_level_emphasis,  // 9QMG
  grey_level_non_uniformity,                 // FP8K
  normalised_grey_level_non_uniformity,      // 5SPA
  dependence_count_non_uniformity,           // Z87G
  normalised_dependence_count_non_uniformity,  // OKJI
  dependence_count_percentage,               // 6XV8
  grey_level_variance,                       // 1PFV
  dependence_count_variance,                 // DNX2
  dependence_count_entropy,                  // FCBV
  dependence_count_energy,                   // CAS9
  feature_count
};

/// One matrix: its entries and marginals s_i. (rows, index i − 1) and s_.j (cols, index j − 1), as doubles.
struct Input {
  const MatrixEntry* entries = nullptr;
  std::size_t entry_count = 0;
  const double* row_sums = nullptr;  ///< s_i.
  std::size_t rows = 0;
  const double* col_sums = nullptr;  ///< s_.j
  std::size_t cols = 0;
  double total = 0.0;  ///< N_s > 0
};

/// Fills out[0..feature_count).
VOXFEAT_HD inline void features(const Input& m, double* out) {
  const double ns = m.total;
  // Dependence marginal: SODN, IMOQ, Z87G, OKJI, DNX2.
  double lde = 0.0, hde = 0.0, dcnu = 0.0, mean_j = 0.0;
  for (std::size_t c = 0; c < m.cols; ++c) {
    const double s = m.col_sums[c];
    if (s == 0.0) continue;
    const double j = static_cast<double>(c + 1);
    lde += s / (j * j), hde += s * j * j, dcnu += s * s, mean_j += s * j;
  }
  mean_j /= ns;
  double var_j = 0.0;
  for (std::size_t c = 0; c < m.cols; ++c) {
    const double d = static_cast<double>(c + 1) - mean_j;
    var_j += m.col_sums[c] * d * d;
  }
  // Grey level marginal: TL9H, OAE7, FP8K, 5SPA, 1PFV.
  double lgce = 0.0, hgce = 0.0, glnu = 0.0, mean_i = 0.0;
  for (std::size_t r = 0; r < m.rows; ++r) {
    const double s = m.row_sums[r];
    if (s == 0.0) continue;
    const double i = static_cast<double>(r + 1);
    lgce += s / (i * i), hgce += s * i * i, glnu += s * s, mean_i += s * i;
  }
  mean_i /= ns;
  double var_i = 0.0;
  for (std::size_t r = 0; r < m.rows; ++r) {
    if (m.row_sums[r] == 0.0) continue;
    const double d = static_cast<double>(r + 1) - mean_i;
    var_i += m.row_sums[r] * d * d;
  }
  // Joint: EQ3F, JA6D, NBZI, 9QMG, FCBV, CAS9.
  double ldlge = 0.0, ldhge = 0.0, hdlge = 0.0, hdhge = 0.0, entropy = 0.0, energy = 0.0;
  for (std::size_t e = 0; e < m.entry_count; ++e) {
    const double s = static_cast<double>(m.entries[e].count);
    const double i2 = static_cast<double>(m.entries[e].row + 1) * static_cast<double>(m.entries[e].row + 1);
    const double j2 = static_cast<double>(m.entries[e].col + 1) * static_cast<double>(m.entries[e].col + 1);
    ldlge += s / (i2 * j2), ldhge += s * i2 / j2, hdlge += s * j2 / i2, hdhge += s * i2 * j2;
    const double p = s / ns;
    entropy -= p * std::log2(p), energy += p * p;
  }
  out[low_dependence_emphasis] = lde / ns;
  out[high_dependence_emphasis] = hde / ns;
  out[low_grey_level_count_emphasis] = lgce / ns;
  out[high_grey_level_count_emphasis] = hgce / ns;
  out[low_dependence_low_grey_level_emphasis] = ldlge / ns;
  out[low_dependence_high_grey_level_emphasis] = ldhge / ns;
  out[high_dependence_low_grey_level_emphasis] = hdlge / ns;
  out[high_dependence_high_grey_level_emphasis] = hdhge / ns;
  out[grey_level_non_uniformity] = glnu / ns;
  out[normalised_grey_level_non_uniformity] = glnu / (ns * ns);
  out[dependence_count_non_uniformity] = dcnu / ns;
  out[normalised_dependence_count_non_uniformity] = dcnu / (ns * ns);
  // 6XV8: N_s / N_v. Every ROI voxel is a centre under IBSI's definition (N_v = N_s, also after merging), so 1.
  out[dependence_count_percentage] = 1.0;
  out[grey_level_variance] = var_i / ns;
  out[dependence_count_variance] = var_j / ns;
  out[dependence_count_entropy] = entropy;
  out[dependence_count_energy] = energy;
}

}  // namespace voxfeat::kernels::texture::ngldm
