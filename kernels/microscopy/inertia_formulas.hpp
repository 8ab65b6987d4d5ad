#pragma once
// The ellipse of a 2D object from its second central moments, as scikit-image 0.19.3's regionprops defines it:
// inertia tensor, its eigenvalues, axis lengths, eccentricity and orientation. Shared by CPU and CUDA code.
#include <cmath>

#include "common/hd.hpp"
#include "microscopy/moment_formulas.hpp"

namespace voxfeat::kernels::microscopy {

/// skimage's `inertia_tensor` [[a, b], [b, c]] = [[μ02, −μ11], [−μ11, μ20]] / μ00 (μ20 = Σ Δrow²): a is the
/// spread along the columns, the sum of the other axis' second moment, as for a 3D inertia tensor.
struct InertiaTensor2D {
  double a = 0.0;
  double b = 0.0;
  double c = 0.0;
};

/// The diagonal is formed as skimage forms it, ((μ20 + μ02) − μ_kk) / μ00, so that a == c holds exactly where
/// skimage finds it (orientation's special case below tests that equality).
VOXFEAT_HD inline InertiaTensor2D inertia_tensor(const MomentTable& mu) {
  const double m0 = mu.v[0][0], trace = mu.v[2][0] + mu.v[0][2];
  return {(trace - mu.v[2][0]) / m0, -mu.v[1][1] / m0, (trace - mu.v[0][2]) / m0};
}

/// Eigenvalues λ1 ≥ λ2 ≥ 0 (skimage clips rounding negatives to 0).
struct InertiaEigenvalues {
  double major = 0.0;
  double minor = 0.0;
};

VOXFEAT_HD inline InertiaEigenvalues inertia_eigenvalues(const InertiaTensor2D& t) {
  InertiaEigenvalues e;
  if (t.b == 0.0) {
    // Diagonal: the eigenvalues are the diagonal itself, exactly (as LAPACK returns them).
    e.major = t.a > t.c ? t.a : t.c;
    e.minor = t.a > t.c ? t.c : t.a;
  } else {
    e.major = 0.5 * (t.a + t.c) + hypot(0.5 * (t.a - t.c), t.b);
    // λ2 = det / λ1 rather than trace/2 − root: for a thin object λ2 ≪ λ1, and the difference would keep only
    // rounding noise of λ1's size.
    e.minor = e.major > 0.0 ? (t.a * t.c - t.b * t.b) / e.major : 0.0;
  }
  if (e.major < 0.0) e.major = 0.0;
  if (e.minor < 0.0) e.minor = 0.0;
  return e;
}

/// √(1 − λ2/λ1); 0 when λ1 = 0 (a single pixel), as skimage returns.
VOXFEAT_HD inline double eccentricity(const InertiaEigenvalues& e) {
  return e.major == 0.0 ? 0.0 : sqrt(1.0 - e.minor / e.major);
}

/// Angle (radians) from the row axis to the major axis, positive towards +col, in (−π/2, π/2]:
/// 0.5·atan2(−2b, c − a) = 0.5·atan2(2μ11, μ20 − μ02). A vertical line gives 0, a horizontal one π/2.
/// scikit-image 0.19's special case is kept: when a − c == 0 exactly it returns −π/4 if b < 0 (μ11 > 0), else
/// +π/4 — the opposite sign to the general formula for a diagonal object (scikit-image issue #6815). Objects with
/// μ11 = 0 as well (discs, squares, a single pixel) get +π/4.
VOXFEAT_HD inline double orientation(const InertiaTensor2D& t) {
  constexpr double quarter_pi = 0.78539816339744830962;
  if (t.a - t.c == 0.0) return t.b < 0.0 ? -quarter_pi : quarter_pi;
  return 0.5 * atan2(-2.0 * t.b, t.c - t.a);
}

}  // namespace voxfeat::kernels::microscopy
