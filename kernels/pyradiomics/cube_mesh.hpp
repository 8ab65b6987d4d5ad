#pragma once
// PyRadiomics' marching cubes sums (radiomics/src/cshape.c, calculate_coefficients): the mesh is never stored; each
// cube's triangles add their signed tetrahedron volume (from the padded grid's first voxel centre) and their area.
#include "pyradiomics/padded_roi.hpp"

namespace voxfeat::kernels::pyradiomics {

struct MeshSums {
  double volume = 0;  ///< mm³: Σ sign · (a × b) · c / 6 in (slice, row, column) coordinates ("MeshVolume")
  double area = 0;    ///< mm²: Σ |(a − c) × (b − c)| / 2 ("SurfaceArea")
};

/// The sums over every cube of `roi`'s padded grid, with PyRadiomics' table (marching_tables.hpp). The cube
/// layers run in parallel; their partial sums are added in layer order, so the result does not depend on the thread
/// count (PyRadiomics adds cube by cube: the two differ by round-off, about 1e-15 relative).
MeshSums cube_mesh_sums(const PaddedRoi& roi);

}  // namespace voxfeat::kernels::pyradiomics
