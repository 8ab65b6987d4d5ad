#pragma once
// The pixel-pattern estimators of a binary crop (perimeter_formulas.hpp says what each estimates): Benkrid &
// Crookes' perimeter with 4- or 8-neighbourhood borders, and the 2×2 window-code histogram from which the Crofton
// perimeter and the Euler number follow.
#include <array>
#include <cstdint>
#include <vector>

#include "microscopy/object_mask.hpp"

namespace voxfeat::kernels::microscopy {

/// skimage.measure.perimeter(crop, neighbourhood) for both neighbourhoods, which decide whether an object pixel is
/// a border pixel: one of its 4 (or 8) neighbours is not object (the neighbourhood's erosion removes it; outside
/// the crop counts as background). Each border pixel is weighted by the pattern of border pixels around it. A
/// single pixel and the two end pixels of a line weigh 0: a 1×14 line has perimeter 12, a 2×2 square 4.
struct BenkridPerimeters {
  double four = 0.0;   ///< skimage `perimeter` (regionprops' choice)
  double eight = 0.0;  ///< perimeter(crop, 8)
};

/// Both in one pass over the crop. `mask` needs padding ≥ 1; `border` is scratch.
BenkridPerimeters benkrid_perimeters(const BinaryCrop& mask, std::vector<std::uint8_t>& border);

/// The 4-neighbourhood one alone.
double benkrid_perimeter_4(const BinaryCrop& mask, std::vector<std::uint8_t>& border);

/// How often each 2×2 window code occurs over every window that holds a crop pixel (`mask` padding ≥ 1).
std::array<std::uint64_t, 16> window_code_counts(const BinaryCrop& mask);

/// skimage.measure.perimeter_crofton(crop, 4).
double crofton_perimeter(const std::array<std::uint64_t, 16>& codes);

/// skimage.measure.euler_number(crop, connectivity=2): 8-connected object, 4-connected background.
std::int64_t euler_number(const std::array<std::uint64_t, 16>& codes);

}  // namespace voxfeat::kernels::microscopy
