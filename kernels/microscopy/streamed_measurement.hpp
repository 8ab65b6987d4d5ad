#pragma once
// Per-object measurement of a label plane that is never held whole (issue 7: 16k × 16k pixels, 200k objects): the
// plane comes in bands of full rows, a window keeps only the rows that objects not yet measured still need, and
// each object is measured as soon as it is complete, with the kernels of measure_objects and the same results, bit
// for bit, whatever the band height.
//
// Two passes over the source. The first reads labels only and notes each label's last row: a label in two parts
// far apart is one object, and without that note the stream could not tell its first part's end from the
// object's. The second pass feeds an ObjectCollector; after each band, the objects with no run in the newest row
// whose label does not come back are complete. They are measured in batches (in parallel, measure_each_object) and
// handed to the sink. Neighbour features need every centroid: they are computed at the end, from the centroids
// and contact counts kept per object, and returned.
//
// Memory, for a plane `width` wide (bytes):
//   window       ≤ 2 × R × width × (4 + 4): labels and intensities, in buffers twice the rows they must hold
//                  (row_window.hpp). R, the most rows held at once, runs from one row above the topmost object not
//                  yet measured to the end of the newest band: R ≤ band_rows + 1 + the tallest label's row span
//                  (first to last row, gaps included) + the rows over which a batch of 256 objects completes (a few
//                  object heights on a wide plane). A label whose parts lie far apart keeps the rows between them:
//                  for such a label R is bounded only by the image, as are the kernels' own crops of its bounding
//                  box (measure_objects has the same cost).
//   first pass   band_rows × width × 4, and about 50 per label while scanning (a hash map), 8 after.
//   per object   16 (centroid) + 4 (contact count) + 8 (last row, label) for the whole plane, and at the end the
//                neighbour pass's k-d tree and results (about 45).
//   in flight    the runs (12 per row of an object) and contact lists of the objects the window holds, a batch's
//                measurements (about 1.4 k each), and the kernels' buffers per thread (a few bytes per pixel of
//                the largest bounding box measured).
// StreamedMeasurement reports R and the window's buffer size.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "microscopy/object_measurements.hpp"

namespace voxfeat::kernels::microscopy {

struct LabelledMeasurement {
  std::uint32_t label = 0;
  ObjectMeasurement measurement;  ///< neighbours left default: see StreamedMeasurement
};

/// Fills rows [first_row, first_row + rows) of the plane, row-major, width values a row: the labels, and the
/// intensities unless that span is empty (the first pass wants labels only). Called with rows in order, twice
/// over; both passes must see the same plane. A PlaneReader (read_label_rows, read_rows) or SyntheticCells
/// (fill_rows) each make one.
using BandSource = std::function<void(std::int32_t first_row, std::int32_t rows, std::span<std::uint32_t> labels,
                                      std::span<float> intensities)>;

/// Receives each object once, whole, in batches in the order objects complete (by last row, roughly), labels
/// increasing within a batch. Rows keyed by label need no other order; a caller that wants label order sorts.
using MeasurementSink = std::function<void(std::span<const LabelledMeasurement> batch)>;

/// A batch as measured, with what its objects' other features need: the batch's objects and their runs (label
/// order, the order of `measured`; no contacts) and views of the window, which holds every row the kernels read
/// for them (PlaneView::first_row). Valid only during the call.
struct StreamedBatch {
  std::span<const LabelledMeasurement> measured;
  const ObjectTable& objects;
  PlaneView<std::uint32_t> labels;
  PlaneView<float> intensities;
  std::size_t plane_objects = 0;  ///< objects of the whole plane (known from the first pass)
};
using BatchSink = std::function<void(const StreamedBatch& batch)>;

struct StreamedMeasurement {
  std::vector<std::uint32_t> labels;          ///< every label of the plane, increasing
  std::vector<NeighbourFeatures> neighbours;  ///< neighbours[i] of labels[i]
  std::int32_t peak_window_rows = 0;          ///< R above: the most rows the window held at once
  std::size_t peak_window_bytes = 0;          ///< the window's buffers (labels and intensities) at their largest
};

/// Measures every object of the width × height plane that `band_source` gives, `band_rows` rows at a time;
/// `neighbour_radius` as for measure_objects. Each object's measurement equals measure_objects' on the whole
/// plane, bit for bit (its neighbours are in the result). Throws std::invalid_argument for bad sizes and
/// std::runtime_error when the two passes saw different labels; the sink may have had batches by then.
StreamedMeasurement measure_streamed(const BandSource& band_source, std::int32_t width, std::int32_t height,
                                     std::int32_t band_rows, double neighbour_radius, const MeasurementSink& sink);

/// The same, handing each batch with its objects' runs and the window (for features beyond the measurement).
StreamedMeasurement measure_streamed_batches(const BandSource& band_source, std::int32_t width,
                                             std::int32_t height, std::int32_t band_rows, double neighbour_radius,
                                             const BatchSink& sink);

}  // namespace voxfeat::kernels::microscopy
