#pragma once
// The features of a "grey level × size" count matrix, written once for every family of that shape (IBSI 1): GLSZM
// (9SAK, column = zone size), GLDZM (VMDZ, column = zone distance) and, with "run" for "zone", GLRLM (TP0I, column =
// run length). Row r is grey level i = r + 1, column c is size (or distance, run length) j = c + 1.
//
// Input: the matrix's sparse non-zero entries s_ij, its sparse row marginal s_i. and column marginal s_.j (each
// sorted or not; only non-zero sums need be listed), N_s = Σ s_ij > 0 and N_v, the voxel count of the scope(s) the
// matrix was counted over (summed when matrices are merged). Nothing here loops over all Ng × Nz cells.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::texture {

/// One non-zero marginal sum: `index` is the 0-based row (grey level − 1) or column (size − 1).
struct MarginalEntry {
  std::uint32_t index = 0;
  std::uint64_t count = 0;
};

/// Output slots of size_zone_features, in the IBSI order shared by GLSZM and GLDZM (GLSZM / GLDZM codes).
enum SizeZoneFeature : std::size_t {
  small_emphasis,            ///< 5QRC / 0GBI:  Σ s.j / j² / N_s
  large_emphasis,            ///< 48P8 / MB4I:  Σ s.j j² / N_s
  low_grey_emphasis,         ///< XMSY / S1RA:  Σ s_i. / i² / N_s
  high_grey_emphasis,        ///< 5GN9 / K26C:  Σ s_i. i² / N_s
  small_low_grey_emphasis,   ///< 5RAI / RUVG:  Σ s_ij / (i² j²) / N_s
  small_high_grey_emphasis,  ///< HW1V / DKNJ:  Σ s_ij i² / j² / N_s
  large_low_grey_emphasis,   ///< YH51 / A7WM:  Σ s_ij j² / i² / N_s
  large_high_grey_emphasis,  ///< J17V / KLTH:  Σ s_ij i² j² / N_s
  grey_non_uniformity,       ///< JNSA / VFT7:  Σ s_i.² / N_s
  grey_non_uniformity_norm,  ///< Y1RO / 7HP3:  Σ s_i.² / N_s²
  size_non_uniformity,       ///< 4JP3 / V294:  Σ s.j² / N_s
  size_non_uniformity_norm,  ///< VB3A / IATH:  Σ s.j² / N_s²
  zone_percentage,           ///< P30P / VIWW:  N_s / N_v
  grey_variance,             ///< BYLV / QK93:  Σ (i − μ_i)² p_ij, μ_i = Σ i p_ij
  size_variance,             ///< 3NSA / 7WT1:  Σ (j − μ_j)² p_ij, μ_j = Σ j p_ij
  size_entropy,              ///< GU8N / GBDU:  −Σ p_ij log2 p_ij
  size_zone_feature_count
};

/// Fills out[0..size_zone_feature_count) (see SizeZoneFeature). Every value is defined when total > 0 and
/// voxel_count > 0; the caller leaves `out` NaN for an empty matrix.
VOXFEAT_HD inline void size_zone_features(const MatrixEntry* entries, std::size_t entry_count,
                                          const MarginalEntry* rows, std::size_t row_count,
                                          const MarginalEntry* cols, std::size_t col_count, std::uint64_t total,
                                          std::uint64_t voxel_count, double* out) {
  const double ns = double(total);
  double low_grey = 0, high_grey = 0, grey_nu = 0, grey_mean = 0;
  for (std::size_t r = 0; r < row_count; ++r) {
    const double i = double(rows[r].index) + 1.0, n = double(rows[r].count);
    low_grey += n / (i * i), high_grey += n * i * i, grey_nu += n * n, grey_mean += i * n;
  }
  grey_mean /= ns;
  double grey_var = 0;
  for (std::size_t r = 0; r < row_count; ++r) {
    const double d = double(rows[r].index) + 1.0 - grey_mean;
    grey_var += d * d * double(rows[r].count);
  }
  double small = 0, large = 0, size_nu = 0, size_mean = 0;
  for (std::size_t c = 0; c < col_count; ++c) {
    const double j = double(cols[c].index) + 1.0, n = double(cols[c].count);
    small += n / (j * j), large += n * j * j, size_nu += n * n, size_mean += j * n;
  }
  size_mean /= ns;
  double size_var = 0;
  for (std::size_t c = 0; c < col_count; ++c) {
    const double d = double(cols[c].index) + 1.0 - size_mean;
    size_var += d * d * double(cols[c].count);
  }
  double sl = 0, sh = 0, ll = 0, lh = 0, entropy = 0;
  for (std::size_t k = 0; k < entry_count; ++k) {
    const double i2 = (double(entries[k].row) + 1.0) * (double(entries[k].row) + 1.0);
    const double j2 = (double(entries[k].col) + 1.0) * (double(entries[k].col) + 1.0);
    const double n = double(entries[k].count);
    sl += n / (i2 * j2), sh += n * i2 / j2, ll += n * j2 / i2, lh += n * i2 * j2;
    const double p = n / ns;
    entropy -= p * log2(p);
  }
  out[small_emphasis] = small / ns;
  out[large_emphasis] = large / ns;
  out[low_grey_emphasis] = low_grey / ns;
  out[high_grey_emphasis] = high_grey / ns;
  out[small_low_grey_emphasis] = sl / ns;
  out[small_high_grey_emphasis] = sh / ns;
  out[large_low_grey_emphasis] = ll / ns;
  out[large_high_grey_emphasis] = lh / ns;
  out[grey_non_uniformity] = grey_nu / ns;
  out[grey_non_uniformity_norm] = grey_nu / (ns * ns);
  out[size_non_uniformity] = size_nu / ns;
  out[size_non_uniformity_norm] = size_nu / (ns * ns);
  out[zone_percentage] = ns / double(voxel_count);
  out[grey_variance] = grey_var / ns;
  out[size_variance] = size_var / ns;
  out[size_entropy] = entropy;
}

}  // namespace voxfeat::kernels::texture
