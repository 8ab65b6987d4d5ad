#pragma once
// The vertices of PyRadiomics' marching cubes and squares (radiomics/src/cshape.c): one at the midpoint of every grid
// edge that joins an ROI voxel and a non-ROI voxel of the padded grid. PyRadiomics collects each once, from the
// cube whose corner 7 ends the edge; that is every such edge, since the frame of zeros holds none of the ROI.
#include <array>
#include <cstdint>
#include <vector>

#include "morphology/mesh.hpp"
#include "pyradiomics/padded_roi.hpp"

namespace voxfeat::kernels::pyradiomics {

/// A vertex as twice its index position in the padded grid (x, y, z): exact integers, an edge midpoint is odd
/// along its edge's axis.
using HalfIndex = std::array<std::int32_t, 3>;

/// Midpoints of the crossing edges along the axes marked in `axes` (x, y, z), ordered by z, y, x.
std::vector<HalfIndex> crossing_midpoints(const PaddedRoi& roi, std::array<bool, 3> axes = {true, true, true});

/// A vertex in mm from the centre of the padded grid's first voxel, computed as PyRadiomics computes it,
/// (index + 0 | 0.5 | 1) × spacing, so that coordinates it finds equal are equal here too.
inline morphology::Point3 to_mm(const HalfIndex& p, const std::array<double, 3>& spacing) {
  return {0.5 * p[0] * spacing[0], 0.5 * p[1] * spacing[1], 0.5 * p[2] * spacing[2]};
}

}  // namespace voxfeat::kernels::pyradiomics
