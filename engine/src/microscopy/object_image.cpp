#include "microscopy/object_image.hpp"

#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <tbb/parallel_invoke.h>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {

ObjectImage::ObjectImage(std::vector<std::uint32_t> labels, std::vector<float> intensities, std::int32_t width,
                         std::int32_t height, std::optional<std::array<double, 2>> pixel_size_um,
                         ExecutionContext execution, const std::string& name)
    : m_labels(std::move(labels)),
      m_intensities(std::move(intensities)),
      m_width(width),
      m_height(height),
      m_pixel_size(pixel_size_um),
      m_execution(execution) {
  const std::size_t n = std::size_t(width) * std::size_t(height);
  if (width <= 0 || height <= 0 || m_labels.size() != n || m_intensities.size() != n)
    throw std::invalid_argument("ObjectImage: planes must hold width × height values");
  m_table = kernels::microscopy::collect_objects(m_labels.data(), width, height);
  if (m_table.objects.empty())
    throw InputError(name + ": the label image has no object (every pixel is 0)");
}

std::optional<std::array<double, 2>> check_pair(const ObjectImageSource& source,
                                                const io::microscopy::PlaneInfo& intensity,
                                                const io::microscopy::PlaneInfo& labels) {
  if (labels.width != intensity.width || labels.height != intensity.height) {
    throw InputError(fmt::format("{}: {} × {} pixels, but its label image {} has {} × {}", source.intensity.string(),
                                 intensity.width, intensity.height, source.labels.string(), labels.width,
                                 labels.height));
  }
  const auto limit = std::size_t(std::numeric_limits<std::int32_t>::max());
  if (labels.width > limit || labels.height > limit)
    throw InputError(source.labels.string() + ": more than 2^31 pixels along a side");
  if (source.pixel_size_um) return std::array<double, 2>{*source.pixel_size_um, *source.pixel_size_um};
  if (intensity.pixel_size_x_um && intensity.pixel_size_y_um)
    return std::array<double, 2>{*intensity.pixel_size_x_um, *intensity.pixel_size_y_um};
  if (labels.pixel_size_x_um && labels.pixel_size_y_um)
    return std::array<double, 2>{*labels.pixel_size_x_um, *labels.pixel_size_y_um};
  return std::nullopt;
}

ObjectImage ObjectImage::load(const ObjectImageSource& source, const ExecutionContext& execution) {
  io::microscopy::PlaneInfo label_info, intensity_info;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensities;
  // The two files decode concurrently (each is one sequential libtiff/libpng stream).
  tbb::parallel_invoke(
      [&] { labels = io::microscopy::read_label_plane(source.labels, source.label_choice, &label_info); },
      [&] {
        intensities = io::microscopy::read_intensity_plane(source.intensity, source.intensity_choice, &intensity_info);
      });
  const auto pixel = check_pair(source, intensity_info, label_info);
  return ObjectImage(std::move(labels), std::move(intensities), std::int32_t(label_info.width),
                     std::int32_t(label_info.height), pixel, execution, source.labels.string());
}

}  // namespace voxfeat::detail
