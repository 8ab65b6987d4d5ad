#include "pyradiomics/shape.hpp"

#include <stdexcept>

#include "morphology/shape_formulas.hpp"
#include "pyradiomics/cube_mesh.hpp"
#include "pyradiomics/mesh_diameters.hpp"
#include "pyradiomics/mesh_vertices.hpp"
#include "pyradiomics/principal_axes.hpp"

namespace voxfeat::kernels::pyradiomics {

ShapeFeatures shape_features(const PaddedRoi& roi) {
  namespace formula = morphology::shape;
  if (roi.empty()) throw std::invalid_argument("shape_features: empty mask");
  const MeshSums mesh = cube_mesh_sums(roi);
  const MeshDiameters diameters = mesh_diameters(crossing_midpoints(roi), roi.spacing);
  const auto eigen = principal_eigenvalues(roi.view());  // ascending: least, minor, major
  const auto& s = roi.spacing;
  ShapeFeatures f{};
  f.mesh_volume = mesh.volume;
  f.voxel_volume = double(roi.voxel_count) * (s[2] * s[0] * s[1]);  // shape.py: Np * (z * x * y)
  f.surface_area = mesh.area;
  f.surface_volume_ratio = formula::surface_to_volume_ratio(mesh.volume, mesh.area);
  f.sphericity = formula::sphericity(mesh.volume, mesh.area);
  f.maximum_3d_diameter = diameters.all;
  f.maximum_2d_diameter_slice = diameters.slice;
  f.maximum_2d_diameter_column = diameters.column;
  f.maximum_2d_diameter_row = diameters.row;
  f.major_axis_length = formula::axis_length(eigen[2]);
  f.minor_axis_length = formula::axis_length(eigen[1]);
  f.least_axis_length = formula::axis_length(eigen[0]);
  f.elongation = formula::axis_ratio(eigen[1], eigen[2]);
  f.flatness = formula::axis_ratio(eigen[0], eigen[2]);
  return f;
}

}  // namespace voxfeat::kernels::pyradiomics
