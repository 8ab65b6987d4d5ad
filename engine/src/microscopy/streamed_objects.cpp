#include "microscopy/streamed_objects.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>

#include <fmt/format.h>

#include "extraction/extractor.hpp"
#include "extraction/shared_products.hpp"
#include "microscopy/object_measurements.hpp"
#include "microscopy/streamed_measurement.hpp"
#include "microscopy_shape/compute.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

namespace mk = kernels::microscopy;

/// One batch of a streamed image as the families see it: the batch's objects, the window's rows, and the batch's
/// measurements already made (the families' shared "microscopy.measurements").
class BatchObjects final : public ObjectContext {
 public:
  BatchObjects(const mk::StreamedBatch& batch, std::optional<std::array<double, 2>> pixel)
      : m_batch(batch), m_pixel(pixel) {
    m_execution.backend = Backend::cpu;
    std::vector<mk::ObjectMeasurement> measured;
    measured.reserve(batch.measured.size());
    for (const auto& m : batch.measured) measured.push_back(m.measurement);
    (void)shared<std::vector<mk::ObjectMeasurement>>("microscopy.measurements", [&] { return std::move(measured); });
  }
  const mk::ObjectTable& objects() const override { return m_batch.objects; }
  mk::PlaneView<std::uint32_t> labels() const override { return m_batch.labels; }
  mk::PlaneView<float> intensities() const override { return m_batch.intensities; }
  std::optional<std::array<double, 2>> pixel_size_um() const override { return m_pixel; }
  const ExecutionContext& execution() const override { return m_execution; }

 protected:
  std::shared_ptr<const void> shared_product(const std::string& key, const std::type_info& type,
                                             const std::function<std::shared_ptr<const void>()>& make) const override {
    return m_shared.get(key, type, make);
  }

 private:
  const mk::StreamedBatch& m_batch;
  std::optional<std::array<double, 2>> m_pixel;
  ExecutionContext m_execution;
  SharedProducts m_shared;
};

}  // namespace

std::size_t label_plane_pixels(const ObjectImageSource& source) {
  const auto reader = io::microscopy::PlaneReader::open(source.labels, source.label_choice);
  return reader.info().width * reader.info().height;
}

ObjectRows compute_object_features_streamed(const ObjectImageSource& source, const Settings& settings,
                                            const Registry& registry, std::int32_t band_rows,
                                            const std::string& name) {
  require_object_families(settings, registry);
  auto labels = io::microscopy::PlaneReader::open(source.labels, source.label_choice);
  auto intensity = io::microscopy::PlaneReader::open(source.intensity, source.intensity_choice);
  const auto& li = labels.info();
  const auto& ii = intensity.info();
  const auto pixel = check_pair(source, ii, li);

  ObjectRows rows;
  rows.columns = plan_columns(settings, registry);
  const std::size_t width = rows.columns.size();
  // The shape family's neighbour columns need every object: their positions, and the family's radius.
  double radius = 0.0;
  std::vector<std::ptrdiff_t> neighbour_columns(plugins::microscopy_shape::neighbour_outputs.size(), -1);
  for (const auto& fs : settings.families) {
    if (fs.name != "microscopy_shape") continue;
    radius = fs.params.real("neighbour_radius");
    const FamilyDescriptor& family = registry.at(fs.name);
    for (std::size_t k = 0; k < neighbour_columns.size(); ++k) {
      const std::string column = family.column_prefix + "_" + plugins::microscopy_shape::neighbour_outputs[k];
      for (std::size_t c = 0; c < width; ++c)
        if (rows.columns[c].name == column) neighbour_columns[k] = std::ptrdiff_t(c);
    }
  }

  // Batches complete in row order; their rows are collected, then put in label order.
  std::vector<std::uint32_t> labels_seen;
  std::vector<double> values;
  // Rows come as the spans' size.
  const auto band_source = [&](std::int32_t first_row, std::int32_t, std::span<std::uint32_t> l, std::span<float> v) {
    labels.read_label_rows(std::size_t(first_row), l);
    if (!v.empty()) intensity.read_rows(std::size_t(first_row), v);
  };
  const mk::StreamedMeasurement streamed = mk::measure_streamed_batches(
      band_source, std::int32_t(li.width), std::int32_t(li.height), band_rows, radius,
      [&](const mk::StreamedBatch& batch) {
        const BatchObjects objects(batch, pixel);
        if (labels_seen.empty()) {  // exact sizes: the result rows are the run's largest buffer
          labels_seen.reserve(batch.plane_objects);
          values.reserve(batch.plane_objects * width);
        }
        const std::size_t first = labels_seen.size();
        for (const auto& m : batch.measured) labels_seen.push_back(m.label);
        values.resize(labels_seen.size() * width, std::numeric_limits<double>::quiet_NaN());
        fill_object_rows(objects, settings, registry, width,
                         std::span<double>(values).subspan(first * width, batch.measured.size() * width), name);
      });
  if (streamed.labels.empty())
    throw InputError(source.labels.string() + ": the label image has no object (every pixel is 0)");

  // Rows into label order in place (one spare row, no second copy of the table): row i takes row order[i].
  std::vector<std::size_t> order(labels_seen.size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return labels_seen[a] < labels_seen[b]; });
  std::vector<double> spare(width);
  std::vector<bool> placed(order.size(), false);
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (placed[start]) continue;
    std::copy_n(values.begin() + std::ptrdiff_t(start * width), width, spare.begin());
    const std::uint32_t spare_label = labels_seen[start];
    std::size_t i = start;
    while (order[i] != start) {
      std::copy_n(values.begin() + std::ptrdiff_t(order[i] * width), width, values.begin() + std::ptrdiff_t(i * width));
      labels_seen[i] = labels_seen[order[i]];
      placed[i] = true;
      i = order[i];
    }
    std::copy(spare.begin(), spare.end(), values.begin() + std::ptrdiff_t(i * width));
    labels_seen[i] = spare_label;
    placed[i] = true;
  }
  rows.labels = std::move(labels_seen);
  rows.values = std::move(values);
  // streamed.labels is increasing, as rows.labels now: the neighbour features line up.
  if (streamed.labels != rows.labels) throw std::logic_error("streamed objects: labels and rows disagree");
  for (std::size_t i = 0; i < rows.labels.size(); ++i) {
    const auto near = plugins::microscopy_shape::neighbour_values(streamed.neighbours[i], pixel);
    for (std::size_t k = 0; k < neighbour_columns.size(); ++k)
      if (neighbour_columns[k] >= 0) rows.values[i * width + std::size_t(neighbour_columns[k])] = near[k];
  }
  return rows;
}

}  // namespace voxfeat::detail
