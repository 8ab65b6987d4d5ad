#include "pyradiomics/principal_axes.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <limits>
#include <vector>

#include "morphology/voxel_moments.hpp"

namespace voxfeat::kernels::pyradiomics {

std::array<double, 3> principal_eigenvalues(const View3<std::uint8_t>& mask) {
  const auto moments = morphology::voxel_moments(mask);
  const std::size_t n = moments.count;
  if (n == 0) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan};
  }
  std::array<double, 3> eigenvalues{0.0, 0.0, 0.0};
  if (n == 1) return eigenvalues;
  // voxel_moments divides by N − 1 (exactly, in long double, from integer index sums); PyRadiomics divides by N.
  const double to_population = double(n - 1) / double(n);
  std::vector<int> varying;
  for (int a = 0; a < 3; ++a)
    if (moments.covariance[std::size_t(4 * a)] != 0.0) varying.push_back(a);
  const auto k = Eigen::Index(varying.size());
  if (k > 0) {
    Eigen::MatrixXd c(k, k);
    for (Eigen::Index i = 0; i < k; ++i)
      for (Eigen::Index j = 0; j < k; ++j)
        c(i, j) =
            moments.covariance[std::size_t(3 * varying[std::size_t(i)] + varying[std::size_t(j)])] * to_population;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(c, Eigen::EigenvaluesOnly);
    for (Eigen::Index i = 0; i < k; ++i) eigenvalues[std::size_t(i)] = solver.eigenvalues()[i];
  }
  for (double& e : eigenvalues)
    if (e < 0 && e > -1e-10) e = 0;  // PyRadiomics: "machine precision errors", rounded to 0
  std::sort(eigenvalues.begin(), eigenvalues.end());
  return eigenvalues;
}

}  // namespace voxfeat::kernels::pyradiomics
