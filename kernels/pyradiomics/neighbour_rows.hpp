#pragma once
// The voxel sweep PyRadiomics' GLDM and NGTDM share (radiomics/src/cmatrices.c, calculate_gldm and calculate_ngtdm):
// every ROI voxel looks at the voxels at its angles' offsets, those in the ROI (level > 0) only. Done one box row and
// one offset at a time, so the inner loops are passes over contiguous x with no bounds test per voxel, and in a fixed
// partition of the rows into chunks (texture::row_chunks), each into its own partial result: partials reduced in
// chunk order give the same sums for any thread count.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "pyradiomics/angles.hpp"
#include "pyradiomics/binning.hpp"
#include "texture/ngtdm_ngldm_neighbourhood.hpp"

namespace voxfeat::kernels::pyradiomics {

/// The bounding box of discretised levels as a plain view (0 outside the ROI).
inline View3<std::int32_t> levels_view(const GreyLevels& g) { return {g.levels.data(), g.extent, g.spacing}; }

/// Row of each grey level present in a matrix that keeps present levels only, as PyRadiomics' matrices do once
/// their empty grey levels are deleted: row[level] = its index in g.present, −1 for an absent level.
inline std::vector<std::int32_t> present_level_rows(const GreyLevels& g) {
  std::vector<std::int32_t> row(std::size_t(g.ng) + 1, -1);
  for (std::size_t k = 0; k < g.present.size(); ++k) row[std::size_t(g.present[k])] = std::int32_t(k);
  return row;
}

/// Calls `accumulate(neighbour, begin, end)` once per offset whose row (y + dy, z + dz) lies in the box:
/// `neighbour[x]` is the level at (x + dx, y + dy, z + dz) for x in [begin, end) ⊆ `centres`.
template <class Accumulate>
void for_each_offset_row(const View3<std::int32_t>& box, std::span<const Offset> offsets, std::size_t y,
                         std::size_t z, texture::RowSpan centres, Accumulate&& accumulate) {
  const auto ex = std::ptrdiff_t(box.extent[0]), ey = std::ptrdiff_t(box.extent[1]),
             ez = std::ptrdiff_t(box.extent[2]);
  for (const Offset& o : offsets) {
    const std::ptrdiff_t ny = std::ptrdiff_t(y) + o.dy, nz = std::ptrdiff_t(z) + o.dz;
    if (ny < 0 || ny >= ey || nz < 0 || nz >= ez) continue;
    const std::ptrdiff_t begin = std::max<std::ptrdiff_t>(std::ptrdiff_t(centres.begin), -o.dx);
    const std::ptrdiff_t end = std::min<std::ptrdiff_t>(std::ptrdiff_t(centres.end), ex - o.dx);
    if (begin < end)
      accumulate(box.data + (nz * ey + ny) * ex + o.dx, std::size_t(begin), std::size_t(end));
  }
}

/// Runs `row_pass(partial, row, y, z, span)` for every box row (y, z) with ROI voxels, `span` their x range, in at
/// most `max_chunks` fixed chunks of rows run in parallel, each with its own `make_partial()`. Returns the partials
/// in chunk order; the partition depends on the box and `max_chunks` only, never on the thread count.
template <class MakePartial, class RowPass>
auto sweep_row_chunks(const View3<std::int32_t>& box, std::size_t max_chunks, MakePartial make_partial,
                      RowPass row_pass) {
  using Partial = decltype(make_partial());
  const texture::RowChunks chunks = texture::row_chunks(box, max_chunks);
  std::vector<Partial> partials(chunks.count);
  const std::size_t ex = box.extent[0], ey = box.extent[1];
  tbb::parallel_for(std::size_t(0), chunks.count, [&](std::size_t c) {
    Partial partial = make_partial();
    for (std::size_t r = chunks.begin(c); r < chunks.end(c); ++r) {
      const std::int32_t* row = box.data + r * ex;
      const texture::RowSpan span = texture::roi_span(row, ex);
      if (!span.empty()) row_pass(partial, row, r % ey, r / ey, span);
    }
    partials[c] = std::move(partial);
  });
  return partials;
}

/// How many chunks keep `cells_per_partial` cells per partial within about 2^22 cells in all (at most 64 chunks).
inline std::size_t chunks_for(std::size_t cells_per_partial) {
  return std::clamp<std::size_t>((std::size_t(1) << 22) / std::max<std::size_t>(cells_per_partial, 1), 1, 64);
}

}  // namespace voxfeat::kernels::pyradiomics
