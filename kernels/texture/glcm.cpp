#include "texture/glcm.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "texture/glcm_formulas.hpp"
#include "texture/roi_rows.hpp"

namespace voxfeat::kernels::texture {
namespace {

/// Voxel coordinates c along one axis such that c and c + d both lie in [0, extent).
struct AxisRange {
  std::size_t lo = 0, hi = 0;  // hi ≤ lo: empty
};
AxisRange pair_range(std::size_t extent, int d) {
  const std::size_t shift = std::size_t(d < 0 ? -d : d);
  if (shift >= extent) return {0, 0};
  return d >= 0 ? AxisRange{0, extent - shift} : AxisRange{shift, extent};
}

/// Mᵀ of a sparse matrix (entries re-sorted by the new (row, col)).
CountMatrix transposed(const CountMatrix& m) {
  std::vector<MatrixEntry> t(m.entries().begin(), m.entries().end());
  for (auto& e : t) std::swap(e.row, e.col);
  std::sort(t.begin(), t.end(), [](const MatrixEntry& a, const MatrixEntry& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  CountMatrix out(m.cols(), m.rows());
  for (const auto& e : t) out.push_sorted(e);
  return out;
}

constexpr std::size_t dense_cell_limit = std::size_t(1) << 19;  // × 4 lanes × 4 bytes = 8 MiB

/// Dense counting of the pairs (v, v + step) into (k + 1)² cells, 4 interleaved lanes (see glcm_matrix). `Mapped`:
/// levels go through `map` (compact renumbering); a template parameter so that the identity case has no lookup.
template <bool Mapped>
void count_dense(const View3<std::int32_t>& scope, Offset offset, std::ptrdiff_t step, AxisRange ry, AxisRange rz,
                 AxisRange rx, const std::int32_t* map, std::size_t stride, std::uint32_t* h0, std::uint32_t* h1,
                 std::uint32_t* h2, std::uint32_t* h3) {
  const auto index = [map](std::int32_t level) {
    if constexpr (Mapped)
      return std::size_t(map[level]);
    else
      return std::size_t(level);
  };
  const std::vector<RowSpan> spans = row_spans(scope);
  const std::size_t ey = scope.extent[1];
  const std::ptrdiff_t dx = offset.dx;
  for (std::size_t z = rz.lo; z < rz.hi; ++z)
    for (std::size_t y = ry.lo; y < ry.hi; ++y) {
      const RowSpan sa = spans[y + ey * z];
      const RowSpan sb = spans[(y + std::size_t(offset.dy)) + ey * (z + std::size_t(offset.dz))];
      // b[x] = row_b[x + dx]: its ROI span in x is [sb.lo − dx, sb.hi − dx).
      const std::ptrdiff_t lo = std::max({std::ptrdiff_t(rx.lo), std::ptrdiff_t(sa.lo), std::ptrdiff_t(sb.lo) - dx});
      const std::ptrdiff_t hi = std::min({std::ptrdiff_t(rx.hi), std::ptrdiff_t(sa.hi), std::ptrdiff_t(sb.hi) - dx});
      if (hi <= lo) continue;
      const std::int32_t* a = scope.data + scope.index(0, y, z);
      const std::int32_t* b = a + step;
      std::ptrdiff_t x = lo;
      for (; x + 4 <= hi; x += 4) {
        ++h0[index(a[x]) * stride + index(b[x])];
        ++h1[index(a[x + 1]) * stride + index(b[x + 1])];
        ++h2[index(a[x + 2]) * stride + index(b[x + 2])];
        ++h3[index(a[x + 3]) * stride + index(b[x + 3])];
      }
      for (; x < hi; ++x) ++h0[index(a[x]) * stride + index(b[x])];
    }
}

/// Levels present in the scope, renumbered 1..k in increasing order (0 stays 0): dense counting over k instead of
/// ng levels when few of many levels occur. A monotonic renumbering, so entries stay sorted.
struct PresentLevels {
  std::vector<std::int32_t> compact;    // level → 1..k, 0 outside
  std::vector<std::uint32_t> original;  // compact index − 1 → level − 1
  std::size_t k = 0;
};
PresentLevels present_levels(const View3<std::int32_t>& scope, std::uint32_t ng) {
  PresentLevels p;
  p.compact.assign(std::size_t(ng) + 1, 0);
  for (std::size_t v = 0; v < scope.voxel_count(); ++v) p.compact[std::size_t(scope.data[v])] = 1;
  p.compact[0] = 0;
  for (std::uint32_t l = 1; l <= ng; ++l)
    if (p.compact[l]) p.compact[l] = std::int32_t(++p.k), p.original.push_back(l - 1);
  return p;
}

constexpr std::size_t batch_cell_limit = std::size_t(1) << 20;  // all offsets × 4 bytes = 4 MiB per thread

/// One offset of the batch that has pairs in the current x row: its memory step and counts.
struct RowOffset {
  std::ptrdiff_t step = 0;
  int dx = 0;
  std::uint32_t* hist = nullptr;
};

/// Batch counting (see glcm_matrices) of the x rows of planes [z0, z1): every ROI voxel v of a row is read once and
/// its neighbour along each offset is counted in that offset's (k + 1)² cells (row and column 0: a voxel outside the
/// ROI, no branch). Offsets advance in the inner loop, so consecutive increments go to different count arrays: no
/// store-to-load chain between neighbouring voxels that share a level pair, without the lanes of count_dense.
///
/// `blocks`: one block of `pitch` cells per offset: a row buffer of extent[0] cells (the neighbours' column indices
/// of the current row, one vectorisable loop per offset), then the (k + 1)² counts at `row_cells`. The buffer and the
/// counts of offset j lie at the same distance j · pitch from those of offset 0: one offset per direction in the
/// counting loop, held in registers instead of a step and a count pointer per direction.
template <bool Mapped>
void count_batch(const View3<std::int32_t>& scope, std::span<const Offset> offsets, const std::vector<RowSpan>& spans,
                 std::size_t z0, std::size_t z1, const std::int32_t* map, std::size_t stride, std::size_t row_cells,
                 std::size_t pitch, std::uint32_t* blocks) {
  std::uint32_t* const hist = blocks + row_cells;
  const auto index = [map](std::int32_t level) {
    if constexpr (Mapped)
      return std::size_t(map[level]);
    else
      return std::size_t(level);
  };
  const std::ptrdiff_t ex = std::ptrdiff_t(scope.extent[0]), ey = std::ptrdiff_t(scope.extent[1]),
                       ez = std::ptrdiff_t(scope.extent[2]);
  std::vector<RowOffset> active(offsets.size());
  for (std::ptrdiff_t z = std::ptrdiff_t(z0); z < std::ptrdiff_t(z1); ++z)
    for (std::ptrdiff_t y = 0; y < ey; ++y) {
      const RowSpan span = spans[std::size_t(y + ey * z)];
      if (span.hi <= span.lo) continue;
      // Offsets whose neighbour row exists; x range [need_lo, ex − need_hi) where every such neighbour exists.
      std::size_t m = 0;
      std::ptrdiff_t need_lo = 0, need_hi = 0;
      for (std::size_t i = 0; i < offsets.size(); ++i) {
        const Offset o = offsets[i];
        const std::ptrdiff_t ny = y + o.dy, nz = z + o.dz;
        if (ny < 0 || ny >= ey || nz < 0 || nz >= ez || std::ptrdiff_t(o.dx < 0 ? -o.dx : o.dx) >= ex) continue;
        active[m++] = {std::ptrdiff_t(o.dx) + ex * (std::ptrdiff_t(o.dy) + ey * o.dz), o.dx, hist + i * pitch};
        need_lo = std::max<std::ptrdiff_t>(need_lo, -o.dx);
        need_hi = std::max<std::ptrdiff_t>(need_hi, o.dx);
      }
      if (m == 0) continue;
      const std::int32_t* row = scope.data + ex * (y + ey * z);
      const std::ptrdiff_t lo = span.lo, hi = span.hi;
      const std::ptrdiff_t xl = std::min(std::max(lo, need_lo), hi);
      const std::ptrdiff_t xh = std::max(std::min(hi, ex - need_hi), xl);
      const auto edge = [&](std::ptrdiff_t x) {  // a voxel some of whose neighbours leave the scope in x
        const std::size_t r = index(row[x]) * stride;
        for (std::size_t j = 0; j < m; ++j)
          if (x + active[j].dx >= 0 && x + active[j].dx < ex) ++active[j].hist[r + index(row[x + active[j].step])];
      };
      for (std::ptrdiff_t x = lo; x < xl; ++x) edge(x);
      const auto interior = [&]<std::size_t M>(std::integral_constant<std::size_t, M>) {  // every offset active
        for (std::size_t j = 0; j < M; ++j) {
          std::uint32_t* b = blocks + j * pitch;
          const std::int32_t* w = row + active[j].step;
          for (std::ptrdiff_t x = xl; x < xh; ++x) b[x] = std::uint32_t(index(w[x]));
        }
        for (std::ptrdiff_t x = xl; x < xh; ++x) {
          std::uint32_t* h = hist + index(row[x]) * stride;
          const std::uint32_t* b = blocks + x;
          for (std::size_t j = 0; j < M; ++j) ++h[j * pitch + b[j * pitch]];
        }
      };
      if (m == 13 && m == offsets.size()) {
        interior(std::integral_constant<std::size_t, 13>{});
      } else if (m == 4 && m == offsets.size()) {
        interior(std::integral_constant<std::size_t, 4>{});
      } else {
        for (std::ptrdiff_t x = xl; x < xh; ++x) {
          const std::size_t r = index(row[x]) * stride;
          const std::int32_t* v = row + x;
          for (std::size_t j = 0; j < m; ++j) ++active[j].hist[r + index(v[active[j].step])];
        }
      }
      for (std::ptrdiff_t x = xh; x < hi; ++x) edge(x);
    }
}

}  // namespace

std::vector<CountMatrix> glcm_matrices(const View3<std::int32_t>& scope, std::span<const Offset> offsets,
                                       std::uint32_t ng, bool symmetric) {
  const std::size_t n = offsets.size();
  std::vector<CountMatrix> out(n, CountMatrix(ng, ng));
  if (n == 0 || ng == 0 || scope.voxel_count() == 0) return out;
  const auto fits = [&](std::size_t levels) {
    const std::size_t c = (levels + 1) * (levels + 1);
    return n * c <= batch_cell_limit && c <= std::max<std::size_t>(4096, 4 * scope.voxel_count()) &&
           scope.voxel_count() < (std::size_t(1) << 32);
  };
  PresentLevels present;
  std::size_t k = ng;
  if (!fits(ng)) present = present_levels(scope, ng), k = present.k;
  if (!fits(k)) {  // too many levels present for dense batch counts: one builder per offset, its own bounds
    tbb::parallel_for(std::size_t(0), n,
                      [&](std::size_t i) { out[i] = glcm_matrix(scope, offsets[i], ng, symmetric); });
    return out;
  }
  const std::size_t stride = k + 1, cells = stride * stride;
  const std::int32_t* map = present.compact.empty() ? nullptr : present.compact.data();
  const std::vector<RowSpan> spans = row_spans(scope);
  // z-slabs of at least 2^16 voxels; each worker thread counts into its own arrays (32-bit: at most one pair per
  // scope voxel and offset), summed below in 64 bits: exact, so the partition never changes a count.
  const std::size_t plane = std::max<std::size_t>(1, scope.extent[0] * scope.extent[1]);
  const std::size_t grain = std::max<std::size_t>(1, (std::size_t(1) << 16) / plane);
  const std::size_t row_cells = scope.extent[0], pitch = row_cells + cells;
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> partial(
      [&] { return std::vector<std::uint32_t>(n * pitch, 0); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, scope.extent[2], grain),
                    [&](const tbb::blocked_range<std::size_t>& zs) {
                      std::uint32_t* hist = partial.local().data();
                      if (map)
                        count_batch<true>(scope, offsets, spans, zs.begin(), zs.end(), map, stride, row_cells, pitch,
                                         hist);
                      else
                        count_batch<false>(scope, offsets, spans, zs.begin(), zs.end(), map, stride, row_cells, pitch,
                                          hist);
                    });
  std::vector<std::uint64_t> counts(n * cells, 0);
  for (const auto& p : partial)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t c = 0; c < cells; ++c) counts[i * cells + c] += p[i * pitch + row_cells + c];
  const auto level = [&](std::size_t c) { return map ? present.original[c - 1] : std::uint32_t(c - 1); };
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t* h = counts.data() + i * cells;
    for (std::size_t r = 1; r < stride; ++r)
      for (std::size_t c = 1; c < stride; ++c) {
        const std::uint64_t v = h[r * stride + c] + (symmetric ? h[c * stride + r] : 0);
        if (v) out[i].push_sorted({level(r), level(c), v});
      }
  }
  return out;
}

CountMatrix glcm_matrix(const View3<std::int32_t>& scope, Offset offset, std::uint32_t ng, bool symmetric) {
  const auto& ex = scope.extent;
  const AxisRange rx = pair_range(ex[0], offset.dx), ry = pair_range(ex[1], offset.dy),
                  rz = pair_range(ex[2], offset.dz);
  CountMatrix empty(ng, ng);
  if (rx.hi <= rx.lo || ry.hi <= ry.lo || rz.hi <= rz.lo || ng == 0) return empty;
  const std::ptrdiff_t step = std::ptrdiff_t(offset.dx) +
                              std::ptrdiff_t(ex[0]) * (std::ptrdiff_t(offset.dy) + std::ptrdiff_t(ex[1]) * offset.dz);
  // Many grey levels (fixed bin size over a wide range) are mostly absent from one ROI: count densely over the
  // levels present (a monotonic renumbering, so entries stay sorted) whenever that fits the dense bounds.
  const auto dense_fits = [&](std::size_t levels) {
    const std::size_t c = (levels + 1) * (levels + 1);
    return c <= dense_cell_limit && c <= std::max<std::size_t>(4096, 4 * scope.voxel_count()) &&
           scope.voxel_count() < (std::size_t(1) << 32);
  };
  PresentLevels present;  // empty: identity
  std::size_t k = ng;
  if (!dense_fits(ng)) present = present_levels(scope, ng), k = present.k;
  const std::vector<std::int32_t>& compact = present.compact;
  const std::vector<std::uint32_t>& original = present.original;
  if (dense_fits(k)) {
    const std::size_t stride = k + 1;
    const std::size_t cells = stride * stride;
    const std::int32_t* map = compact.empty() ? nullptr : compact.data();
    // Row and column 0 collect pairs with a voxel outside the ROI (level 0): the inner loop needs no branch. Each
    // row only visits the x range where both rows hold ROI voxels. Four interleaved copies of the counts break the
    // store-to-load chains of neighbouring voxels that share a level pair (same cell incremented back to back);
    // 32-bit counts (a lane counts at most one pair per scope voxel, < 2^32) keep them in L1 for 32 levels.
    constexpr std::size_t lanes = 4;
    std::vector<std::uint32_t> dense(lanes * cells, 0);
    std::uint32_t* h0 = dense.data();
    std::uint32_t* h1 = h0 + cells;
    std::uint32_t* h2 = h1 + cells;
    std::uint32_t* h3 = h2 + cells;
    if (map)
      count_dense<true>(scope, offset, step, ry, rz, rx, map, stride, h0, h1, h2, h3);
    else
      count_dense<false>(scope, offset, step, ry, rz, rx, map, stride, h0, h1, h2, h3);
    const auto cell = [&](std::size_t c) { return std::uint64_t(h0[c]) + h1[c] + h2[c] + h3[c]; };
    const auto level = [&](std::size_t c) { return map ? original[c - 1] : std::uint32_t(c - 1); };
    CountMatrix m(ng, ng);
    for (std::size_t r = 1; r < stride; ++r)
      for (std::size_t c = 1; c < stride; ++c) {
        const std::uint64_t n = cell(r * stride + c) + (symmetric ? cell(c * stride + r) : 0);
        if (n) m.push_sorted({level(r), level(c), n});
      }
    return m;
  }

  std::vector<std::uint64_t> codes;
  codes.reserve(rx.hi - rx.lo);
  for (std::size_t z = rz.lo; z < rz.hi; ++z)
    for (std::size_t y = ry.lo; y < ry.hi; ++y) {
      const std::int32_t* a = scope.data + scope.index(0, y, z);
      const std::int32_t* b = a + step;
      for (std::size_t x = rx.lo; x < rx.hi; ++x)
        if (a[x] > 0 && b[x] > 0) codes.push_back(std::uint64_t(a[x] - 1) * ng + std::uint64_t(b[x] - 1));
    }
  CountMatrix m = CountMatrix::from_codes(ng, ng, codes);
  if (symmetric) m.merge(transposed(m));
  return m;
}

CountMatrix glcm_matrix_reference(const View3<std::int32_t>& scope, Offset offset, std::uint32_t ng,
                                  bool symmetric) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> counts;
  const auto inside = [&](long long c, int axis) { return c >= 0 && c < static_cast<long long>(scope.extent[axis]); };
  for (std::size_t z = 0; z < scope.extent[2]; ++z)
    for (std::size_t y = 0; y < scope.extent[1]; ++y)
      for (std::size_t x = 0; x < scope.extent[0]; ++x) {
        const long long nx = static_cast<long long>(x) + offset.dx, ny = static_cast<long long>(y) + offset.dy,
                        nz = static_cast<long long>(z) + offset.dz;
        if (!inside(nx, 0) || !inside(ny, 1) || !inside(nz, 2)) continue;
        const std::int32_t a = scope(x, y, z), b = scope(std::size_t(nx), std::size_t(ny), std::size_t(nz));
        if (a <= 0 || b <= 0) continue;
        if (std::uint32_t(a) > ng || std::uint32_t(b) > ng)
          throw std::invalid_argument("glcm_matrix_reference: level above ng");
        ++counts[{std::uint32_t(a - 1), std::uint32_t(b - 1)}];
        if (symmetric) ++counts[{std::uint32_t(b - 1), std::uint32_t(a - 1)}];
      }
  CountMatrix m(ng, ng);
  for (const auto& [cell, n] : counts) m.push_sorted({cell.first, cell.second, n});
  return m;
}

void glcm_features(const CountMatrix& matrix, std::span<double> out) {
  if (out.size() != glcm::feature_count) throw std::invalid_argument("glcm_features: wrong output size");
  if (matrix.empty()) return;  // caller's NaN stay
  const std::uint32_t ng = std::max(matrix.rows(), matrix.cols());
  std::vector<double> work(glcm::workspace_size(ng));
  glcm::glcm_features(matrix.entries().data(), matrix.entries().size(), matrix.total(), ng, work.data(), out.data());
}

}  // namespace voxfeat::kernels::texture
