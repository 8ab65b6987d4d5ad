#pragma once
// GLCM features (IBSI 1 section 3.6, LFYI) of one grey level co-occurrence matrix given as its sparse entries.
// Compiled by g++ and nvcc (VOXFEAT_HD): plain pointers and sizes only. Every loop runs over the non-zero entries or
// over O(Ng) marginal arrays, never over all Ng² cells (4096 grey levels stay cheap).
//
// Formulas are the general (not necessarily symmetric) forms: with a symmetric matrix (IBSI's definition) they
// reduce to the manual's simplified ones (p_i. = p_.j, µ_i. = µ_.j, HX = HY).
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::texture::glcm {

/// Feature slots, in the order of the family's outputs.
enum Feature : std::size_t {
  joint_maximum,
  joint_average,
  joint_variance,
  joint_entropy,
  difference_average,
  difference_variance,
  difference_entropy,
  sum_average,
  sum_variance,
  sum_entropy,
  angular_second_moment,
  contrast,
  dissimilarity,
  inverse_difference,
  normalised_inverse_difference,
  inverse_difference_moment,
  normalised_inverse_difference_moment,
  inverse_variance,
  correlation,
  autocorrelation,
  cluster_tendency,
  cluster_shade,
  cluster_prominence,
  information_correlation_1,
  information_correlation_2,
  feature_count
};

/// Doubles of workspace glcm_features needs for ng grey levels: p_i., p_.j, log2 p_i., log2 p_.j (ng each),
/// p_{i−j} (ng) and p_{i+j} (2·ng + 1, indexed by k = i + j).
VOXFEAT_HD inline std::size_t workspace_size(std::uint32_t ng) { return 5 * std::size_t(ng) + 2 * std::size_t(ng) + 1; }

VOXFEAT_HD inline double plog2p(double p) { return p > 0.0 ? p * log2(p) : 0.0; }

/// Fills out[0..feature_count) from the `n` entries (sorted or not) of a matrix with `total` > 0 counts and rows and
/// columns 0..ng−1 (grey level i is row i − 1). `work` has workspace_size(ng) doubles. Undefined values are NaN:
/// correlation when a marginal has zero variance, information correlation 1 when the marginal entropy is 0 (both
/// happen when the scope holds a single grey level).
VOXFEAT_HD inline void glcm_features(const MatrixEntry* entries, std::size_t n, std::uint64_t total, std::uint32_t ng,
                                     double* work, double* out) {
  double* px = work;
  double* py = px + ng;
  double* lx = py + ng;
  double* ly = lx + ng;
  double* pd = ly + ng;  // p_{i−j,k}, k = 0..ng−1
  double* ps = pd + ng;  // p_{i+j,k}, k = 0..2ng (k = 0, 1 unused)
  for (std::size_t k = 0; k < workspace_size(ng); ++k) work[k] = 0.0;
  const double t = double(total);

  // Joint-probability sums over the entries. The marginals are summed as counts (exact integers in a double below
  // 2^53) and divided once: a scope of a single grey level then has p_i. = 1 exactly, hence a marginal variance and
  // entropy of exactly 0 and the NaN its correlation and information correlation 1 are defined to be, where summing
  // rounded probabilities (count × (1/total)) could leave 1 − 2^-53 and report 1 instead.
  double p_max = 0.0, hxy = 0.0, asm_sum = 0.0, sum_ij = 0.0;
  for (std::size_t e = 0; e < n; ++e) {
    const double count = double(entries[e].count), p = count / t;
    const std::uint32_t r = entries[e].row, c = entries[e].col;
    const double i = double(r) + 1.0, j = double(c) + 1.0;
    px[r] += count;
    py[c] += count;
    pd[r > c ? r - c : c - r] += count;
    ps[r + c + 2] += count;
    p_max = p > p_max ? p : p_max;
    hxy -= plog2p(p);
    asm_sum += p * p;
    sum_ij += i * j * p;
  }
  for (std::uint32_t k = 0; k < ng; ++k) {
    px[k] /= t;
    py[k] /= t;
    pd[k] /= t;
  }
  for (std::uint32_t k = 2; k <= 2 * ng; ++k) ps[k] /= t;

  // Marginal moments and entropies (O(ng)).
  double mu_x = 0.0, mu_y = 0.0, hx = 0.0, hy = 0.0;
  for (std::uint32_t k = 0; k < ng; ++k) {
    mu_x += double(k + 1) * px[k];
    mu_y += double(k + 1) * py[k];
    lx[k] = px[k] > 0.0 ? log2(px[k]) : 0.0;
    ly[k] = py[k] > 0.0 ? log2(py[k]) : 0.0;
    hx -= px[k] * lx[k];
    hy -= py[k] * ly[k];
  }
  double var_x = 0.0, var_y = 0.0;
  for (std::uint32_t k = 0; k < ng; ++k) {
    var_x += (double(k + 1) - mu_x) * (double(k + 1) - mu_x) * px[k];
    var_y += (double(k + 1) - mu_y) * (double(k + 1) - mu_y) * py[k];
  }

  // Second pass over the entries for the centred sums (stable, unlike Σij p − µ²).
  double cov = 0.0, hxy1 = 0.0;
  for (std::size_t e = 0; e < n; ++e) {
    const double p = double(entries[e].count) / t;
    const std::uint32_t r = entries[e].row, c = entries[e].col;
    cov += (double(r) + 1.0 - mu_x) * (double(c) + 1.0 - mu_y) * p;
    hxy1 -= p * (lx[r] + ly[c]);
  }

  // Diagonal probabilities p_{i−j}.
  double d_avg = 0.0, d_entr = 0.0, contrast_sum = 0.0, inv_diff = 0.0, inv_diff_n = 0.0, idm = 0.0, idm_n = 0.0,
         inv_var = 0.0;
  const double g = double(ng);
  for (std::uint32_t k = 0; k < ng; ++k) {
    const double p = pd[k], kk = double(k);
    d_avg += kk * p;
    d_entr -= plog2p(p);
    contrast_sum += kk * kk * p;
    inv_diff += p / (1.0 + kk);
    inv_diff_n += p / (1.0 + kk / g);
    idm += p / (1.0 + kk * kk);
    idm_n += p / (1.0 + (kk / g) * (kk / g));
    if (k > 0) inv_var += p / (kk * kk);
  }
  double d_var = 0.0;
  for (std::uint32_t k = 0; k < ng; ++k) d_var += (double(k) - d_avg) * (double(k) - d_avg) * pd[k];

  // Cross-diagonal probabilities p_{i+j}; cluster features are moments of i + j about µ_i. + µ_.j.
  double s_avg = 0.0, s_entr = 0.0;
  for (std::uint32_t k = 2; k <= 2 * ng; ++k) {
    s_avg += double(k) * ps[k];
    s_entr -= plog2p(ps[k]);
  }
  double s_var = 0.0, c2 = 0.0, c3 = 0.0, c4 = 0.0;
  const double mu_xy = mu_x + mu_y;
  for (std::uint32_t k = 2; k <= 2 * ng; ++k) {
    const double ds = double(k) - s_avg, dc = double(k) - mu_xy;
    s_var += ds * ds * ps[k];
    c2 += dc * dc * ps[k];
    c3 += dc * dc * dc * ps[k];
    c4 += dc * dc * dc * dc * ps[k];
  }

  double joint_var = 0.0;  // UR99: Σ (i − µ)² p_ij with µ the joint average, a function of the row marginal only
  for (std::uint32_t k = 0; k < ng; ++k) joint_var += (double(k + 1) - mu_x) * (double(k + 1) - mu_x) * px[k];

  out[joint_maximum] = p_max;                // GYBY
  out[joint_average] = mu_x;                 // 60VM
  out[joint_variance] = joint_var;           // UR99
  out[joint_entropy] = hxy;                  // TU9B
  out[difference_average] = d_avg;           // TF7R
  out[difference_variance] = d_var;          // D3YU
  out[difference_entropy] = d_entr;          // NTRS
  out[sum_average] = s_avg;                  // ZGXS
  out[sum_variance] = s_var;                 // OEEB
  out[sum_entropy] = s_entr;                 // P6QZ
  out[angular_second_moment] = asm_sum;      // 8ZQL
  out[contrast] = contrast_sum;              // ACUI
  out[dissimilarity] = d_avg;                // 8S9J (= difference average by definition)
  out[inverse_difference] = inv_diff;        // IB1Z
  out[normalised_inverse_difference] = inv_diff_n;           // NDRX
  out[inverse_difference_moment] = idm;                      // WF0Z
  out[normalised_inverse_difference_moment] = idm_n;         // 1QCO
  out[inverse_variance] = inv_var;                           // E8JP
  out[correlation] = var_x > 0.0 && var_y > 0.0 ? cov / sqrt(var_x * var_y) : NAN;  // NI2N
  out[autocorrelation] = sum_ij;                             // QWB0
  out[cluster_tendency] = c2;                                // DG8W
  out[cluster_shade] = c3;                                   // 7NFM
  out[cluster_prominence] = c4;                              // AE86
  // R8DG: (HXY − HXY1) / HX; for an asymmetric matrix Haralick divides by max(HX, HY).
  const double h_max = hx > hy ? hx : hy;
  out[information_correlation_1] = h_max > 0.0 ? (hxy - hxy1) / h_max : NAN;
  // JN9H: HXY2 = −Σ p_i. p_.j log2(p_i. p_.j) = HX + HY (no Ng² loop). HXY2 ≥ HXY mathematically; clamp rounding.
  const double gap = hx + hy - hxy;
  out[information_correlation_2] = sqrt(1.0 - exp(-2.0 * (gap > 0.0 ? gap : 0.0)));
}

}  // namespace voxfeat::kernels::texture::glcm
