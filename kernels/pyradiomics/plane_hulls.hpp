#pragma once
// The convex hull of the mesh vertices in each grid plane, in exact integer arithmetic. Scaling the axes by the
// spacing is an affine map: it keeps hull vertices hull vertices and parallel support lines parallel, so hulls and
// antipodal pairs found on half-index coordinates are those of the points in mm.
#include <span>
#include <vector>

#include "pyradiomics/mesh_vertices.hpp"

namespace voxfeat::kernels::pyradiomics {

/// One plane normal to an axis: the strictly convex vertices of its points' 2D hull, counter-clockwise in the
/// plane's (u, v) axes (the two other axes in cyclic order).
struct PlaneHull {
  std::int32_t plane = 0;  ///< the half-index coordinate along the normal axis
  std::vector<HalfIndex> vertices;
};

/// The hull of every plane normal to `axis` (x = 0, y = 1, z = 2) that holds at least one of `points`, in
/// ascending plane order. O(n + planes × rows): per plane and row only the two extreme points can be hull
/// vertices, and scanning rows in order gives them sorted, so no sort is needed.
std::vector<PlaneHull> plane_hulls(std::span<const HalfIndex> points, int axis);

/// Largest distance in mm between two vertices of one convex polygon (rotating calipers over its antipodal pairs).
double polygon_diameter(std::span<const HalfIndex> hull, int axis, const std::array<double, 3>& spacing);

}  // namespace voxfeat::kernels::pyradiomics
