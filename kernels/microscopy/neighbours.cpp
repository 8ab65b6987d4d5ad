#include "microscopy/neighbours.hpp"

#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace voxfeat::kernels::microscopy {

std::vector<NeighbourFeatures> neighbour_features(const ObjectTable& table, std::span<const PlanePoint> centroids,
                                                  double radius) {
  std::vector<std::uint32_t> touching(table.objects.size(), 0);
  for (const ObjectContact& c : table.contacts) ++touching[c[0]], ++touching[c[1]];
  return neighbour_features(touching, centroids, radius);
}

std::vector<NeighbourFeatures> neighbour_features(std::span<const std::uint32_t> touching,
                                                  std::span<const PlanePoint> centroids, double radius) {
  if (centroids.size() != touching.size())
    throw std::invalid_argument("neighbour_features: one centroid per object is needed");
  std::vector<NeighbourFeatures> out(touching.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i].touching = touching[i];
  const CentroidTree tree(centroids);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, out.size(), 256), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      out[i].nearest_centroid_distance = tree.nearest_other_distance(i);
      out[i].centroids_within_radius = std::uint32_t(tree.count_within(i, radius));
    }
  });
  return out;
}

}  // namespace voxfeat::kernels::microscopy
