#pragma once
// Feret (caliper) diameters of an object, all on one point set: the crack midpoints of its convex image — the
// midpoints between 4-adjacent pixel centres of which one is in the convex image and one is out. skimage 0.19.3's
// feret_diameter_max is the largest distance between the contour points that marching squares finds at level ½ on
// the padded convex image, and for a 0/1 image those points are exactly these midpoints. The minimum and mean
// diameters, which skimage lacks, use the same set so that min ≤ mean ≤ max holds.
#include <span>
#include <vector>

#include "microscopy/convex_image.hpp"

namespace voxfeat::kernels::microscopy {

struct FeretDiameters {
  double max = 0.0;   ///< skimage `feret_diameter_max`: largest distance between two points (pixels)
  double min = 0.0;   ///< minimum caliper width: the smallest distance between two parallel support lines (exact,
                      ///< rotating calipers: one line always lies on a hull edge)
  double mean = 0.0;  ///< mean caliper width over all directions, exact: hull perimeter / π (Cauchy's formula),
                      ///< not an average over sampled angles
  /// Direction of the maximum diameter: angle from the row axis, positive towards +col, in (−π/2, π/2] (the
  /// convention of `orientation`: a horizontal line gives π/2). Where several pairs are equally far apart (a
  /// 2×2 square has four), the one with the smallest angle.
  double angle_of_max = 0.0;
};

/// Feret diameters of a convex image (convex_image.hpp). `points` and `hull` are scratch.
FeretDiameters feret_diameters(const ConvexImage& convex, std::vector<HalfPoint>& points,
                               std::vector<HalfPoint>& hull);

}  // namespace voxfeat::kernels::microscopy
