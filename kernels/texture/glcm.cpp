#include "texture/glcm.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

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

}  // namespace

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
  std::vector<std::int32_t> compact;     // level → 1..k, 0 outside; empty: identity
  std::vector<std::uint32_t> original;   // compact index − 1 → level − 1
  std::size_t k = ng;
  const auto dense_fits = [&](std::size_t levels) {
    const std::size_t c = (levels + 1) * (levels + 1);
    return c <= dense_cell_limit && c <= std::max<std::size_t>(4096, 4 * scope.voxel_count()) &&
           scope.voxel_count() < (std::size_t(1) << 32);
  };
  if (!dense_fits(ng)) {
    compact.assign(std::size_t(ng) + 1, 0);
    for (std::size_t v = 0; v < scope.voxel_count(); ++v) compact[std::size_t(scope.data[v])] = 1;
    compact[0] = 0;
    k = 0;
    for (std::uint32_t l = 1; l <= ng; ++l)
      if (compact[l]) compact[l] = std::int32_t(++k), original.push_back(l - 1);
  }
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
