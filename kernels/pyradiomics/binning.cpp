#include "pyradiomics/binning.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace voxfeat::kernels::pyradiomics {
namespace {

/// Python's float modulo: the result takes the sign of the divisor.
double python_mod(double x, double w) {
  double m = std::fmod(x, w);
  if (m != 0.0 && ((w < 0.0) != (m < 0.0))) m += w;
  return m;
}

/// numpy.linspace(start, stop, num) with endpoint: start + k·step, the last value exactly stop.
std::vector<double> linspace(double start, double stop, int num) {
  std::vector<double> v(static_cast<std::size_t>(num));
  const double step = (stop - start) / double(num - 1);
  for (int k = 0; k < num; ++k) v[std::size_t(k)] = double(k) * step + start;
  v.back() = stop;
  return v;
}

}  // namespace

std::vector<double> bin_edges(std::span<const double> values, const BinSettings& s) {
  if (values.empty()) throw std::invalid_argument("PyRadiomics binning: no value");
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  const double minimum = *lo, maximum = *hi;
  if (s.bin_count) {
    if (*s.bin_count < 1) throw std::invalid_argument("PyRadiomics binning: binCount must be positive");
    // numpy.histogram's range for a flat array is [min − 0.5, max + 0.5].
    const double first = minimum == maximum ? minimum - 0.5 : minimum;
    const double last = minimum == maximum ? maximum + 0.5 : maximum;
    auto edges = linspace(first, last, *s.bin_count + 1);
    edges.back() += 1.0;
    return edges;
  }
  const double w = s.bin_width;
  if (!(w > 0.0)) throw std::invalid_argument("PyRadiomics binning: binWidth must be positive");
  const double low = minimum - python_mod(minimum, w);
  const double high = maximum + 2.0 * w;
  // numpy.arange: ceil((stop − start) / step) values start + k·step.
  const auto count = std::size_t(std::ceil((high - low) / w));
  std::vector<double> edges(count);
  for (std::size_t k = 0; k < count; ++k) edges[k] = low + double(k) * w;
  if (edges.size() == 1) edges = {edges[0] - 0.5, edges[0] + 0.5};
  return edges;
}

int digitize(double x, std::span<const double> edges) {
  return int(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin());
}

GreyLevels discretise(View3<float> image, View3<std::uint8_t> mask, const BinSettings& settings) {
  GreyLevels g;
  g.spacing = image.spacing;
  std::array<std::size_t, 3> lo{image.extent}, hi{0, 0, 0};
  std::vector<double> values;
  for (std::size_t z = 0; z < image.extent[2]; ++z)
    for (std::size_t y = 0; y < image.extent[1]; ++y)
      for (std::size_t x = 0; x < image.extent[0]; ++x) {
        if (!mask(x, y, z)) continue;
        values.push_back(double(image(x, y, z)));
        const std::array<std::size_t, 3> p{x, y, z};
        for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], p[a]), hi[a] = std::max(hi[a], p[a] + 1);
      }
  g.voxel_count = values.size();
  if (values.empty()) return g;
  for (int a = 0; a < 3; ++a) g.extent[a] = hi[a] - lo[a];
  g.levels.assign(g.extent[0] * g.extent[1] * g.extent[2], 0);
  const auto edges = bin_edges(values, settings);
  std::vector<char> seen(edges.size() + 1, 0);
  std::size_t i = 0;
  for (std::size_t z = lo[2]; z < hi[2]; ++z)
    for (std::size_t y = lo[1]; y < hi[1]; ++y)
      for (std::size_t x = lo[0]; x < hi[0]; ++x, ++i) {
        if (!mask(x, y, z)) continue;
        const int level = digitize(double(image(x, y, z)), edges);
        g.levels[i] = level;
        seen[std::size_t(level)] = 1;
      }
  for (std::size_t level = 0; level < seen.size(); ++level)
    if (seen[level]) g.present.push_back(int(level));
  g.ng = g.present.back();
  return g;
}

}  // namespace voxfeat::kernels::pyradiomics
