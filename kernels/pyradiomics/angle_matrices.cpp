#include "pyradiomics/angle_matrices.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace voxfeat::kernels::pyradiomics {

double angle_length(Offset offset, const std::array<double, 3>& spacing, WeightingNorm norm) {
  const std::array<double, 3> mm{std::abs(offset.dx) * spacing[0], std::abs(offset.dy) * spacing[1],
                                 std::abs(offset.dz) * spacing[2]};
  switch (norm) {
    case WeightingNorm::infinity:
      return std::max({mm[0], mm[1], mm[2]});
    case WeightingNorm::euclidean:
      return std::sqrt(mm[0] * mm[0] + mm[1] * mm[1] + mm[2] * mm[2]);
    case WeightingNorm::manhattan:
      return mm[0] + mm[1] + mm[2];
    case WeightingNorm::no_weighting:
      return 1.0;
    case WeightingNorm::none:
      break;
  }
  throw std::invalid_argument("PyRadiomics weighting: no norm");
}

void sum_weighted_angles(AngleMatrices& m, std::span<const double> weights) {
  const std::size_t cells = m.rows * m.cols;
  if (weights.size() != m.angle_count()) throw std::invalid_argument("PyRadiomics weighting: one weight per angle");
  std::vector<double> sum(cells, 0.0);
  for (std::size_t a = 0; a < weights.size(); ++a) {
    const auto p = m.angle(a);
    for (std::size_t c = 0; c < cells; ++c) sum[c] += p[c] * weights[a];
  }
  m.values = std::move(sum);
}

void drop_empty_angles(AngleMatrices& m) {
  const std::size_t cells = m.rows * m.cols, n = m.angle_count();
  if (n <= 1) return;
  std::size_t kept = 0;
  for (std::size_t a = 0; a < n; ++a) {
    const auto p = m.angle(a);
    if (std::accumulate(p.begin(), p.end(), 0.0) == 0.0) continue;
    std::copy(p.begin(), p.end(), m.values.begin() + std::ptrdiff_t(kept * cells));
    ++kept;
  }
  m.values.resize(kept * cells);
}

double nanmean(std::span<const double> values) {
  double sum = 0.0;
  std::size_t n = 0;
  for (const double v : values)
    if (!std::isnan(v)) sum += v, ++n;
  return n ? sum / double(n) : std::numeric_limits<double>::quiet_NaN();
}

View3<std::int32_t> scope_of(const GreyLevels& levels) {
  return View3<std::int32_t>{levels.levels.data(), levels.extent, levels.spacing};
}

std::vector<texture::Offset> texture_offsets(std::span<const Offset> angles) {
  std::vector<texture::Offset> out;
  for (const Offset& a : angles) out.push_back(texture::Offset{a.dx, a.dy, a.dz});
  return out;
}

std::vector<int> rows_of_levels(std::span<const int> present, int ng) {
  std::vector<int> row(std::size_t(ng) + 1, -1);
  for (std::size_t r = 0; r < present.size(); ++r) row[std::size_t(present[r])] = int(r);
  return row;
}

}  // namespace voxfeat::kernels::pyradiomics
