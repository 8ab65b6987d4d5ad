#pragma once
// Per-object pixel lists of a 2D label plane, built in one raster pass: for each label its bounding box, pixel
// count and pixels as row runs, plus which objects touch. Everything per object is then computed from its runs and
// its bounding-box crop, never by rescanning the plane, and each object independently of the others (one
// tbb::parallel_for over objects).
//
// The pass is a collector fed rows in order, so that a tile-streaming reader can hand it the plane band by band
// (add_rows for each band, then finish); collect_objects is the one-call form for a plane in memory. Both give
// the same table.
#include <array>
#include <cstddef>
#include <cstdint>
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

/// Builds an ObjectTable from rows given in raster order. Label 0 is background.
class ObjectCollector {
 public:
  explicit ObjectCollector(std::int32_t width);

  /// Rows [first_row, first_row + rows) of the plane, row-major, `width` labels each. first_row must continue
  /// where the previous call ended (std::invalid_argument otherwise); the collector keeps only the last row.
  void add_rows(std::int32_t first_row, const std::uint32_t* labels, std::int32_t rows);

  /// The table of every row added so far. The collector is left empty.
  [[nodiscard]] ObjectTable finish();

 private:
  // A run of the current or previous row, with the object it belongs to (index in order of discovery).
  struct Segment {
    std::uint32_t label;
    std::uint32_t object;
    std::int32_t col_begin;
    std::int32_t col_end;
  };
  struct Discovered {
    std::uint32_t label;
    BoundingBox bbox;
    std::uint64_t area;
    std::size_t run_count;
  };
  struct PendingRun {
    std::uint32_t object;
    RowRun run;
  };

  void add_row(std::int32_t row, const std::uint32_t* labels);
  std::uint32_t object_of(std::uint32_t label);
  void add_contact(std::uint32_t a, std::uint32_t b);

  std::int32_t m_width;
  std::int32_t m_next_row = 0;
  std::vector<Discovered> m_objects;
  std::unordered_map<std::uint32_t, std::uint32_t> m_object_of_label;
  std::vector<PendingRun> m_runs;
  std::vector<Segment> m_previous, m_current;
  std::vector<ObjectContact> m_contacts;  // discovery indices, consecutive repeats dropped
};

/// The table of a whole plane (width × height labels, row-major).
ObjectTable collect_objects(const std::uint32_t* labels, std::int32_t width, std::int32_t height);

}  // namespace voxfeat::kernels::microscopy
