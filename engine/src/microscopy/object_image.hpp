#pragma once
// One microscopy image pair as the per-object families see it (ObjectContext): the label and intensity planes,
// checked against each other, and the table of their objects from one raster pass.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "extraction/shared_products.hpp"
#include "io/microscopy/plane_reader.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"
#include "voxfeat/object_context.hpp"

namespace voxfeat::detail {

/// Where an image pair comes from: the files and which plane and channel of each.
struct ObjectImageSource {
  std::filesystem::path intensity;
  std::filesystem::path labels;
  io::microscopy::PlaneChoice intensity_choice{};
  io::microscopy::PlaneChoice label_choice{};
  /// µm per pixel, overriding the files' metadata (OME PhysicalSizeX/Y); nullopt: the metadata's, if any.
  std::optional<double> pixel_size_um = std::nullopt;
};

/// The checks and choices both ways of reading a pair make from the files' headers: throws InputError when the
/// planes differ in size or a side passes 2^31 pixels; returns the pixel size (the source's, else the intensity
/// image's OME metadata, else the label image's; nullopt when none).
std::optional<std::array<double, 2>> check_pair(const ObjectImageSource& source,
                                                const io::microscopy::PlaneInfo& intensity,
                                                const io::microscopy::PlaneInfo& labels);

class ObjectImage final : public ObjectContext {
 public:
  /// Planes in memory (width × height each, row-major). Throws InputError when the label plane holds no object,
  /// std::invalid_argument when a plane's size is not width × height.
  ObjectImage(std::vector<std::uint32_t> labels, std::vector<float> intensities, std::int32_t width,
              std::int32_t height, std::optional<std::array<double, 2>> pixel_size_um, ExecutionContext execution,
              const std::string& name = "image");

  /// Reads both files (engine/src/io/microscopy). Throws IoError/InputError/ConfigError naming the file and the
  /// problem: unreadable or truncated files, planes of different sizes, a floating-point label image, a
  /// multi-channel image without a channel choice, an empty label image.
  static ObjectImage load(const ObjectImageSource& source, const ExecutionContext& execution);

  [[nodiscard]] const kernels::microscopy::ObjectTable& objects() const override { return m_table; }
  [[nodiscard]] kernels::microscopy::PlaneView<std::uint32_t> labels() const override {
    return {m_labels.data(), m_width, m_height};
  }
  [[nodiscard]] kernels::microscopy::PlaneView<float> intensities() const override {
    return {m_intensities.data(), m_width, m_height};
  }
  [[nodiscard]] std::optional<std::array<double, 2>> pixel_size_um() const override { return m_pixel_size; }
  [[nodiscard]] const ExecutionContext& execution() const override { return m_execution; }

 protected:
  [[nodiscard]] std::shared_ptr<const void> shared_product(
      const std::string& key, const std::type_info& type,
      const std::function<std::shared_ptr<const void>()>& make) const override {
    return m_shared.get(key, type, make);
  }

 private:
  std::vector<std::uint32_t> m_labels;
  std::vector<float> m_intensities;
  std::int32_t m_width = 0, m_height = 0;
  std::optional<std::array<double, 2>> m_pixel_size;
  ExecutionContext m_execution;
  kernels::microscopy::ObjectTable m_table;
  SharedProducts m_shared;
};

}  // namespace voxfeat::detail
