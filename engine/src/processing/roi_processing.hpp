#pragma once
// IBSI 1 image processing of one ROI (manual chapter 2): interpolation of the image and the mask onto the IBSI grid,
// intensity rounding, re-segmentation into the intensity mask. By default only the neighbourhood of the ROI is
// processed (its bounding box plus the local-intensity margin): features read nothing else, and a 512×512×300 CT
// is not resampled whole for a 3 cm tumour.
#include <cstdint>
#include <optional>
#include <string>

#include "processing/resegmentation.hpp"
#include "voxfeat/execution.hpp"
#include "voxfeat/settings.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

/// Radius of the 1 cm³ sphere of the local intensity features (IBSI 9ST6), plus a little, in mm.
inline constexpr double local_intensity_margin_mm = 6.3;

enum class ProcessingExtent {
  roi_neighbourhood,  ///< the ROI's bounding box plus local_intensity_margin_mm (on the interpolation grid)
  whole_image,        ///< the whole interpolation grid (diagnostics, tests)
};

struct ProcessedRoi {
  Volume<float> image;                      ///< on the interpolation grid; finite
  Volume<std::uint8_t> morphological_mask;  ///< the interpolated ROI (IBSI G5KJ)
  /// After re-segmentation (IBSI SEFI); may select no voxel. Without re-segmentation in the settings the intensity
  /// mask is the morphological mask, and this holds no voxels at all (empty()) rather than a copy of it: read the
  /// intensity mask through effective_intensity_mask().
  Volume<std::uint8_t> intensity_mask;
  IntensityInterval resegmentation;  ///< the interval the intensity mask keeps (±inf when open)

  [[nodiscard]] const Volume<std::uint8_t>& effective_intensity_mask() const {
    return intensity_mask.empty() ? morphological_mask : intensity_mask;
  }
};

/// An integer voxel type's range: PyRadiomics' resampling casts its result back to the image's type.
struct IntegerPixelRange {
  double min = 0.0, max = 0.0;
};

/// `mask` holds 1 for ROI voxels on the image's grid (already checked to match). Throws InputError, with
/// `case_name` first in the message, when the mask is empty, when the ROI vanishes on the interpolation grid, or
/// when the image holds NaN/Inf in the region that is processed.
/// `integer_pixels`: the image file's integer voxel type, which the pyradiomics interpolation grid keeps.
/// `execution`: where the IBSI interpolation runs (the GPU's resampler gives the CPU's values: cuda/resample.hpp).
ProcessedRoi process_roi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
                         ProcessingExtent extent, const std::string& case_name,
                         std::optional<IntegerPixelRange> integer_pixels = std::nullopt,
                         const ExecutionContext& execution = {});

}  // namespace voxfeat::detail
