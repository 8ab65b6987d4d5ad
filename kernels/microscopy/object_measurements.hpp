#pragma once
// All per-object kernels over every object of a label plane, objects in parallel (tbb::parallel_for, buffers
// per thread): shape, moments (unweighted and intensity-weighted), intensity statistics and neighbours.
//
// measure_each_object is the part that needs only the object and the rows around it; neighbour features need
// every object's centroid and come after. measure_objects does both over a plane in memory; the streamed
// measurement (streamed_measurement.hpp) runs the first on batches of finished objects and the second at the end.
#include <optional>
#include <vector>

#include "microscopy/moments2d.hpp"
#include "microscopy/neighbours.hpp"
#include "microscopy/object_intensity.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"
#include "microscopy/shape2d.hpp"

namespace voxfeat::kernels::microscopy {

struct ObjectMeasurement {
  Shape2D shape;
  ObjectMoments moments;
  ObjectMoments weighted_moments;  ///< only with an intensity plane
  ObjectIntensity intensity;       ///< only with an intensity plane
  NeighbourFeatures neighbours;
};

/// Every per-object kernel but the neighbour features (left default), for each object of `table`, in the table's
/// order. The views may hold a band of the plane's rows only (plane_view.hpp): an object needs its box's rows and
/// one more above and below (where the plane has them), as its edge pixels are found among its 4-neighbours.
std::vector<ObjectMeasurement> measure_each_object(const ObjectTable& table, const PlaneView<std::uint32_t>& labels,
                                                   const std::optional<PlaneView<float>>& intensity);

/// One measurement per object of `table` (built from `labels`), in the table's order. Without an intensity
/// plane the intensity parts stay default. `neighbour_radius`: the radius of centroids_within_radius (pixels).
std::vector<ObjectMeasurement> measure_objects(const ObjectTable& table, const PlaneView<std::uint32_t>& labels,
                                               const std::optional<PlaneView<float>>& intensity,
                                               double neighbour_radius);

}  // namespace voxfeat::kernels::microscopy
