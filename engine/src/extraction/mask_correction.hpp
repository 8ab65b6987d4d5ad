#pragma once
// PyRadiomics' correctMask (imageoperations._correctMask and _checkROI): a label-image mask on another grid than the
// image's is resampled onto the image's grid by nearest neighbour, provided its ROI lies within the image. Enabled by
// the setting correct_mask (docs/settings.md); without it a mismatch is refused.
#include <cstdint>
#include <string>

#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

/// `mask` (1 inside the ROI, non-empty) on `image_grid`. Throws InputError naming `mask_name` when the ROI's
/// bounding box (voxel edges) reaches beyond the image's edges by more than 1e-3 voxel, as PyRadiomics refuses it.
Volume<std::uint8_t> correct_mask(const Volume<std::uint8_t>& mask, const Geometry& image_grid,
                                  const std::string& mask_name);

}  // namespace voxfeat::detail
