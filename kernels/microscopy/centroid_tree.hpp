#pragma once
// A static 2D k-d tree over object centroids for the neighbour features: nearest other centroid and centroids
// within a radius, O(log n) per query on average instead of a scan over all objects.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace voxfeat::kernels::microscopy {

struct PlanePoint {
  double row = 0.0;
  double col = 0.0;
};

class CentroidTree {
 public:
  /// Builds in O(n log n); copies the points.
  explicit CentroidTree(std::span<const PlanePoint> points);

  /// Euclidean distance from point `self` to the nearest other point (a point at the same place counts, at
  /// distance 0); NaN when there is no other point.
  [[nodiscard]] double nearest_other_distance(std::size_t self) const;

  /// How many other points lie within `radius` of point `self` (distance ≤ radius).
  [[nodiscard]] std::size_t count_within(std::size_t self, double radius) const;

 private:
  // Implicit balanced tree over m_order: the node of range [lo, hi) is mid = (lo + hi) / 2, split on the row at
  // even depth and the column at odd depth; [lo, mid) lies on the low side, (mid, hi) on the high side.
  void build(std::size_t lo, std::size_t hi, int depth);
  void nearest(std::size_t lo, std::size_t hi, int depth, std::size_t self, double& best) const;
  void within(std::size_t lo, std::size_t hi, int depth, std::size_t self, double radius, std::size_t& count) const;
  [[nodiscard]] double coordinate(std::size_t point, int depth) const {
    return depth % 2 == 0 ? m_points[point].row : m_points[point].col;
  }

  std::vector<PlanePoint> m_points;
  std::vector<std::uint32_t> m_order;
};

}  // namespace voxfeat::kernels::microscopy
