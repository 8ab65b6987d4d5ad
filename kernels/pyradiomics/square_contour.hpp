#pragma once
// PyRadiomics' marching squares sums (radiomics/src/cshape.c, calculate_coefficients2D) over the plane of a 2D ROI.
#include "pyradiomics/padded_roi.hpp"

namespace voxfeat::kernels::pyradiomics {

/// The in-plane axes of a plane normal to `normal_axis` (x = 0, y = 1, z = 2), as PyRadiomics orders them after
/// dropping force2Ddimension from numpy's (z, y, x): rows along the slower remaining axis, columns along the faster.
struct PlaneAxes {
  int row = 1;
  int column = 0;
};
PlaneAxes plane_axes(int normal_axis);

struct ContourSums {
  double surface = 0;    ///< mm²: Σ (a_row·b_col − b_row·a_col) / 2 over the segments a→b ("MeshSurface")
  double perimeter = 0;  ///< mm: Σ |a − b| ("Perimeter")
};

/// The sums over every square of the plane of `roi` (whose bounding box is one voxel thick along `normal_axis`),
/// with PyRadiomics' segment table (marching_tables.hpp), coordinates from the padded plane's first pixel.
ContourSums square_contour_sums(const PaddedRoi& roi, int normal_axis);

}  // namespace voxfeat::kernels::pyradiomics
