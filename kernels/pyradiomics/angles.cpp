#include "pyradiomics/angles.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace voxfeat::kernels::pyradiomics {

std::vector<Offset> angles(std::array<std::size_t, 3> extent, std::span<const int> distances, int force2d_dimension,
                           bool bidirectional) {
  if (distances.empty()) throw std::invalid_argument("PyRadiomics angles: no distance");
  int max_distance = 0;
  for (const int d : distances) {
    if (d < 1) throw std::invalid_argument("PyRadiomics angles: distances must be >= 1");
    max_distance = std::max(max_distance, d);
  }
  // numpy order: dimension 0 is z, 1 is y, 2 is x.
  const std::array<long, 3> size{long(extent[2]), long(extent[1]), long(extent[0])};
  std::vector<Offset> result;
  // Offsets +max … −max per dimension, the last dimension (x) fastest; the mirror of the k-th offset is the
  // (n − 1 − k)-th, so the first half holds one of each ± pair.
  const int n = 2 * max_distance + 1;
  for (int index = 0; index < n * n * n; ++index) {
    const std::array<int, 3> offset{max_distance - index / (n * n), max_distance - (index / n) % n,
                                    max_distance - index % n};
    bool valid = true;
    int norm = 0;
    for (int d = 0; d < 3; ++d) {
      if ((d == force2d_dimension && offset[d] != 0) || std::abs(offset[d]) >= size[d]) valid = false;
      norm = std::max(norm, std::abs(offset[d]));
    }
    if (!valid || norm == 0 || std::find(distances.begin(), distances.end(), norm) == distances.end()) continue;
    result.push_back(Offset{offset[2], offset[1], offset[0]});
  }
  if (!bidirectional) result.resize(result.size() / 2);
  return result;
}

}  // namespace voxfeat::kernels::pyradiomics
