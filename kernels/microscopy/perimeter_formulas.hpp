#pragma once
// Lookup tables of the pixel-count perimeter and Euler-number estimators of scikit-image 0.19.3, shared by CPU and
// CUDA code. All three perimeters estimate the length of the object's outline from local pixel patterns; they
// differ in which patterns they see and so in their bias:
// - Benkrid & Crookes (skimage `perimeter`): a weight per border pixel from the pattern of border pixels around
//   it (straight runs 1, diagonal steps √2, corners (1 + √2)/2). Line ends and isolated pixels weigh 0.
// - Crofton (skimage `perimeter_crofton`, 4 directions): Cauchy–Crofton's formula, the mean number of crossings of
//   lines in 4 directions (0°, 45°, 90°, 135°), counted per 2×2 window pattern. A single pixel has a positive
//   perimeter here.
#include "common/hd.hpp"

namespace voxfeat::kernels::microscopy {

/// Benkrid & Crookes' weight of a border pixel with pattern value v = 1 + 2·(border 4-neighbours) + 10·(border
/// diagonal neighbours), v < 50. Only odd v (a border pixel) can weigh anything.
VOXFEAT_HD inline double benkrid_weight(int v) {
  constexpr double sqrt2 = 1.41421356237309504880;
  switch (v) {
    case 5: case 7: case 15: case 17: case 25: case 27: return 1.0;
    case 21: case 33: return sqrt2;
    case 13: case 23: return 0.5 * (1.0 + sqrt2);
    default: return 0.0;
  }
}

/// A 2×2 window's code: 1·bottom-right + 2·top-right + 4·bottom-left + 8·top-left, each 1 when an object pixel
/// (skimage's convolution with [[0, 0, 0], [0, 1, 4], [0, 2, 8]]).
VOXFEAT_HD inline int window_code(int top_left, int top_right, int bottom_left, int bottom_right) {
  return bottom_right + 2 * top_right + 4 * bottom_left + 8 * top_left;
}

/// Crofton perimeter contribution of a window code, 4 directions (skimage's table, indexed by code).
VOXFEAT_HD inline double crofton_weight(int code) {
  constexpr double pi = 3.14159265358979323846, sqrt2 = 1.41421356237309504880;
  switch (code) {
    case 1: case 5: return pi / 4.0 * (1.0 + 1.0 / sqrt2);
    case 2: case 7: case 10: case 11: return pi / (4.0 * sqrt2);
    case 3: return pi / (2.0 * sqrt2);
    case 8: case 12: return pi / 4.0;
    case 9: case 13: return pi / 2.0;
    default: return 0.0;
  }
}

/// Euler-number contribution of a window code for an 8-connected object (4-connected background): codes 8 and 6,
/// 14 count +1 and −1 (skimage's EULER_COEFS2D_8); summed over every window, χ = objects − holes.
VOXFEAT_HD inline int euler_weight_8(int code) { return code == 8 ? 1 : (code == 6 || code == 14) ? -1 : 0; }

}  // namespace voxfeat::kernels::microscopy
