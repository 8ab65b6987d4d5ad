#pragma once
#include <array>
#include <optional>
#include <span>

#include "microscopy/neighbours.hpp"
#include "voxfeat/family.hpp"

namespace voxfeat::plugins::microscopy_shape {

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out);

/// The outputs that depend on every object of the image, not on the object alone: a streamed image (whose objects
/// are measured in batches) fills them at the end, from the neighbour features of the whole image.
inline constexpr std::array<const char*, 4> neighbour_outputs{"touching_objects", "nearest_neighbour_distance",
                                                              "neighbours_within_radius",
                                                              "nearest_neighbour_distance_um"};

/// Their values, in that order, for an image of `pixel_size_um` (NaN µm without one).
std::array<double, 4> neighbour_values(const kernels::microscopy::NeighbourFeatures& near,
                                       const std::optional<std::array<double, 2>>& pixel_size_um);

}  // namespace voxfeat::plugins::microscopy_shape
