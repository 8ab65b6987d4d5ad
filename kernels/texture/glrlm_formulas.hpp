#pragma once
// GLRLM features (IBSI 1 section 3.7, TP0I) of one grey level run length matrix given as its sparse entries
// (row = grey level i − 1, column = run length j − 1). Compiled by g++ and nvcc (VOXFEAT_HD): plain pointers and
// sizes only; loops run over the non-zero entries or O(Ng + Nr) marginals, never over all Ng × Nr cells.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::texture::glrlm {

/// Feature slots, in the order of the family's outputs.
enum Feature : std::size_t {
  short_runs_emphasis,
  long_runs_emphasis,
  low_grey_level_run_emphasis,
  high_grey_level_run_emphasis,
  short_run_low_grey_level_emphasis,
  short_run_high_grey_level_emphasis,
  long_run_low_grey_level_emphasis,
  long_run_high_grey_level_emphasis,
  grey_level_non_uniformity,
  normalised_grey_level_non_uniformity,
  run_length_non_uniformity,
  normalised_run_length_non_uniformity,
  run_percentage,
  grey_level_variance,
  run_length_variance,
  run_entropy,
  feature_count
};

/// Doubles of workspace for ng grey levels and nr run lengths: the marginal sums r_i. and r_.j.
VOXFEAT_HD inline std::size_t workspace_size(std::uint32_t ng, std::uint32_t nr) {
  return std::size_t(ng) + std::size_t(nr);
}

/// Fills out[0..feature_count) from the `n` entries of a matrix with N_s = `runs` > 0 runs over N_v = `voxels`
/// voxels (summed over the merged matrices, as IBSI asks for run percentage). Every feature is defined when
/// runs > 0. `work` has workspace_size(ng, nr) doubles.
VOXFEAT_HD inline void glrlm_features(const MatrixEntry* entries, std::size_t n, std::uint64_t runs,
                                      std::uint64_t voxels, std::uint32_t ng, std::uint32_t nr, double* work,
                                      double* out) {
  double* ri = work;       // r_i.
  double* rj = work + ng;  // r_.j
  for (std::size_t k = 0; k < workspace_size(ng, nr); ++k) work[k] = 0.0;
  const double ns = double(runs);
  double srlge = 0.0, srhge = 0.0, lrlge = 0.0, lrhge = 0.0, entropy = 0.0;
  for (std::size_t e = 0; e < n; ++e) {
    const double r = double(entries[e].count);
    const double i = double(entries[e].row) + 1.0, j = double(entries[e].col) + 1.0;
    const double i2 = i * i, j2 = j * j, p = r / ns;
    ri[entries[e].row] += r;
    rj[entries[e].col] += r;
    srlge += r / (i2 * j2);
    srhge += r * i2 / j2;
    lrlge += r * j2 / i2;
    lrhge += r * i2 * j2;
    entropy -= p * log2(p);
  }
  // Means from the integer-valued marginals (exact for a single level or run length, so variances are then 0).
  double mu_i = 0.0, mu_j = 0.0;
  for (std::uint32_t k = 0; k < ng; ++k) mu_i += (double(k) + 1.0) * ri[k];
  for (std::uint32_t k = 0; k < nr; ++k) mu_j += (double(k) + 1.0) * rj[k];
  mu_i /= ns, mu_j /= ns;
  double lgre = 0.0, hgre = 0.0, glnu = 0.0, gl_var = 0.0;
  for (std::uint32_t k = 0; k < ng; ++k) {
    const double i = double(k) + 1.0, r = ri[k];
    lgre += r / (i * i);
    hgre += r * i * i;
    glnu += r * r;
    gl_var += (i - mu_i) * (i - mu_i) * r / ns;
  }
  double sre = 0.0, lre = 0.0, rlnu = 0.0, rl_var = 0.0;
  for (std::uint32_t k = 0; k < nr; ++k) {
    const double j = double(k) + 1.0, r = rj[k];
    sre += r / (j * j);
    lre += r * j * j;
    rlnu += r * r;
    rl_var += (j - mu_j) * (j - mu_j) * r / ns;
  }
  out[short_runs_emphasis] = sre / ns;                      // 22OV
  out[long_runs_emphasis] = lre / ns;                       // W4KF
  out[low_grey_level_run_emphasis] = lgre / ns;             // V3SW
  out[high_grey_level_run_emphasis] = hgre / ns;            // G3QZ
  out[short_run_low_grey_level_emphasis] = srlge / ns;      // HTZT
  out[short_run_high_grey_level_emphasis] = srhge / ns;     // GD3A
  out[long_run_low_grey_level_emphasis] = lrlge / ns;       // IVPO
  out[long_run_high_grey_level_emphasis] = lrhge / ns;      // 3KUM
  out[grey_level_non_uniformity] = glnu / ns;               // R5YN
  out[normalised_grey_level_non_uniformity] = glnu / (ns * ns);  // OVBL
  out[run_length_non_uniformity] = rlnu / ns;               // W92Y
  out[normalised_run_length_non_uniformity] = rlnu / (ns * ns);  // IC23
  out[run_percentage] = voxels > 0 ? ns / double(voxels) : NAN;  // 9ZK5
  out[grey_level_variance] = gl_var;                        // 8CE5
  out[run_length_variance] = rl_var;                        // SXLW
  out[run_entropy] = entropy;                               // HJ9O
}

}  // namespace voxfeat::kernels::texture::glrlm
