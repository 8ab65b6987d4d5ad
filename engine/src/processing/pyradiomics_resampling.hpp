#pragma once
// PyRadiomics' resampling (radiomics/imageoperations.py, resampleImage) for the pyradiomics interpolation grid:
// the new grid is aligned to the corner of the mask's first voxel (IBSI aligns grid centres), covers only the ROI's
// bounding box plus pad_distance new voxels (within the image), keeps the mask's spacing along axes where the ROI is
// one voxel thick or the requested spacing is 0, and is filled by SimpleITK's interpolators: the image by the
// settings' method, cast back to an integer file type; the mask always by nearest neighbour.
#include <cstdint>
#include <optional>

#include "processing/roi_processing.hpp"
#include "voxfeat/settings.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

struct ResampledCase {
  Volume<float> image;
  Volume<std::uint8_t> mask;
};

/// The grid PyRadiomics resamples an ROI onto; nullopt when the new spacing equals the image's (numpy.allclose),
/// where PyRadiomics resamples nothing.
std::optional<Geometry> pyradiomics_grid(const Geometry& mask_grid, const IndexBox& roi_box,
                                         const InterpolationSettings& settings);

/// Image and mask (non-empty, on one grid) on pyradiomics_grid; unchanged when it is nullopt.
ResampledCase pyradiomics_resample(const Volume<float>& image, const Volume<std::uint8_t>& mask,
                                   const InterpolationSettings& settings,
                                   std::optional<IntegerPixelRange> integer_pixels);

}  // namespace voxfeat::detail
