#pragma once
// Formulas over the moment table of a 2D object (orders 0..3 along each axis), shared by the CPU kernels and a
// later CUDA version. Index [i][j] = row power i, column power j: scikit-image's `moments-i-j` layout.
#include <cmath>

#include "common/hd.hpp"

namespace voxfeat::kernels::microscopy {

struct MomentTable {
  double v[4][4];
};

/// Scale-invariant moments η_ij = μ_ij / μ_00^((i+j)/2 + 1) from central moments μ, for i + j ≥ 2. NaN for
/// i + j < 2, where skimage leaves them undefined (η_00 would be a constant, η_01 and η_10 are 0 by definition).
VOXFEAT_HD inline MomentTable normalised_moments(const MomentTable& mu) {
  MomentTable eta{};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      eta.v[i][j] = i + j < 2 ? NAN : mu.v[i][j] / pow(mu.v[0][0], 0.5 * double(i + j) + 1.0);
  return eta;
}

/// Hu's seven invariants I1..I7 (Hu 1962, "Visual pattern recognition by moment invariants") from normalised
/// moments η, with the row as Hu's x. I1..I6 do not change when rows and columns swap; I7 changes sign (it tells
/// mirror images apart).
VOXFEAT_HD inline void hu_moments(const MomentTable& eta, double hu[7]) {
  const double n20 = eta.v[2][0], n02 = eta.v[0][2], n11 = eta.v[1][1];
  const double n30 = eta.v[3][0], n03 = eta.v[0][3], n21 = eta.v[2][1], n12 = eta.v[1][2];
  const double a = n30 - 3.0 * n12, b = 3.0 * n21 - n03;  // the two "difference" terms
  const double s = n30 + n12, t = n21 + n03;                // the two "sum" terms
  hu[0] = n20 + n02;
  hu[1] = (n20 - n02) * (n20 - n02) + 4.0 * n11 * n11;
  hu[2] = a * a + b * b;
  hu[3] = s * s + t * t;
  hu[4] = a * s * (s * s - 3.0 * t * t) + b * t * (3.0 * s * s - t * t);
  hu[5] = (n20 - n02) * (s * s - t * t) + 4.0 * n11 * s * t;
  hu[6] = b * s * (s * s - 3.0 * t * t) - a * t * (3.0 * s * s - t * t);
}

}  // namespace voxfeat::kernels::microscopy
