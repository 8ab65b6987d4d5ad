#pragma once
// The per-object measurements (shape, moments, intensity: kernels/microscopy/object_measurements.hpp) of an image,
// made once and shared by the microscopy families that read them. Neighbour features are left to the shape family,
// which has their radius parameter.
#include <memory>
#include <vector>

#include "microscopy/object_measurements.hpp"
#include "voxfeat/object_context.hpp"

namespace voxfeat::plugins {

inline std::shared_ptr<const std::vector<kernels::microscopy::ObjectMeasurement>> object_measurements(
    const ObjectContext& objects) {
  return objects.shared<std::vector<kernels::microscopy::ObjectMeasurement>>("microscopy.measurements", [&] {
    return kernels::microscopy::measure_objects(objects.objects(), objects.labels(), objects.intensities(), 0.0);
  });
}

/// Writes object i's `values` (one per output, in order) into row i of a family's `out`.
template <class Fill>
void fill_rows(std::size_t objects, std::size_t outputs, std::span<double> out, Fill fill) {
  for (std::size_t i = 0; i < objects; ++i) fill(i, out.subspan(i * outputs, outputs));
}

}  // namespace voxfeat::plugins
