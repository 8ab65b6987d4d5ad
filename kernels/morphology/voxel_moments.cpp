#include "morphology/voxel_moments.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <Eigen/Eigenvalues>
#include <tbb/parallel_for.h>

namespace voxfeat::kernels::morphology {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

struct IndexSums {
  std::int64_t n = 0;
  std::array<std::int64_t, 3> s{};   // Σ i, Σ j, Σ k
  std::array<std::int64_t, 6> ss{};  // Σ ii, jj, kk, ij, ik, jk
};

}  // namespace

VoxelMoments voxel_moments(const View3<std::uint8_t>& mask) {
  const std::size_t e0 = mask.extent[0], e1 = mask.extent[1], e2 = mask.extent[2];
  std::vector<IndexSums> slices(e2);
  tbb::parallel_for(std::size_t(0), e2, [&](std::size_t k) {
    IndexSums acc;
    const auto kk = std::int64_t(k);
    for (std::size_t j = 0; j < e1; ++j) {
      const std::uint8_t* row = mask.data + mask.index(0, j, k);
      const auto jj = std::int64_t(j);
      for (std::size_t i = 0; i < e0; ++i) {
        if (!row[i]) continue;
        const auto ii = std::int64_t(i);
        ++acc.n;
        acc.s[0] += ii, acc.s[1] += jj, acc.s[2] += kk;
        acc.ss[0] += ii * ii, acc.ss[1] += jj * jj, acc.ss[2] += kk * kk;
        acc.ss[3] += ii * jj, acc.ss[4] += ii * kk, acc.ss[5] += jj * kk;
      }
    }
    slices[k] = acc;
  });
  IndexSums total;
  for (const auto& s : slices) {
    total.n += s.n;
    for (int a = 0; a < 3; ++a) total.s[std::size_t(a)] += s.s[std::size_t(a)];
    for (int a = 0; a < 6; ++a) total.ss[std::size_t(a)] += s.ss[std::size_t(a)];
  }

  VoxelMoments m;
  m.count = std::size_t(total.n);
  if (total.n == 0) m.centroid = {k_nan, k_nan, k_nan};
  if (total.n < 2) m.covariance.fill(k_nan);
  if (total.n == 0) return m;
  // Centred second moments in long double: n·Σab − Σa·Σb is exact in the integers' range and loses no digits here.
  const long double n = (long double)(total.n);
  const auto centred = [&](int a, int b, int ab) {
    return ((long double)(total.ss[std::size_t(ab)]) * n -
            (long double)(total.s[std::size_t(a)]) * (long double)(total.s[std::size_t(b)])) /
           (n * (n - 1));
  };
  const auto& sp = mask.spacing;
  for (std::size_t a = 0; a < 3; ++a) m.centroid[a] = double((long double)(total.s[a]) / n) * sp[a];
  if (total.n < 2) return m;
  const int pair_index[3][3] = {{0, 3, 4}, {3, 1, 5}, {4, 5, 2}};
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b)
      m.covariance[std::size_t(3 * a + b)] =
          double(centred(a, b, pair_index[a][b])) * sp[std::size_t(a)] * sp[std::size_t(b)];
  return m;
}

IntensityMoments intensity_moments(const View3<float>& image, const View3<std::uint8_t>& mask) {
  struct Sums {
    std::size_t n = 0;
    double x = 0, xi = 0, xj = 0, xk = 0;
  };
  const std::size_t e0 = mask.extent[0], e1 = mask.extent[1], e2 = mask.extent[2];
  std::vector<Sums> slices(e2);
  tbb::parallel_for(std::size_t(0), e2, [&](std::size_t k) {
    Sums acc;
    for (std::size_t j = 0; j < e1; ++j) {
      const std::size_t row = mask.index(0, j, k);
      for (std::size_t i = 0; i < e0; ++i) {
        if (!mask.data[row + i]) continue;
        const double x = image.data[row + i];
        ++acc.n;
        acc.x += x;
        acc.xi += x * double(i), acc.xj += x * double(j), acc.xk += x * double(k);
      }
    }
    slices[k] = acc;
  });
  Sums total;
  for (const auto& s : slices) {
    total.n += s.n;
    total.x += s.x, total.xi += s.xi, total.xj += s.xj, total.xk += s.xk;
  }
  IntensityMoments m;
  m.count = total.n;
  m.sum = total.x;
  m.mean = total.n ? total.x / double(total.n) : k_nan;
  if (total.x != 0.0) {
    m.weighted_centroid = {total.xi / total.x * mask.spacing[0], total.xj / total.x * mask.spacing[1],
                           total.xk / total.x * mask.spacing[2]};
  } else {
    m.weighted_centroid = {k_nan, k_nan, k_nan};
  }
  return m;
}

std::array<double, 3> principal_variances(const std::array<double, 9>& covariance) {
  for (double v : covariance)
    if (std::isnan(v)) return {k_nan, k_nan, k_nan};
  Eigen::Matrix3d c;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) c(a, b) = covariance[std::size_t(3 * a + b)];
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> solver(c, Eigen::EigenvaluesOnly);
  const Eigen::Vector3d ev = solver.eigenvalues();  // ascending
  return {std::max(ev[2], 0.0), std::max(ev[1], 0.0), std::max(ev[0], 0.0)};
}

}  // namespace voxfeat::kernels::morphology
