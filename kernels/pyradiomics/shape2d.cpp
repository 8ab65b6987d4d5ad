#include "pyradiomics/shape2d.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "morphology/shape_formulas.hpp"
#include "pyradiomics/mesh_diameters.hpp"
#include "pyradiomics/mesh_vertices.hpp"
#include "pyradiomics/principal_axes.hpp"
#include "pyradiomics/square_contour.hpp"

namespace voxfeat::kernels::pyradiomics {

Shape2DFeatures shape2d_features(const PaddedRoi& roi, int normal_axis) {
  namespace formula = morphology::shape;
  if (roi.empty()) throw std::invalid_argument("shape2d_features: empty mask");
  const ContourSums contour = square_contour_sums(roi, normal_axis);  // checks the thickness
  std::array<bool, 3> in_plane{true, true, true};
  in_plane[std::size_t(normal_axis)] = false;
  // The plane's eigenvalues: the normal axis has an exact zero row, so it gives the smallest, an exact 0.
  const auto eigen = principal_eigenvalues(roi.view());
  const PlaneAxes axes = plane_axes(normal_axis);
  const double s_row = roi.spacing[std::size_t(axes.row)], s_col = roi.spacing[std::size_t(axes.column)];
  Shape2DFeatures f{};
  f.mesh_surface = contour.surface;
  f.pixel_surface = double(roi.voxel_count) * (s_col * s_row);  // shape2D.py: Np * (x * y)
  f.perimeter = contour.perimeter;
  f.perimeter_surface_ratio = formula::ratio(contour.perimeter, contour.surface);
  // shape2D.py: 2 sqrt(pi A) / P, the perimeter of the circle of the same area over the perimeter.
  f.sphericity = formula::ratio(2.0 * std::sqrt(std::numbers::pi * contour.surface), contour.perimeter);
  f.maximum_diameter = in_plane_diameter(crossing_midpoints(roi, in_plane), normal_axis, roi.spacing);
  f.major_axis_length = formula::axis_length(eigen[2]);
  f.minor_axis_length = formula::axis_length(eigen[1]);
  f.elongation = formula::axis_ratio(eigen[1], eigen[2]);
  return f;
}

}  // namespace voxfeat::kernels::pyradiomics
