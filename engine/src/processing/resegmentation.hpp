#pragma once
// IBSI 1 section 2.5: range re-segmentation and intensity outlier filtering. The intensity mask keeps the
// morphological-mask voxels whose intensity lies in the intersection of the two ranges.
#include <cstdint>

#include "voxfeat/settings.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

struct IntensityInterval {
  double lo = -1.0 / 0.0;
  double hi = 1.0 / 0.0;
};

/// The interval the settings keep for this ROI: [min, max] ∩ [mean − kσ, mean + kσ], where mean and σ (population
/// SD) are those of the morphological-mask voxels. The sums run per z-slice and are combined in slice order, so the
/// interval does not depend on the thread count.
IntensityInterval resegmentation_interval(const Volume<float>& image, const Volume<std::uint8_t>& morphological_mask,
                                          const ResegmentationSettings& settings);

/// morphological_mask ∧ (lo <= image <= hi).
Volume<std::uint8_t> intensity_mask(const Volume<float>& image, const Volume<std::uint8_t>& morphological_mask,
                                    const IntensityInterval& keep);

}  // namespace voxfeat::detail
