#pragma once
// Minimum volume enclosing ellipsoid (IBSI 1, SWZ1/BRI8) by Khachiyan's barycentric coordinate ascent.
#include <array>
#include <span>

#include "morphology/mesh.hpp"

namespace voxfeat::kernels::morphology {

struct EnclosingEllipsoid {
  std::array<double, 3> semi_axes{};  ///< mm, descending
  int iterations = 0;
  bool converged = false;
};

/// Khachiyan's algorithm (1996) as usually implemented (Moshtagh 2005, "Minimum volume enclosing ellipsoids"):
/// weights u on the points, lifted to q = (p, 1); each step moves weight to the point of largest
/// M_j = q_jᵀ (Q diag(u) Qᵀ)⁻¹ q_j with step (M_j − d − 1) / ((d + 1)(M_j − 1)), until ‖u_new − u‖₂ < tolerance
/// (IBSI 1 default τ = 0.001). The ellipsoid is then (x − c)ᵀ A (x − c) ≤ 1 with c = P u and
/// A = (P diag(u) Pᵀ − c cᵀ)⁻¹ / d; its semi-axes are 1/√eig(A). Pass the convex-hull vertices (same ellipsoid as
/// for all mesh vertices, far fewer points). The iteration stops unconverged after `max_iterations`.
/// Points are centred on their mean first, for conditioning. Returns zero axes for fewer than 4 points or a flat set.
EnclosingEllipsoid minimum_volume_enclosing_ellipsoid(std::span<const Point3> points, double tolerance = 1e-3,
                                                      int max_iterations = 100000);

}  // namespace voxfeat::kernels::morphology
