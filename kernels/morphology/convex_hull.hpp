#pragma once
// Convex hull of the ROI mesh (IBSI 1, X_vx,convex), by Qhull (reentrant libqhull_r).
#include <span>
#include <vector>

#include "morphology/mesh.hpp"

namespace voxfeat::kernels::morphology {

struct HullFacet {
  Point3 normal{};     ///< unit, outward
  double offset = 0;   ///< normal·x + offset = 0 on the facet
  double area = 0;     ///< mm^2
};

struct ConvexHull {
  std::vector<Point3> vertices;    ///< the hull's vertices (a subset of the input points)
  std::vector<HullFacet> facets;   ///< Qhull's merged facets: coplanar triangles form one facet, one normal
  double volume = 0;               ///< mm^3
  double area = 0;                 ///< mm^2
};

/// The 3D convex hull of `points`. Throws std::invalid_argument when the points do not span 3D (fewer than four,
/// or all coplanar), std::runtime_error with Qhull's message on any other Qhull failure. Thread-safe.
ConvexHull convex_hull(std::span<const Point3> points);

}  // namespace voxfeat::kernels::morphology
