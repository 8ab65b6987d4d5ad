#pragma once
// NGTDM features (IBSI 1 section 3.10, IPET) from the grey levels present in a matrix (p_i > 0). Compiled by g++ and
// nvcc: plain pointers and sizes. Every level-pair sum is reduced to O(N_g,p) except complexity (HDEZ), whose
// (p_i1 s_i1 + p_i2 s_i2) / (p_i1 + p_i2) term has no separable form: O(N_g,p²) over present levels only.
#include <cmath>
#include <cstddef>

#include "common/hd.hpp"

namespace voxfeat::kernels::texture {

/// The present grey levels of one NGTDM, ascending: level[k] = i, p[k] = n_i / N_v,c, s[k] = s_i.
struct NgtdmLevels {
  const double* level = nullptr;
  const double* p = nullptr;
  const double* s = nullptr;
  std::size_t count = 0;              ///< N_g,p ≥ 1
  const double* sorted_ip = nullptr;  ///< the values i·p_i sorted ascending (for busyness)
  double total = 0.0;                 ///< N_v,c > 0
};

/// Σ p_i s_i.
VOXFEAT_HD inline double ngtdm_weighted_difference(const NgtdmLevels& m) {
  double sum = 0.0;
  for (std::size_t k = 0; k < m.count; ++k) sum += m.p[k] * m.s[k];
  return sum;
}

VOXFEAT_HD inline double ngtdm_sum_s(const NgtdmLevels& m) {
  double sum = 0.0;
  for (std::size_t k = 0; k < m.count; ++k) sum += m.s[k];
  return sum;
}

/// QCDE: 1 / Σ p_i s_i; IBSI caps it at 10^6 when the sum is 0 (a flat neighbourhood everywhere).
VOXFEAT_HD inline double ngtdm_coarseness(const NgtdmLevels& m) {
  const double d = ngtdm_weighted_difference(m);
  return d == 0.0 ? 1.0e6 : 1.0 / d;
}

/// 65HE: [Σ Σ p_i1 p_i2 (i1 − i2)² / (N_g,p (N_g,p − 1))] · Σ s_i / N_v,c; 0 when N_g,p = 1. The double sum over
/// level pairs equals 2·Var(i) under p (Σ p = 1).
VOXFEAT_HD inline double ngtdm_contrast(const NgtdmLevels& m) {
  if (m.count < 2) return 0.0;
  double mean = 0.0;
  for (std::size_t k = 0; k < m.count; ++k) mean += m.p[k] * m.level[k];
  double variance = 0.0;
  for (std::size_t k = 0; k < m.count; ++k) variance += m.p[k] * (m.level[k] - mean) * (m.level[k] - mean);
  const double n = static_cast<double>(m.count);
  return 2.0 * variance / (n * (n - 1.0)) * ngtdm_sum_s(m) / m.total;
}

/// NQ30: Σ p_i s_i / Σ Σ |i1 p_i1 − i2 p_i2| (Hatt's definition); 0 when N_g,p = 1; NaN when the denominator is 0
/// with several levels (all i·p_i equal). Σ_a Σ_b |v_a − v_b| over sorted v is 2 Σ_k v_(k) (2k − n + 1).
VOXFEAT_HD inline double ngtdm_busyness(const NgtdmLevels& m) {
  if (m.count < 2) return 0.0;
  double denominator = 0.0;
  const double n = static_cast<double>(m.count);
  for (std::size_t k = 0; k < m.count; ++k)
    denominator += m.sorted_ip[k] * (2.0 * static_cast<double>(k) - n + 1.0);
  denominator *= 2.0;
  if (!(denominator > 0.0)) return NAN;
  return ngtdm_weighted_difference(m) / denominator;
}

/// HDEZ: (1 / N_v,c) Σ Σ |i1 − i2| (p_i1 s_i1 + p_i2 s_i2) / (p_i1 + p_i2); the diagonal adds 0 and the sum is
/// symmetric, so twice the sum over i1 < i2.
VOXFEAT_HD inline double ngtdm_complexity(const NgtdmLevels& m) {
  double sum = 0.0;
  for (std::size_t a = 0; a < m.count; ++a) {
    const double ps_a = m.p[a] * m.s[a];
    for (std::size_t b = a + 1; b < m.count; ++b)
      sum += (m.level[b] - m.level[a]) * (ps_a + m.p[b] * m.s[b]) / (m.p[a] + m.p[b]);
  }
  return 2.0 * sum / m.total;
}

/// 1X9X: Σ Σ (p_i1 + p_i2)(i1 − i2)² / Σ s_i; 0 when Σ s_i = 0. The double sum is 2 Σ_a p_a Σ_b (i_a − i_b)² and
/// Σ_b (i_a − i_b)² = N_g,p i_a² − 2 i_a Σ i_b + Σ i_b², exact in doubles (integers below 2^53).
VOXFEAT_HD inline double ngtdm_strength(const NgtdmLevels& m) {
  const double sum_s = ngtdm_sum_s(m);
  if (sum_s == 0.0) return 0.0;
  double t1 = 0.0, t2 = 0.0;
  for (std::size_t k = 0; k < m.count; ++k) t1 += m.level[k], t2 += m.level[k] * m.level[k];
  const double n = static_cast<double>(m.count);
  double numerator = 0.0;
  for (std::size_t k = 0; k < m.count; ++k) {
    const double i = m.level[k];
    numerator += m.p[k] * (n * i * i - 2.0 * i * t1 + t2);
  }
  return 2.0 * numerator / sum_s;
}

}  // namespace voxfeat::kernels::texture
