#pragma once
// Per-object pixel lists of a 2D label plane, built in one raster pass: for each label its bounding box, pixel
// count and pixels as row runs, plus which objects touch. Everything per object is then computed from its runs and
// its bounding-box crop, never by rescanning the plane, and each object independently of the others (one
// tbb::parallel_for over objects).
//
// The pass is a collector fed rows in order, so that a tile-streaming reader can hand it the plane band by band
// (add_rows for each band, then finish); collect_objects is the one-call form for a plane in memory. Both give
// the same table. A streaming caller can also take objects out as soon as they are complete (take_finished), so
// that the collector holds only the objects that the newest rows still reach (streamed_measurement.hpp).
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

namespace voxfeat::kernels::microscopy {

/// Pixels (row, col) for col in [col_begin, col_end), all of one label. Runs are maximal within their row.
struct RowRun {
  std::int32_t row = 0;
  std::int32_t col_begin = 0;
  std::int32_t col_end = 0;
};

/// Half-open pixel box, skimage's `bbox` order: rows [row_begin, row_end), columns [col_begin, col_end).
struct BoundingBox {
  std::int32_t row_begin = 0;
  std::int32_t col_begin = 0;
  std::int32_t row_end = 0;
  std::int32_t col_end = 0;

  [[nodiscard]] std::int32_t rows() const { return row_end - row_begin; }
  [[nodiscard]] std::int32_t cols() const { return col_end - col_begin; }
  [[nodiscard]] std::uint64_t area() const { return std::uint64_t(rows()) * std::uint64_t(cols()); }
};

struct ObjectInfo {
  std::uint32_t label = 0;
  BoundingBox bbox;
  std::uint64_t area = 0;      ///< pixel count
  std::size_t first_run = 0;   ///< into ObjectTable::runs
  std::size_t run_count = 0;
};

/// Two objects (indices into ObjectTable::objects, first < second) with 8-adjacent pixels: an edge or a corner
/// shared. Background (label 0) touches nothing.
using ObjectContact = std::array<std::uint32_t, 2>;

/// The same pair named by the objects' labels (first < second): what a streaming caller gets, as the two objects
/// may leave the collector in different batches.
using LabelContact = std::array<std::uint32_t, 2>;

struct ObjectTable {
  std::int32_t width = 0;
  std::int32_t height = 0;
  std::vector<ObjectInfo> objects;        ///< one per label present, in increasing label order
  std::vector<RowRun> runs;               ///< grouped per object, each group in raster order
  std::vector<ObjectContact> contacts;    ///< sorted, each pair once

  [[nodiscard]] std::span<const RowRun> runs_of(std::size_t object) const {
    return {runs.data() + objects[object].first_run, objects[object].run_count};
  }
};

/// Objects taken out of a collector (ObjectCollector::take_finished).
struct FinishedObjects {
  /// The objects, in increasing label order, with their runs; `height` is the rows added so far and `contacts`
  /// stays empty (the pairs are below).
  ObjectTable table;
  /// The pairs with at least one object here that were not handed out before: over all calls, each touching pair
  /// comes out exactly once, with the first of its two objects to leave (or both, when they leave together).
  std::vector<LabelContact> contacts;
};

/// Builds an ObjectTable from rows given in raster order. Label 0 is background.
class ObjectCollector {
 public:
  /// Whether the object of a label stays in the collector although it has no run in the newest row (its label
  /// appears again further down). Default: none does.
  using Hold = std::function<bool(std::uint32_t label)>;

  explicit ObjectCollector(std::int32_t width);

  /// Rows [first_row, first_row + rows) of the plane, row-major, `width` labels each. first_row must continue
  /// where the previous call ended (std::invalid_argument otherwise); the collector keeps only the last row.
  void add_rows(std::int32_t first_row, const std::uint32_t* labels, std::int32_t rows);

  /// Takes out the objects with no run in the newest row added, except those `hold` keeps: rows still to come
  /// cannot touch them, so their runs, box, area and contacts are final, unless their label appears again. A
  /// label taken out must not appear again (its later pixels would start a second object of the same label):
  /// hold it instead, and its later parts join the same object.
  [[nodiscard]] FinishedObjects take_finished(const Hold& hold = {});

  /// Takes out every object left: the end of the plane.
  [[nodiscard]] FinishedObjects take_all();

  /// The first row of the topmost object still in the collector; INT32_MAX when there is none.
  [[nodiscard]] std::int32_t first_open_row() const;

  /// Objects in the collector (not yet taken out).
  [[nodiscard]] std::size_t open_objects() const { return m_open.size(); }

  /// The table of the objects not taken out (all of them, without take_finished). Contacts with objects taken
  /// out earlier came out then. The collector is left empty.
  [[nodiscard]] ObjectTable finish();

 private:
  // A run of the current or previous row, with the slot of the object it belongs to.
  struct Segment {
    std::uint32_t label;
    std::uint32_t slot;
    std::int32_t col_begin;
    std::int32_t col_end;
  };
  // An object still in the collector. Partners are named by label, not slot: a slot is reused once its object
  // leaves, a label never is.
  struct OpenObject {
    std::uint32_t label = 0;
    BoundingBox bbox;
    std::uint64_t area = 0;
    std::vector<RowRun> runs;               // raster order
    std::vector<std::uint32_t> partners;    // labels of the objects it touches, each once
    bool leaving = false;                   // in the batch being taken out
  };

  void add_row(std::int32_t row, const std::uint32_t* labels);
  std::uint32_t slot_of(std::uint32_t label);
  void add_contact(std::uint32_t a, std::uint32_t b);
  FinishedObjects take(std::vector<std::uint32_t> leaving);

  std::int32_t m_width;
  std::int32_t m_next_row = 0;
  std::vector<OpenObject> m_slots;
  std::vector<std::uint32_t> m_free_slots;
  std::vector<std::uint32_t> m_open;  // slots in use, in order of discovery
  std::unordered_map<std::uint32_t, std::uint32_t> m_slot_of_label;
  std::vector<Segment> m_previous, m_current;
  std::array<std::uint32_t, 2> m_last_contact{UINT32_MAX, UINT32_MAX};  // slots; along a boundary it repeats
};

/// The table of a whole plane (width × height labels, row-major).
ObjectTable collect_objects(const std::uint32_t* labels, std::int32_t width, std::int32_t height);

}  // namespace voxfeat::kernels::microscopy
