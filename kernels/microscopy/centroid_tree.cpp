#include "microscopy/centroid_tree.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace voxfeat::kernels::microscopy {
namespace {

double squared_distance(const PlanePoint& a, const PlanePoint& b) {
  const double dr = a.row - b.row, dc = a.col - b.col;
  return dr * dr + dc * dc;
}

}  // namespace

CentroidTree::CentroidTree(std::span<const PlanePoint> points)
    : m_points(points.begin(), points.end()), m_order(points.size()) {
  std::iota(m_order.begin(), m_order.end(), 0u);
  build(0, m_order.size(), 0);
}

void CentroidTree::build(std::size_t lo, std::size_t hi, int depth) {
  if (hi - lo <= 1) return;
  const std::size_t mid = lo + (hi - lo) / 2;
  std::nth_element(m_order.begin() + std::ptrdiff_t(lo), m_order.begin() + std::ptrdiff_t(mid),
                   m_order.begin() + std::ptrdiff_t(hi), [&](std::uint32_t a, std::uint32_t b) {
                     return coordinate(a, depth) < coordinate(b, depth);
                   });
  build(lo, mid, depth + 1);
  build(mid + 1, hi, depth + 1);
}

void CentroidTree::nearest(std::size_t lo, std::size_t hi, int depth, std::size_t self, double& best) const {
  if (lo >= hi) return;
  const std::size_t mid = lo + (hi - lo) / 2, node = m_order[mid];
  if (node != self) best = std::min(best, squared_distance(m_points[node], m_points[self]));
  const double diff = coordinate(self, depth) - coordinate(node, depth);
  // The side of the query first; the other only if the splitting line is nearer than the best so far.
  if (diff < 0.0) {
    nearest(lo, mid, depth + 1, self, best);
    if (diff * diff <= best) nearest(mid + 1, hi, depth + 1, self, best);
  } else {
    nearest(mid + 1, hi, depth + 1, self, best);
    if (diff * diff <= best) nearest(lo, mid, depth + 1, self, best);
  }
}

void CentroidTree::within(std::size_t lo, std::size_t hi, int depth, std::size_t self, double radius,
                          std::size_t& count) const {
  if (lo >= hi) return;
  const std::size_t mid = lo + (hi - lo) / 2, node = m_order[mid];
  if (node != self && squared_distance(m_points[node], m_points[self]) <= radius * radius) ++count;
  const double q = coordinate(self, depth), split = coordinate(node, depth);
  if (q - radius <= split) within(lo, mid, depth + 1, self, radius, count);
  if (q + radius >= split) within(mid + 1, hi, depth + 1, self, radius, count);
}

double CentroidTree::nearest_other_distance(std::size_t self) const {
  if (m_points.size() < 2) return NAN;
  double best = INFINITY;
  nearest(0, m_order.size(), 0, self, best);
  return std::sqrt(best);
}

std::size_t CentroidTree::count_within(std::size_t self, double radius) const {
  std::size_t count = 0;
  within(0, m_order.size(), 0, self, radius, count);
  return count;
}

}  // namespace voxfeat::kernels::microscopy
