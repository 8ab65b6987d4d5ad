#pragma once
// PyRadiomics' shape class (radiomics/shape.py and radiomics/src/cshape.c, v3), where it differs from IBSI's
// morphology (docs/pyradiomics.md): its own marching cubes table and origin, diameters over mesh vertices per grid
// plane, principal axes from the population covariance of voxel centres.
#include <array>

#include "pyradiomics/padded_roi.hpp"

namespace voxfeat::kernels::pyradiomics {

/// The 14 features PyRadiomics enables by default (its deprecated Compactness1, Compactness2 and
/// SphericalDisproportion are left out).
struct ShapeFeatures {
  double mesh_volume, voxel_volume, surface_area, surface_volume_ratio, sphericity, maximum_3d_diameter,
      maximum_2d_diameter_slice, maximum_2d_diameter_column, maximum_2d_diameter_row, major_axis_length,
      minor_axis_length, least_axis_length, elongation, flatness;

  /// The features in the order above, which is shape.py's (and the family's outputs').
  [[nodiscard]] std::array<double, 14> values() const {
    return {mesh_volume,
            voxel_volume,
            surface_area,
            surface_volume_ratio,
            sphericity,
            maximum_3d_diameter,
            maximum_2d_diameter_slice,
            maximum_2d_diameter_column,
            maximum_2d_diameter_row,
            major_axis_length,
            minor_axis_length,
            least_axis_length,
            elongation,
            flatness};
  }
};

/// Shape features of `roi` (not empty: std::invalid_argument). The grid's direction is ignored, as PyRadiomics
/// does (index × spacing coordinates).
ShapeFeatures shape_features(const PaddedRoi& roi);

}  // namespace voxfeat::kernels::pyradiomics
