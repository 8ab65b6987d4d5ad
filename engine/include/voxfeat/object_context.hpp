#pragma once
// What a per-object (microscopy) family sees of one image pair: the objects of its label image (one raster pass
// built their pixel runs, bounding boxes and contacts), the label and intensity planes, the physical pixel size,
// and products several families share (the per-object measurements), made once per image.
#include <array>
#include <cstdint>
#include <optional>

#include "voxfeat/execution.hpp"
#include "voxfeat/shared_products.hpp"

// The kernels' types a per-object family works on (kernels/microscopy/object_pixels.hpp, plane_view.hpp), declared
// here only: built-in families include the kernels; external plugins get plain views through the C ABI instead.
namespace voxfeat::kernels::microscopy {
struct ObjectTable;
template <class T>
struct PlaneView;
}  // namespace voxfeat::kernels::microscopy

namespace voxfeat {

class ObjectContext : public SharesProducts {
 public:
  /// The objects, in increasing label order (the order of a family's output rows).
  [[nodiscard]] virtual const kernels::microscopy::ObjectTable& objects() const = 0;
  /// The label plane (0 = background) and the intensity plane, the same size, row-major.
  [[nodiscard]] virtual kernels::microscopy::PlaneView<std::uint32_t> labels() const = 0;
  [[nodiscard]] virtual kernels::microscopy::PlaneView<float> intensities() const = 0;
  /// Pixel size in µm along columns (x) and rows (y), from OME metadata or the settings; nullopt when unknown.
  [[nodiscard]] virtual std::optional<std::array<double, 2>> pixel_size_um() const = 0;
  [[nodiscard]] virtual const ExecutionContext& execution() const = 0;
};

}  // namespace voxfeat
