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

class RoiContext {
 public:
  virtual ~RoiContext() = default;

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

  /// An intermediate product that several families compute in the same way (the zones GLSZM and GLDZM both count),
  /// made once per ROI: the first family to ask for `key` runs `make` (which returns a T); later and concurrent
  /// callers get the same object, a concurrent one helping with make's parallel loops while it waits. `key` names the
  /// product and every parameter it depends on; a key always names the same type T. Thread-safe, like every accessor.
  template <class T, class Make>
  [[nodiscard]] std::shared_ptr<const T> shared(const std::string& key, Make&& make) const {
    return std::static_pointer_cast<const T>(shared_product(
        key, typeid(T), [&]() -> std::shared_ptr<const void> { return std::make_shared<const T>(make()); }));
  }

 protected:
  /// The store behind shared(): the product of `key` (of type `type`), made by `make` on first use. This default
  /// keeps nothing (every call makes its own), for contexts that live for one family, such as test fixtures.
  [[nodiscard]] virtual std::shared_ptr<const void> shared_product(
      const std::string& /*key*/, const std::type_info& /*type*/,
      const std::function<std::shared_ptr<const void>()>& make) const {
    return make();
  }
};

}  // namespace voxfeat
