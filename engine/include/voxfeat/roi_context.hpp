#pragma once
// What a family sees of one ROI of one case. The engine prepares it once per case (crop, masks, discretisation)
// and computes intermediate products lazily, so that families that share them (a mesh, the sorted intensities)
// do not compute them twice. Every accessor is thread-safe: families of one case run concurrently.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <typeinfo>

#include "voxfeat/execution.hpp"
#include "voxfeat/shared_products.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat {

/// Grey levels of the intensity-mask voxels after the settings' discretisation (IBSI 1, section 2.7).
struct DiscretisedRoi {
  Volume<std::int32_t> levels;  ///< same grid as RoiContext::image(); 1..level_count inside the mask, 0 outside
  int level_count = 0;          ///< Ng: the highest level that can occur
};

/// An intensity range whose bounds may be open.
struct IntensityRange {
  std::optional<double> min;
  std::optional<double> max;
};

class RoiContext : public SharesProducts {
 public:

  /// Intensities of the ROI's bounding box, enlarged by a margin of at least 6.3 mm (the local-intensity sphere)
  /// where the image has voxels there. Finite everywhere (the engine refuses NaN/Inf earlier).
  [[nodiscard]] virtual const Volume<float>& image() const = 0;
  /// 1 for voxels of the morphological mask (shape features), 0 elsewhere; same grid as image().
  [[nodiscard]] virtual const Volume<std::uint8_t>& morphological_mask() const = 0;
  /// 1 for voxels of the intensity mask (after re-segmentation), 0 elsewhere; same grid as image().
  [[nodiscard]] virtual const Volume<std::uint8_t>& intensity_mask() const = 0;
  /// Intensities of the intensity-mask voxels, in storage order (x fastest).
  [[nodiscard]] virtual std::span<const double> roi_intensities() const = 0;
  /// The same values, sorted ascending (for percentiles and medians).
  [[nodiscard]] virtual std::span<const double> sorted_roi_intensities() const = 0;
  /// Grey levels per the settings' discretisation.
  [[nodiscard]] virtual const DiscretisedRoi& discretised() const = 0;
  [[nodiscard]] virtual const ExecutionContext& execution() const = 0;
  /// The settings' re-segmentation range (IBSI USB3), open bounds unset. IBSI propagates it to features that need
  /// an intensity range: the IVH's range and the lower bound of fixed-bin-size discretisation.
  [[nodiscard]] virtual IntensityRange resegmentation_range() const { return {}; }
};

}  // namespace voxfeat
