#pragma once
// Every number of an ObjectMeasurement in a fixed order, for tests that compare two measurements bit for bit
// (memcmp, so that NaN compares equal to the same NaN).
#include <iterator>
#include <vector>

#include "microscopy/object_measurements.hpp"

namespace voxfeat::test::microscopy {

inline std::vector<double> numbers_of(const kernels::microscopy::ObjectMeasurement& m) {
  using namespace kernels::microscopy;
  const Shape2D& s = m.shape;
  std::vector<double> v{double(s.area), double(s.area_convex), double(s.area_filled), s.centroid_row, s.centroid_col,
                        s.perimeter, s.perimeter_8, s.perimeter_crofton, s.convex_perimeter,
                        s.convex_hull_perimeter, s.solidity, s.circularity, s.inertia_tensor.a, s.inertia_tensor.b,
                        s.inertia_tensor.c, s.axis_major_length, s.axis_minor_length, s.eccentricity, s.orientation,
                        s.feret.max, s.feret.min, s.feret.mean, s.feret.angle_of_max, double(s.euler_number),
                        double(s.bbox.row_begin), double(s.bbox.col_begin), double(s.bbox.row_end),
                        double(s.bbox.col_end), double(s.area_bbox), s.extent, s.equivalent_diameter_area,
                        s.inertia_eigenvalues.major, s.inertia_eigenvalues.minor};
  for (const ObjectMoments* o : {&m.moments, &m.weighted_moments}) {
    for (const MomentTable* t : {&o->raw, &o->central, &o->normalised})
      for (const auto& row : t->v) v.insert(v.end(), std::begin(row), std::end(row));
    v.insert(v.end(), o->hu.begin(), o->hu.end());
    v.insert(v.end(), {o->centroid_row, o->centroid_col});
  }
  const IntensityStatistics& a = m.intensity.all;
  v.insert(v.end(), {double(a.count), a.sum, a.mean, a.sd, a.min, a.max, a.median, a.p10, a.p25, a.p75, a.p90,
                     a.skewness, a.kurtosis, a.mad, m.intensity.edge.mean, m.intensity.edge.sd,
                     m.intensity.edge.min, m.intensity.edge.max, double(m.intensity.edge.count),
                     double(m.neighbours.touching), m.neighbours.nearest_centroid_distance,
                     double(m.neighbours.centroids_within_radius)});
  return v;
}

}  // namespace voxfeat::test::microscopy
