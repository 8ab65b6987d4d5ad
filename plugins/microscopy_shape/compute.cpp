#include "microscopy_shape/compute.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "microscopy/neighbours.hpp"
#include "support/object_measurements.hpp"

namespace voxfeat::plugins::microscopy_shape {

namespace {

/// µm per pixel length: √(x · y), exact for square pixels (for anisotropic ones a length would depend on its
/// direction, which these estimators do not keep); NaN without a pixel size.
double length_um(const std::optional<std::array<double, 2>>& pixel) {
  return pixel ? std::sqrt((*pixel)[0] * (*pixel)[1]) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::array<double, 4> neighbour_values(const kernels::microscopy::NeighbourFeatures& near,
                                       const std::optional<std::array<double, 2>>& pixel_size_um) {
  return {double(near.touching), near.nearest_centroid_distance, double(near.centroids_within_radius),
          near.nearest_centroid_distance * length_um(pixel_size_um)};
}

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  const auto measured = object_measurements(objects);
  const auto& m = *measured;
  const std::size_t n = m.size();
  std::vector<kernels::microscopy::PlanePoint> centroids(n);
  for (std::size_t i = 0; i < n; ++i) centroids[i] = {m[i].shape.centroid_row, m[i].shape.centroid_col};
  const auto neighbours =
      kernels::microscopy::neighbour_features(objects.objects(), centroids, params.real("neighbour_radius"));
  // Physical units: areas × (x · y) µm², lengths × √(x · y) µm.
  const auto pixel = objects.pixel_size_um();
  const double area_um2 = pixel ? (*pixel)[0] * (*pixel)[1] : std::numeric_limits<double>::quiet_NaN();
  const double um = length_um(pixel);
  const std::size_t outputs = out.size() / (n == 0 ? 1 : n);
  fill_rows(n, outputs, out, [&](std::size_t i, std::span<double> v) {
    const auto& s = m[i].shape;
    const std::array<double, 4> near_values = neighbour_values(neighbours[i], pixel);
    const double values[] = {
        double(s.area),
        s.perimeter,
        s.perimeter_8,
        s.perimeter_crofton,
        s.centroid_row,
        s.centroid_col,
        double(s.bbox.row_begin),
        double(s.bbox.col_begin),
        double(s.bbox.row_end),
        double(s.bbox.col_end),
        double(s.area_bbox),
        double(s.area_convex),
        double(s.area_filled),
        s.convex_perimeter,
        s.convex_hull_perimeter,
        s.solidity,
        s.extent,
        s.equivalent_diameter_area,
        s.circularity,
        s.axis_major_length,
        s.axis_minor_length,
        s.eccentricity,
        s.orientation,
        s.inertia_tensor.a,
        s.inertia_tensor.b,
        s.inertia_tensor.c,
        s.inertia_eigenvalues.major,
        s.inertia_eigenvalues.minor,
        s.feret.max,
        s.feret.min,
        s.feret.mean,
        s.feret.angle_of_max,
        double(s.euler_number),
        near_values[0],
        near_values[1],
        near_values[2],
        double(s.area) * area_um2,
        s.perimeter * um,
        s.equivalent_diameter_area * um,
        s.axis_major_length * um,
        s.axis_minor_length * um,
        s.feret.max * um,
        s.feret.min * um,
        near_values[3],
    };
    static_assert(sizeof(values) / sizeof(double) == 44);
    for (std::size_t k = 0; k < v.size() && k < 44; ++k) v[k] = values[k];
  });
}

}  // namespace voxfeat::plugins::microscopy_shape
