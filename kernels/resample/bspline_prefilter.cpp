#include "resample/bspline_prefilter.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <tbb/parallel_for.h>

#include "resample/interpolation_weights.hpp"

namespace voxfeat::kernels {
namespace {

/// In-place prefilter (Thévenaz et al. 2000, mirror boundary) of `lines` lines of `n` values spaced `stride` apart,
/// line l starting at c + l. Each step runs across all lines before the next one: every line gets the same
/// operations in the same order as if filtered alone (so the result does not depend on how lines are grouped),
/// while memory is read in contiguous runs. Filtering one y or z line at a time touched one value per cache line
/// (and, along z, per page) and made the prefilter half of the cubic spline's time. `sum` holds `lines` values.
void prefilter_lines(double* c, std::size_t n, std::size_t stride, std::size_t lines, double* sum) {
  if (n < 2) return;
  constexpr double z = cubic_bspline_pole;
  constexpr double gain = (1.0 - z) * (1.0 - 1.0 / z);
  const auto at = [&](std::size_t k) { return c + k * stride; };  // value k of every line
  for (std::size_t k = 0; k < n; ++k) {
    double* v = at(k);
    for (std::size_t l = 0; l < lines; ++l) v[l] *= gain;
  }
  // Causal initialisation: the mirror-extended sum, truncated where z^k falls below double precision (28 terms);
  // shorter lines take the exact closed form.
  constexpr std::size_t horizon = 28;
  double* first = at(0);
  if (n > horizon) {
    std::copy(first, first + lines, sum);
    double zk = z;
    for (std::size_t k = 1; k < horizon; ++k, zk *= z) {
      const double* v = at(k);
      for (std::size_t l = 0; l < lines; ++l) sum[l] += zk * v[l];
    }
    std::copy(sum, sum + lines, first);
  } else {
    double zn = z, z2n = std::pow(z, double(n - 1));
    const double* last = at(n - 1);
    for (std::size_t l = 0; l < lines; ++l) sum[l] = first[l] + z2n * last[l];
    z2n *= z2n / z;
    for (std::size_t k = 1; k + 1 < n; ++k, zn *= z, z2n /= z) {
      const double w = zn + z2n;
      const double* v = at(k);
      for (std::size_t l = 0; l < lines; ++l) sum[l] += w * v[l];
    }
    const double norm = 1.0 - zn * zn;
    for (std::size_t l = 0; l < lines; ++l) first[l] = sum[l] / norm;
  }
  for (std::size_t k = 1; k < n; ++k) {
    double* v = at(k);
    const double* previous = at(k - 1);
    for (std::size_t l = 0; l < lines; ++l) v[l] += z * previous[l];
  }
  // Anti-causal initialisation for the mirror boundary.
  {
    double* last = at(n - 1);
    const double* before = at(n - 2);
    for (std::size_t l = 0; l < lines; ++l) last[l] = (z / (z * z - 1.0)) * (last[l] + z * before[l]);
  }
  for (std::size_t k = n - 1; k-- > 0;) {
    double* v = at(k);
    const double* next = at(k + 1);
    for (std::size_t l = 0; l < lines; ++l) v[l] = z * (next[l] - v[l]);
  }
}

}  // namespace

std::vector<double> cubic_bspline_coefficients(const View3<float>& image, std::array<bool, 3> filter_axis) {
  const auto& n = image.extent;
  std::vector<double> c(image.data, image.data + image.voxel_count());
  const std::size_t stride[3] = {1, n[0], n[0] * n[1]};
  for (int a = 0; a < 3; ++a) {
    if (!filter_axis[a] || n[a] < 2) continue;
    // One task per plane of lines keeps memory access local. Along y and z, the lines of a plane are neighbours in
    // x and are filtered together; along x, each row is contiguous already.
    const int d = a == 2 ? 1 : 2;  // the axis that numbers the planes
    tbb::parallel_for(std::size_t(0), n[d], [&](std::size_t j) {
      double* plane = c.data() + j * stride[d];
      if (a == 0) {
        double sum = 0.0;
        for (std::size_t y = 0; y < n[1]; ++y) prefilter_lines(plane + y * stride[1], n[0], 1, 1, &sum);
      } else {
        std::vector<double> sums(n[0]);
        prefilter_lines(plane, n[a], stride[a], n[0], sums.data());
      }
    });
  }
  return c;
}

}  // namespace voxfeat::kernels
