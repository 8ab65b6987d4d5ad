#include "morphology/max_diameter.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

namespace voxfeat::kernels::morphology {

double max_diameter(std::span<const Point3> points) {
  const double max_squared = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, points.size()), 0.0,
      [&](const tbb::blocked_range<std::size_t>& rows, double best) {
        for (std::size_t i = rows.begin(); i != rows.end(); ++i)
          for (std::size_t j = i + 1; j < points.size(); ++j) {
            const double dx = points[i][0] - points[j][0], dy = points[i][1] - points[j][1],
                         dz = points[i][2] - points[j][2];
            best = std::max(best, dx * dx + dy * dy + dz * dz);
          }
        return best;
      },
      [](double a, double b) { return std::max(a, b); });
  return std::sqrt(max_squared);
}

}  // namespace voxfeat::kernels::morphology
