#include "pyradiomics/cube_mesh.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <vector>

#include "pyradiomics/marching_tables.hpp"

namespace voxfeat::kernels::pyradiomics {
namespace {

using Vec = std::array<double, 3>;  // (slice, row, column)

// (a × b) · c, with PyRadiomics' operand order.
double triple_product(const Vec& a, const Vec& b, const Vec& c) {
  return (a[1] * b[2] - b[1] * a[2]) * c[0] + (a[2] * b[0] - b[2] * a[0]) * c[1] + (a[0] * b[1] - b[0] * a[1]) * c[2];
}

double triangle_area(Vec a, Vec b, const Vec& c) {
  for (std::size_t d = 0; d < 3; ++d) a[d] -= c[d], b[d] -= c[d];
  const Vec n{a[1] * b[2] - b[1] * a[2], a[2] * b[0] - b[2] * a[0], a[0] * b[1] - b[0] * a[1]};
  return 0.5 * std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
}

}  // namespace

MeshSums cube_mesh_sums(const PaddedRoi& roi) {
  MeshSums total;
  if (roi.empty()) return total;
  const std::size_t nx = roi.extent[0], ny = roi.extent[1], nz = roi.extent[2];
  const Vec spacing{roi.spacing[2], roi.spacing[1], roi.spacing[0]};
  std::array<std::size_t, 8> corner_offset{};
  for (std::size_t k = 0; k < 8; ++k) {
    const auto& c = k_cube_corner[k];
    corner_offset[k] = (std::size_t(c[0]) * ny + std::size_t(c[1])) * nx + std::size_t(c[2]);
  }
  std::array<Vec, 12> edge_offset{};  // the edge's midpoint in the cube, (slice, row, column)
  for (std::size_t e = 0; e < 12; ++e)
    for (std::size_t d = 0; d < 3; ++d)
      edge_offset[e][d] =
          0.5 * (k_cube_corner[std::size_t(k_cube_edge[e][0])][d] + k_cube_corner[std::size_t(k_cube_edge[e][1])][d]);
  const auto& table = cube_triangles();
  const std::uint8_t* inside = roi.inside.data();

  std::vector<MeshSums> layers(nz - 1);
  tbb::parallel_for(std::size_t(0), nz - 1, [&](std::size_t iz) {
    MeshSums sum;
    for (std::size_t iy = 0; iy + 1 < ny; ++iy)
      for (std::size_t ix = 0; ix + 1 < nx; ++ix) {
        const std::uint8_t* corner0 = inside + (iz * ny + iy) * nx + ix;
        unsigned index = 0;
        for (std::size_t k = 0; k < 8; ++k) index |= unsigned(corner0[corner_offset[k]] != 0) << k;
        // PyRadiomics' table covers the indices without corner 7; the others are their complements, whose
        // triangles are the same with the opposite orientation.
        double sign = 1.0;
        if (index & 0x80u) index ^= 0xFFu, sign = -1.0;
        if (index == 0) continue;
        const Vec cube{double(iz), double(iy), double(ix)};
        const auto vertex = [&](std::int8_t edge) {
          Vec p{};
          for (std::size_t d = 0; d < 3; ++d) p[d] = (cube[d] + edge_offset[std::size_t(edge)][d]) * spacing[d];
          return p;
        };
        const auto& row = table[index];
        for (std::size_t t = 0; t < row.size() && row[t] >= 0; t += 3) {
          const Vec a = vertex(row[t]), b = vertex(row[t + 1]), c = vertex(row[t + 2]);
          sum.volume += sign * triple_product(a, b, c);
          sum.area += triangle_area(a, b, c);
        }
      }
    layers[iz] = sum;
  });
  for (const MeshSums& layer : layers) total.volume += layer.volume, total.area += layer.area;
  total.volume /= 6.0;
  return total;
}

}  // namespace voxfeat::kernels::pyradiomics
