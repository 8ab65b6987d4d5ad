#include "microscopy/shape2d.hpp"

#include "microscopy/hole_filling.hpp"
#include "microscopy/perimeter_estimators.hpp"
#include "microscopy/shape2d_formulas.hpp"
#include "morphology/shape_formulas.hpp"

namespace voxfeat::kernels::microscopy {

Shape2D shape2d(const ObjectInfo& object, std::span<const RowRun> runs, const ObjectMoments& moments,
                ShapeWorkspace& work) {
  using morphology::shape::axis_length;
  using morphology::shape::ratio;
  Shape2D s;
  s.area = object.area;
  s.bbox = object.bbox;
  s.area_bbox = object.bbox.area();
  const auto n = double(object.area);
  // Σ row in plane coordinates, exact in double for any plane that fits memory: the mean as numpy takes it.
  s.centroid_row = (moments.raw.v[1][0] + n * object.bbox.row_begin) / n;
  s.centroid_col = (moments.raw.v[0][1] + n * object.bbox.col_begin) / n;

  fill_object_mask(object.bbox, runs, 1, work.mask);
  const BenkridPerimeters perimeters = benkrid_perimeters(work.mask, work.scratch);
  s.perimeter = perimeters.four;
  s.perimeter_8 = perimeters.eight;
  const auto codes = window_code_counts(work.mask);
  s.perimeter_crofton = crofton_perimeter(codes);
  s.euler_number = euler_number(codes);
  s.area_filled = filled_area(object.bbox, runs, work.holes);

  convex_image(object.bbox, runs, work.points, work.convex);
  s.area_convex = work.convex.area;
  s.convex_hull_perimeter = polygon_perimeter(work.convex.hull) / 2.0;
  fill_convex_mask(object.bbox, work.convex, 1, work.convex_mask);
  s.convex_perimeter = benkrid_perimeter_4(work.convex_mask, work.scratch);
  s.feret = feret_diameters(work.convex, work.points, work.hull);

  s.solidity = ratio(n, double(s.area_convex));
  s.extent = ratio(n, double(s.area_bbox));
  s.equivalent_diameter_area = equivalent_diameter(n);
  s.circularity = circularity(n, s.perimeter);

  s.inertia_tensor = inertia_tensor(moments.central);
  s.inertia_eigenvalues = inertia_eigenvalues(s.inertia_tensor);
  s.axis_major_length = axis_length(s.inertia_eigenvalues.major);
  s.axis_minor_length = axis_length(s.inertia_eigenvalues.minor);
  s.eccentricity = eccentricity(s.inertia_eigenvalues);
  s.orientation = orientation(s.inertia_tensor);
  return s;
}

}  // namespace voxfeat::kernels::microscopy
