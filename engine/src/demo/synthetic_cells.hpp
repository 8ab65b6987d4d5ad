#pragma once
// Seeded synthetic microscopy images (issue 7's benchmark images and the microscopy demo): a label plane of densely
// packed cells, many touching, some non-convex (an ellipse whose radius is modulated by a few harmonics, so lobes
// and dents appear), and a textured intensity plane (a per-cell brightness falling off towards the edge, smooth
// value noise, a dim noisy background). Made in row bands, so that a 16k × 16k stress image never exists whole: any
// band of rows gives the same pixels as the whole plane does there.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace voxfeat::detail {

struct SyntheticCellsSpec {
  std::int32_t width = 1024;
  std::int32_t height = 1024;
  std::size_t cells = 600;   ///< cells placed (on a jittered grid); a few may end up hidden under their neighbours
  double radius_min = 10.0;  ///< px, semi-axes drawn in [radius_min, radius_max], small ones more often
  double radius_max = 40.0;
  std::uint64_t seed = 1;
};

class SyntheticCells {
 public:
  explicit SyntheticCells(const SyntheticCellsSpec& spec);

  [[nodiscard]] const SyntheticCellsSpec& spec() const { return m_spec; }

  /// Rows [first_row, first_row + rows) of the label plane (0 background, cell i has label i + 1; where cells
  /// overlap, the lower label wins) and of the intensity plane, row-major, width values per row. Either span may be
  /// empty (not wanted); otherwise it holds rows × width values.
  void fill_rows(std::int32_t first_row, std::int32_t rows, std::span<std::uint32_t> labels,
                 std::span<float> intensities) const;

  /// The whole planes (width × height each).
  void fill(std::vector<std::uint32_t>& labels, std::vector<float>& intensities) const;

 private:
  struct Cell {
    double cx = 0, cy = 0;          ///< centre (column, row), px
    double a = 0, b = 0;            ///< semi-axes, px
    double cos_t = 1, sin_t = 0;    ///< orientation
    double harmonic[3] = {0, 0, 0}; ///< amplitudes of cos(kθ + phase) for k = 2, 3, 4
    double phase[3] = {0, 0, 0};
    double brightness = 0;
    std::int32_t row_begin = 0, row_end = 0, col_begin = 0, col_end = 0;  ///< box covering the cell, clipped
  };

  /// Where pixel (row, col) lies relative to `cell`: < 1 inside (0 at the centre), the normalised radius.
  static double relative_radius(const Cell& cell, double row, double col);

  SyntheticCellsSpec m_spec;
  std::vector<Cell> m_cells;                       ///< in label order
  std::vector<std::vector<std::uint32_t>> m_bands;  ///< per band of kBandRows rows: the cells whose box meets it
};

}  // namespace voxfeat::detail
