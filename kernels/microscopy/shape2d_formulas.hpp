#pragma once
// Closed-form 2D shape descriptors of one object, shared by CPU and CUDA code. NaN where a denominator is 0.
#include <cmath>

#include "common/hd.hpp"
#include "morphology/shape_formulas.hpp"

namespace voxfeat::kernels::microscopy {

/// √(4·area / π): the diameter of the disc with the object's area (skimage `equivalent_diameter_area`).
VOXFEAT_HD inline double equivalent_diameter(double area) {
  return sqrt(4.0 * area / morphology::shape::k_pi);
}

/// 4π·area / perimeter²: 1 for a disc in the continuum. With a pixel-count perimeter estimate it can exceed 1
/// for small objects, and it is NaN when the estimate is 0 (a single pixel).
VOXFEAT_HD inline double circularity(double area, double perimeter) {
  return morphology::shape::ratio(4.0 * morphology::shape::k_pi * area, perimeter * perimeter);
}

}  // namespace voxfeat::kernels::microscopy
