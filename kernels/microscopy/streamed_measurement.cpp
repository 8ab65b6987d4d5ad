#include "microscopy/streamed_measurement.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "microscopy/label_last_rows.hpp"
#include "microscopy/row_window.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

// Finished objects wait until this many are ready, so that every thread gets a share of a batch: with thin bands
// a band completes only a few objects.
constexpr std::size_t kBatchObjects = 256;

LabelLastRows scan_last_rows(const BandSource& band_source, std::int32_t width, std::int32_t height,
                             std::int32_t band_rows) {
  LastRowScanner scanner(width);
  std::vector<std::uint32_t> band(std::size_t(band_rows) * std::size_t(width));
  for (std::int32_t row = 0; row < height; row += band_rows) {
    const std::int32_t rows = std::min(band_rows, height - row);
    const std::span<std::uint32_t> labels(band.data(), std::size_t(rows) * std::size_t(width));
    band_source(row, rows, labels, {});
    scanner.add_rows(row, labels, rows);
  }
  return scanner.finish();
}

// Finished objects not yet measured. Their rows stay in the window until they are.
struct Batch {
  ObjectTable table;
  std::int32_t first_row = std::numeric_limits<std::int32_t>::max();

  void add(const FinishedObjects& finished) {
    const std::size_t offset = table.runs.size();
    table.runs.insert(table.runs.end(), finished.table.runs.begin(), finished.table.runs.end());
    for (ObjectInfo object : finished.table.objects) {
      object.first_run += offset;
      first_row = std::min(first_row, object.bbox.row_begin);
      table.objects.push_back(object);
    }
  }
  void clear() {
    table.objects.clear();
    table.runs.clear();
    first_row = std::numeric_limits<std::int32_t>::max();
  }
};

}  // namespace

StreamedMeasurement measure_streamed(const BandSource& band_source, std::int32_t width, std::int32_t height,
                                     std::int32_t band_rows, double neighbour_radius, const MeasurementSink& sink) {
  return measure_streamed_batches(band_source, width, height, band_rows, neighbour_radius,
                                  [&](const StreamedBatch& batch) {
                                    if (sink) sink(batch.measured);
                                  });
}

StreamedMeasurement measure_streamed_batches(const BandSource& band_source, std::int32_t width,
                                             std::int32_t height, std::int32_t band_rows, double neighbour_radius,
                                             const BatchSink& sink) {
  if (width <= 0 || height < 0 || band_rows <= 0)
    throw std::invalid_argument("measure_streamed: width and band_rows must be positive, height not negative");
  const LabelLastRows last_rows = scan_last_rows(band_source, width, height, band_rows);
  const std::size_t objects = last_rows.labels.size();
  std::vector<PlanePoint> centroids(objects);
  std::vector<std::uint32_t> touching(objects, 0);
  std::size_t measured = 0;
  StreamedMeasurement out;

  ObjectCollector collector(width);
  RowWindow<std::uint32_t> labels(width);
  RowWindow<float> intensities(width);
  Batch batch;
  batch.table.width = width;
  batch.table.height = height;  // the batch's objects belong to the whole plane, which the window views show

  const auto queue = [&](const FinishedObjects& finished) {
    for (const LabelContact& c : finished.contacts)
      ++touching[last_rows.index_of(c[0])], ++touching[last_rows.index_of(c[1])];
    batch.add(finished);
  };
  const auto measure_batch = [&] {
    if (batch.table.objects.empty()) return;
    std::sort(batch.table.objects.begin(), batch.table.objects.end(),
              [](const ObjectInfo& a, const ObjectInfo& b) { return a.label < b.label; });
    // The kernels would read rows the window no longer holds without a word: check that it holds them.
    for (const ObjectInfo& o : batch.table.objects) {
      if (std::max(o.bbox.row_begin - 1, 0) < labels.first_row() ||
          std::min(o.bbox.row_end + 1, height) > labels.end_row())
        throw std::logic_error("measure_streamed: the window lost rows of label " + std::to_string(o.label));
    }
    const std::vector<ObjectMeasurement> m =
        measure_each_object(batch.table, labels.view(height), intensities.view(height));
    std::vector<LabelledMeasurement> handed(m.size());
    for (std::size_t i = 0; i < m.size(); ++i) {
      const std::uint32_t label = batch.table.objects[i].label;
      handed[i] = {label, m[i]};
      centroids[last_rows.index_of(label)] = {m[i].shape.centroid_row, m[i].shape.centroid_col};
    }
    measured += m.size();
    if (sink) sink(StreamedBatch{handed, batch.table, labels.view(height), intensities.view(height), objects});
    batch.clear();
  };

  for (std::int32_t row = 0; row < height; row += band_rows) {
    const std::int32_t rows = std::min(band_rows, height - row), newest = row + rows - 1;
    const std::span<std::uint32_t> band_labels = labels.append(rows);
    band_source(row, rows, band_labels, intensities.append(rows));
    collector.add_rows(row, band_labels.data(), rows);
    out.peak_window_rows = std::max(out.peak_window_rows, labels.end_row() - labels.first_row());
    out.peak_window_bytes = std::max(out.peak_window_bytes, labels.buffer_bytes() + intensities.buffer_bytes());

    queue(collector.take_finished(
        [&](std::uint32_t label) { return last_rows.last_row[last_rows.index_of(label)] > newest; }));
    if (batch.table.objects.size() >= kBatchObjects) measure_batch();
    // Keep the row above the topmost object not yet measured (its edge pixels look there), and the newest row:
    // the one above the next band's new objects.
    const std::int32_t keep = std::min({collector.first_open_row(), batch.first_row, newest + 1}) - 1;
    labels.drop_before(keep);
    intensities.drop_before(keep);
  }
  queue(collector.take_all());
  measure_batch();
  if (measured != objects)
    throw std::runtime_error("measure_streamed: the band source gave different labels on its two passes");

  out.neighbours = neighbour_features(touching, centroids, neighbour_radius);
  out.labels = last_rows.labels;
  return out;
}

}  // namespace voxfeat::kernels::microscopy
