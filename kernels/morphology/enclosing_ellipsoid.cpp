#include "morphology/enclosing_ellipsoid.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include <Eigen/Dense>

namespace voxfeat::kernels::morphology {

EnclosingEllipsoid minimum_volume_enclosing_ellipsoid(std::span<const Point3> points, double tolerance,
                                                      int max_iterations) {
  EnclosingEllipsoid result;
  const Eigen::Index n = Eigen::Index(points.size());
  if (n < 4) return result;
  constexpr int d = 3;

  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (const Point3& p : points) mean += Eigen::Vector3d(p[0], p[1], p[2]);
  mean /= double(n);
  Eigen::Matrix<double, 4, Eigen::Dynamic> q(4, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Point3& p = points[std::size_t(i)];
    q.col(i) << p[0] - mean[0], p[1] - mean[1], p[2] - mean[2], 1.0;
  }

  // Plain loops over fixed-size 4-vectors: no temporaries per iteration (the loop runs hundreds of times).
  Eigen::VectorXd u = Eigen::VectorXd::Constant(n, 1.0 / double(n));
  for (int it = 0; it < max_iterations; ++it) {
    Eigen::Matrix4d x = Eigen::Matrix4d::Zero();
    for (Eigen::Index i = 0; i < n; ++i) x.noalias() += u[i] * (q.col(i) * q.col(i).transpose());
    bool invertible = false;
    double det = 0;
    Eigen::Matrix4d x_inv;
    x.computeInverseAndDetWithCheck(x_inv, det, invertible, 1e-300);
    if (!invertible || !(det > 0)) return result;  // flat point set
    Eigen::Index j = 0;
    double m_max = -1;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double m = q.col(i).dot(x_inv * q.col(i));
      if (m > m_max) m_max = m, j = i;
    }
    const double step = (m_max - d - 1.0) / ((d + 1.0) * (m_max - 1.0));
    // ‖u_new − u‖² = step²·(‖u‖² − 2u_j + 1), without forming u_new.
    const double change = std::abs(step) * std::sqrt(std::max(0.0, u.squaredNorm() - 2.0 * u[j] + 1.0));
    u *= 1.0 - step;
    u[j] += step;
    result.iterations = it + 1;
    if (change < tolerance) {
      result.converged = true;
      break;
    }
  }

  const Eigen::Matrix<double, 3, Eigen::Dynamic> p = q.topRows<3>();
  const Eigen::Vector3d c = p * u;
  const Eigen::Matrix3d spread = p * u.asDiagonal() * p.transpose() - c * c.transpose();
  // A = spread⁻¹ / d, so the semi-axes 1/√eig(A) are √(d·eig(spread)).
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> solver(spread, Eigen::EigenvaluesOnly);
  for (int a = 0; a < 3; ++a) result.semi_axes[std::size_t(a)] = std::sqrt(std::max(0.0, d * solver.eigenvalues()[a]));
  std::sort(result.semi_axes.begin(), result.semi_axes.end(), std::greater<>());
  return result;
}

}  // namespace voxfeat::kernels::morphology
