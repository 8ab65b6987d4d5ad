#pragma once
// Maximum 3D diameter (IBSI 1, L0JK).
#include <span>

#include "morphology/mesh.hpp"

namespace voxfeat::kernels::morphology {

/// Largest distance between two of `points` (mm). Pass the convex-hull vertices: the two most distant mesh vertices
/// are hull vertices, and the hull holds far fewer points than the mesh. O(n²) over the given points, TBB-parallel;
/// a maximum is exact, so the result does not depend on the thread count. 0 for fewer than two points.
double max_diameter(std::span<const Point3> points);

}  // namespace voxfeat::kernels::morphology
