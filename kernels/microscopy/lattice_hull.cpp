#include "microscopy/lattice_hull.hpp"

#include <cmath>

namespace voxfeat::kernels::microscopy {

void convex_polygon(std::span<const HalfPoint> sorted, std::vector<HalfPoint>& hull) {
  hull.clear();
  if (sorted.empty()) return;
  if (sorted.front() == sorted.back()) {
    hull.push_back(sorted.front());
    return;
  }
  hull.resize(2 * sorted.size());
  std::size_t k = 0;
  const auto push = [&](const HalfPoint& p, std::size_t floor) {
    while (k >= floor && turn(hull[k - 2], hull[k - 1], p) <= 0) --k;
    hull[k++] = p;
  };
  for (const HalfPoint& p : sorted) push(p, 2);
  const std::size_t lower = k + 1;
  for (std::size_t i = sorted.size() - 1; i-- > 0;) push(sorted[i], lower);
  hull.resize(k - 1);  // the last point closes the loop at the first
}

double polygon_perimeter(std::span<const HalfPoint> polygon) {
  const std::size_t h = polygon.size();
  if (h < 2) return 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < h; ++i)
    sum += std::sqrt(double(squared_distance(polygon[i], polygon[(i + 1) % h])));
  return sum;
}

}  // namespace voxfeat::kernels::microscopy
