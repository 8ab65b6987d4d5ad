#pragma once
// A closed triangle mesh in millimetres: the ROI surface of IBSI 1 (WRJH) and its convex hull are both one.
#include <array>
#include <cstdint>
#include <vector>

namespace voxfeat::kernels::morphology {

using Point3 = std::array<double, 3>;

struct TriangleMesh {
  std::vector<Point3> vertices;                          ///< mm, in the mask grid's frame (see marching_cubes)
  std::vector<std::array<std::uint32_t, 3>> triangles;   ///< indices into vertices; normals by the right-hand rule
};

}  // namespace voxfeat::kernels::morphology
