#include "microscopy/object_measurements.hpp"

#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

namespace voxfeat::kernels::microscopy {
namespace {

struct Workspace {
  ShapeWorkspace shape;
  IntensityWorkspace intensity;
};

}  // namespace

std::vector<ObjectMeasurement> measure_each_object(const ObjectTable& table, const PlaneView<std::uint32_t>& labels,
                                                   const std::optional<PlaneView<float>>& intensity) {
  if (labels.width != table.width || labels.height != table.height ||
      (intensity && (intensity->width != table.width || intensity->height != table.height)))
    throw std::invalid_argument("measure_objects: the planes and the object table differ in size");
  std::vector<ObjectMeasurement> out(table.objects.size());
  // Buffers belong to this call (one per thread that joins it), so concurrent calls share nothing.
  tbb::enumerable_thread_specific<Workspace> workspaces;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, out.size(), 16), [&](const auto& range) {
    Workspace& work = workspaces.local();
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const ObjectInfo& object = table.objects[i];
      const auto runs = table.runs_of(i);
      ObjectMeasurement& m = out[i];
      m.moments = shape_moments(object.bbox, runs);
      m.shape = shape2d(object, runs, m.moments, work.shape);
      if (intensity) {
        m.weighted_moments = intensity_moments(object.bbox, runs, *intensity);
        m.intensity = object_intensity(object, runs, labels, *intensity, work.intensity);
      }
    }
  });
  return out;
}

std::vector<ObjectMeasurement> measure_objects(const ObjectTable& table, const PlaneView<std::uint32_t>& labels,
                                               const std::optional<PlaneView<float>>& intensity,
                                               double neighbour_radius) {
  std::vector<ObjectMeasurement> out = measure_each_object(table, labels, intensity);
  std::vector<PlanePoint> centroids(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) centroids[i] = {out[i].shape.centroid_row, out[i].shape.centroid_col};
  const std::vector<NeighbourFeatures> neighbours = neighbour_features(table, centroids, neighbour_radius);
  for (std::size_t i = 0; i < out.size(); ++i) out[i].neighbours = neighbours[i];
  return out;
}

}  // namespace voxfeat::kernels::microscopy
