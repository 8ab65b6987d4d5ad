#include "resample/bspline_prefilter.hpp"

#include <cmath>
#include <cstddef>

#include <tbb/parallel_for.h>

#include "resample/interpolation_weights.hpp"

namespace voxfeat::kernels {
namespace {

/// In-place prefilter of one line of `n` values spaced `stride` apart (Thévenaz et al. 2000, mirror boundary).
void prefilter_line(double* c, std::size_t n, std::size_t stride) {
  if (n < 2) return;
  constexpr double z = cubic_bspline_pole;
  constexpr double gain = (1.0 - z) * (1.0 - 1.0 / z);
  for (std::size_t k = 0; k < n; ++k) c[k * stride] *= gain;
  // Causal initialisation: the mirror-extended sum, truncated where z^k falls below double precision (28 terms);
  // shorter lines take the exact closed form.
  constexpr std::size_t horizon = 28;
  if (n > horizon) {
    double sum = c[0], zk = z;
    for (std::size_t k = 1; k < horizon; ++k, zk *= z) sum += zk * c[k * stride];
    c[0] = sum;
  } else {
    double zn = z, z2n = std::pow(z, double(n - 1));
    double sum = c[0] + z2n * c[(n - 1) * stride];
    z2n *= z2n / z;
    for (std::size_t k = 1; k + 1 < n; ++k, zn *= z, z2n /= z) sum += (zn + z2n) * c[k * stride];
    c[0] = sum / (1.0 - zn * zn);
  }
  for (std::size_t k = 1; k < n; ++k) c[k * stride] += z * c[(k - 1) * stride];
  // Anti-causal initialisation for the mirror boundary.
  c[(n - 1) * stride] = (z / (z * z - 1.0)) * (c[(n - 1) * stride] + z * c[(n - 2) * stride]);
  for (std::size_t k = n - 1; k-- > 0;) c[k * stride] = z * (c[(k + 1) * stride] - c[k * stride]);
}

}  // namespace

std::vector<double> cubic_bspline_coefficients(const View3<float>& image, std::array<bool, 3> filter_axis) {
  const auto& n = image.extent;
  std::vector<double> c(image.data, image.data + image.voxel_count());
  const std::size_t stride[3] = {1, n[0], n[0] * n[1]};
  for (int a = 0; a < 3; ++a) {
    if (!filter_axis[a] || n[a] < 2) continue;
    // Lines along axis a are indexed by the other two axes; one task per plane of lines keeps memory access local.
    const int b = a == 0 ? 1 : 0, d = a == 2 ? 1 : 2;
    tbb::parallel_for(std::size_t(0), n[d], [&](std::size_t j) {
      for (std::size_t i = 0; i < n[b]; ++i) prefilter_line(c.data() + i * stride[b] + j * stride[d], n[a], stride[a]);
    });
  }
  return c;
}

}  // namespace voxfeat::kernels
