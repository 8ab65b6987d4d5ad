#pragma once
// Neighbourhood of each object among the others: contacts (from the collector's 8-connected adjacency) and
// centroid distances (a k-d tree, O(n log n) for all objects).
#include <cstdint>
#include <span>
#include <vector>

#include "microscopy/centroid_tree.hpp"
#include "microscopy/object_pixels.hpp"

namespace voxfeat::kernels::microscopy {

struct NeighbourFeatures {
  /// Other objects with a pixel 8-adjacent to one of this object's (sharing an edge or only a corner).
  std::uint32_t touching = 0;
  /// Distance from this object's centroid to the nearest other object's centroid (pixels); NaN when alone.
  double nearest_centroid_distance = 0.0;
  /// Other objects whose centroid lies within `radius` of this object's centroid (distance ≤ radius).
  std::uint32_t centroids_within_radius = 0;
};

/// For every object of `table`; centroids[i] is object i's (plane coordinates, e.g. Shape2D's centroid).
std::vector<NeighbourFeatures> neighbour_features(const ObjectTable& table, std::span<const PlanePoint> centroids,
                                                  double radius);

/// The same from each object's count of touching objects (touching[i], centroids[i] of object i), for a caller
/// that counted contacts as they came (a streamed measurement). Objects in the same order give the same values.
std::vector<NeighbourFeatures> neighbour_features(std::span<const std::uint32_t> touching,
                                                  std::span<const PlanePoint> centroids, double radius);

}  // namespace voxfeat::kernels::microscopy
