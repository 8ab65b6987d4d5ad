#include "morphology/mesh_measures.hpp"

#include <cmath>
#include <vector>

#include <tbb/parallel_for.h>

namespace voxfeat::kernels::morphology {

MeshMeasures mesh_measures(const TriangleMesh& mesh) {
  constexpr std::size_t block = 8192;
  const std::size_t blocks = (mesh.triangles.size() + block - 1) / block;
  std::vector<MeshMeasures> partial(blocks);
  // Tetrahedra are spanned from the first vertex rather than from (0,0,0): the sum is the same for a closed mesh,
  // and nearby coordinates lose fewer digits to cancellation.
  const Point3 o = mesh.vertices.empty() ? Point3{0, 0, 0} : mesh.vertices.front();
  tbb::parallel_for(std::size_t(0), blocks, [&](std::size_t b) {
    MeshMeasures sum;
    const std::size_t end = std::min(mesh.triangles.size(), (b + 1) * block);
    for (std::size_t t = b * block; t < end; ++t) {
      const Point3& pa = mesh.vertices[mesh.triangles[t][0]];
      const Point3& pb = mesh.vertices[mesh.triangles[t][1]];
      const Point3& pc = mesh.vertices[mesh.triangles[t][2]];
      const double a[3] = {pa[0] - o[0], pa[1] - o[1], pa[2] - o[2]};
      const double bb[3] = {pb[0] - o[0], pb[1] - o[1], pb[2] - o[2]};
      const double c[3] = {pc[0] - o[0], pc[1] - o[1], pc[2] - o[2]};
      const double bxc[3] = {bb[1] * c[2] - bb[2] * c[1], bb[2] * c[0] - bb[0] * c[2], bb[0] * c[1] - bb[1] * c[0]};
      sum.volume += a[0] * bxc[0] + a[1] * bxc[1] + a[2] * bxc[2];
      const double ab[3] = {bb[0] - a[0], bb[1] - a[1], bb[2] - a[2]};
      const double ac[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
      const double n[3] = {ab[1] * ac[2] - ab[2] * ac[1], ab[2] * ac[0] - ab[0] * ac[2], ab[0] * ac[1] - ab[1] * ac[0]};
      sum.area += std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    }
    partial[b] = sum;
  });
  MeshMeasures total;
  for (const auto& p : partial) {
    total.volume += p.volume;
    total.area += p.area;
  }
  total.volume = std::abs(total.volume) / 6.0;
  total.area /= 2.0;
  return total;
}

}  // namespace voxfeat::kernels::morphology
