#pragma once
// Oriented minimum bounding box (IBSI 1, ZH1A/IQYR) of a convex hull.
#include <array>

#include "morphology/convex_hull.hpp"

namespace voxfeat::kernels::morphology {

struct OrientedBox {
  std::array<double, 3> extents{};  ///< edge lengths (mm), descending
  double volume = 0;                ///< mm^3
  double area = 0;                  ///< mm^2, 2(ab + bc + ca)
};

/// Smallest box, among those with one face flush with a facet of `hull`, that encloses the hull. For each distinct
/// facet normal the hull vertices are projected onto the facet plane and the minimum-area enclosing rectangle of
/// that projection is found by rotating calipers over its 2D convex hull (Freeman & Shapira 1975: an optimal
/// rectangle has a side on a hull edge); the box of least volume wins, ties to the earlier normal. This is the
/// face-flush approximation of O'Rourke's (1985) exact O(n³) algorithm, whose optimum may instead have two faces
/// flush with hull edges; for voxelised ROIs the two agree closely (IBSI has no reference values for these
/// features and advises against using them). When there are more than `max_normals` distinct normals, the
/// `max_normals` facets of largest area are tried (ties by facet order), which keeps the cost bounded on smooth,
/// many-faceted hulls. TBB-parallel over normals; deterministic.
OrientedBox oriented_minimum_bounding_box(const ConvexHull& hull, std::size_t max_normals = 128);

}  // namespace voxfeat::kernels::morphology
