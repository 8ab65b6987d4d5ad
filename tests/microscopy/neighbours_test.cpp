// Neighbour features: touching counts from the collector's contacts, centroid distances against brute force.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "microscopy/centroid_tree.hpp"
#include "microscopy/label_art.hpp"
#include "microscopy/neighbours.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::label_art;
using test::microscopy::LabelPlane;

TEST(Neighbours, TouchingCentroidDistancesAndRadius) {
  const LabelPlane p = label_art({
      "11.33",
      "112..",
      "..2..",
      ".....",
      "4...5",
  });
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  // Centroids: 1 (0.5, 0.5), 2 (1.5, 2), 3 (0, 3.5), 4 (4, 0), 5 (4, 4).
  const std::vector<PlanePoint> c{{0.5, 0.5}, {1.5, 2.0}, {0.0, 3.5}, {4.0, 0.0}, {4.0, 4.0}};
  const auto n = neighbour_features(t, c, 2.0);
  ASSERT_EQ(n.size(), 5u);
  // 1–2 share an edge; 2–3 a corner ((1,2) and (0,3)); 4 and 5 touch nothing.
  EXPECT_EQ(n[0].touching, 1u);
  EXPECT_EQ(n[1].touching, 2u);
  EXPECT_EQ(n[2].touching, 1u);
  EXPECT_EQ(n[3].touching, 0u);
  EXPECT_EQ(n[4].touching, 0u);
  // 1→2: √(1 + 2.25) = 1.80; 2→3: √(2.25 + 2.25) = 2.12; 4→2 and 5→2: √(2.5² + 2²) = 3.20.
  EXPECT_DOUBLE_EQ(n[0].nearest_centroid_distance, std::sqrt(3.25));
  EXPECT_DOUBLE_EQ(n[1].nearest_centroid_distance, std::sqrt(3.25));
  EXPECT_DOUBLE_EQ(n[2].nearest_centroid_distance, std::sqrt(4.5));
  EXPECT_DOUBLE_EQ(n[3].nearest_centroid_distance, std::sqrt(2.5 * 2.5 + 4.0));
  EXPECT_DOUBLE_EQ(n[4].nearest_centroid_distance, std::sqrt(2.5 * 2.5 + 4.0));
  // Within 2: 1 sees 2; 2 sees 1 (2→3 is 2.12); 3 none.
  EXPECT_EQ(n[0].centroids_within_radius, 1u);
  EXPECT_EQ(n[1].centroids_within_radius, 1u);
  EXPECT_EQ(n[2].centroids_within_radius, 0u);
  // The radius is inclusive: 4 sees 2 (3.20), 1 (3.54) and, at exactly 4, object 5.
  EXPECT_EQ(neighbour_features(t, c, 4.0)[3].centroids_within_radius, 3u);
  EXPECT_EQ(neighbour_features(t, c, 3.99)[3].centroids_within_radius, 2u);
}

TEST(Neighbours, LoneObjectHasNoNearestCentroid) {
  const LabelPlane p = label_art({"1"});
  const ObjectTable t = collect_objects(p.labels.data(), 1, 1);
  const std::vector<PlanePoint> c{{0.0, 0.0}};
  const auto n = neighbour_features(t, c, 10.0);
  EXPECT_TRUE(std::isnan(n[0].nearest_centroid_distance));
  EXPECT_EQ(n[0].centroids_within_radius, 0u);
}

TEST(CentroidTree, MatchesBruteForce) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0.0, 500.0);
  std::vector<PlanePoint> pts(2000);
  for (auto& p : pts) p = {u(rng), u(rng)};
  pts[7] = pts[3];  // a duplicate: distance 0
  // Grid points: ties on the splitting lines.
  for (std::size_t i = 100; i < 200; ++i) pts[i] = {double(i % 10) * 5.0, double(i / 10) * 5.0};
  const CentroidTree tree(pts);
  for (std::size_t i = 0; i < pts.size(); i += 3) {
    double best = INFINITY;
    std::size_t within = 0;
    for (std::size_t j = 0; j < pts.size(); ++j) {
      if (j == i) continue;
      const double d = std::hypot(pts[i].row - pts[j].row, pts[i].col - pts[j].col);
      best = std::min(best, d);
      const double dr = pts[i].row - pts[j].row, dc = pts[i].col - pts[j].col;
      within += dr * dr + dc * dc <= 25.0 * 25.0;
    }
    ASSERT_NEAR(tree.nearest_other_distance(i), best, 1e-12) << i;
    ASSERT_EQ(tree.count_within(i, 25.0), within) << i;
  }
  EXPECT_EQ(tree.nearest_other_distance(3), 0.0);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
