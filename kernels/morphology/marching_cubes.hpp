#pragma once
// ROI surface mesh (IBSI 1, "Mesh-based representation", WRJH) by marching cubes on the morphological mask.
#include <cstdint>

#include "common/views.hpp"
#include "morphology/marching_cubes_table.hpp"
#include "morphology/mesh.hpp"

namespace voxfeat::kernels::morphology {

/// Marching cubes at iso-level 0.5 on `mask` (non-zero = ROI) padded with one voxel of zeros on every side, so the
/// mesh is closed even where the ROI touches the grid border. Vertices are the midpoints of the voxel-centre edges
/// that join an ROI and a non-ROI voxel, in mm: voxel (i, j, k) has its centre at (i·s0, j·s1, k·s2). The grid's
/// direction matrix is ignored: it rotates (or reflects) the mesh, which changes no shape feature except the
/// axis-aligned bounding box, taken here along the grid axes.
///
/// Memory is linear in the number of vertices plus one offset per grid row (y, z); the work is TBB-parallel over
/// z-slabs and the output (vertex and triangle order) is the same for any thread count.
TriangleMesh marching_cubes(const View3<std::uint8_t>& mask, FaceAmbiguity rule = FaceAmbiguity::separate_inside);

}  // namespace voxfeat::kernels::morphology
