#pragma once
// PyRadiomics' shape2D class (radiomics/shape2D.py and radiomics/src/cshape.c, v3) for an ROI one voxel thick: its
// own marching squares, diameter over contour vertices, principal axes from the population covariance of pixel
// centres.
#include <array>

#include "pyradiomics/padded_roi.hpp"

namespace voxfeat::kernels::pyradiomics {

/// The 9 features PyRadiomics enables by default (its deprecated SphericalDisproportion is left out).
struct Shape2DFeatures {
  double mesh_surface, pixel_surface, perimeter, perimeter_surface_ratio, sphericity, maximum_diameter,
      major_axis_length, minor_axis_length, elongation;

  /// The features in the order above, which is shape2D.py's (and the family's outputs').
  [[nodiscard]] std::array<double, 9> values() const {
    return {mesh_surface,      pixel_surface,     perimeter, perimeter_surface_ratio, sphericity, maximum_diameter,
            major_axis_length, minor_axis_length, elongation};
  }
};

/// Shape2D features of `roi` (not empty), whose bounding box must be one voxel thick along `normal_axis`
/// (x = 0, y = 1, z = 2): std::invalid_argument otherwise.
Shape2DFeatures shape2d_features(const PaddedRoi& roi, int normal_axis);

}  // namespace voxfeat::kernels::pyradiomics
