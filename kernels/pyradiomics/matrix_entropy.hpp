#pragma once
// The entropy PyRadiomics computes over a normalised texture matrix (radiomics/glszm.py getZoneEntropyFeatureValue,
// radiomics/gldm.py getDependenceEntropyFeatureValue): −Σ p log2(p + ε) with ε = numpy.spacing(1). IBSI's has no ε;
// the two differ by about ε / ln 2 per cell, which shows in a flat region (PyRadiomics' 0.9999999999999993, not 1).
#include <cmath>

#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::pyradiomics {

/// numpy.spacing(1) (float64 machine epsilon), the ε PyRadiomics adds inside its logarithms.
inline constexpr double numpy_eps = 2.220446049250313e-16;

/// −Σ p log2(p + ε) over the non-zero cells of `m`, p = count / total (empty cells add 0, as 0 · log2(ε) = 0).
inline double entropy_with_eps(const texture::CountMatrix& m) {
  const double total = double(m.total());
  double entropy = 0.0;
  for (const texture::MatrixEntry& e : m.entries()) {
    const double p = double(e.count) / total;
    entropy -= p * std::log2(p + numpy_eps);
  }
  return entropy;
}

}  // namespace voxfeat::kernels::pyradiomics
