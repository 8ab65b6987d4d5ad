#pragma once
// PyRadiomics' maximum diameters (radiomics/src/cshape.c, calculate_meshDiameter and calculate_meshDiameter2D):
// largest distances between mesh vertices, over all pairs and over the pairs that share a coordinate exactly
// (PyRadiomics compares the vertices' doubles with ==, i.e. the same half index). PyRadiomics tries every pair; a
// farthest pair is always a pair of convex-hull vertices, so only those are tried here: per plane, the antipodal
// pairs of the plane's hull (plane_hulls.hpp); in 3D, the points that are hull vertices in their plane along each of
// the three axes (every 3D hull vertex is one), tried pairwise.
#include <array>
#include <span>

#include "pyradiomics/mesh_vertices.hpp"

namespace voxfeat::kernels::pyradiomics {

struct MeshDiameters {
  double slice = 0;   ///< pairs with the same z (PyRadiomics' Maximum2DDiameterSlice, diameters[0])
  double column = 0;  ///< pairs with the same y (Maximum2DDiameterColumn, diameters[1])
  double row = 0;     ///< pairs with the same x (Maximum2DDiameterRow, diameters[2])
  double all = 0;     ///< every pair (Maximum3DDiameter, diameters[3])
};

/// Diameters (mm) of `vertices`; 0 where no pair exists.
MeshDiameters mesh_diameters(std::span<const HalfIndex> vertices, const std::array<double, 3>& spacing);

/// The largest distance (mm) between two of `vertices` that share their coordinate along `axis` (x = 0, y = 1,
/// z = 2); for the points of one plane, the plane's diameter.
double in_plane_diameter(std::span<const HalfIndex> vertices, int axis, const std::array<double, 3>& spacing);

}  // namespace voxfeat::kernels::pyradiomics
