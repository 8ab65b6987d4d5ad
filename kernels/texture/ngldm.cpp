#include "texture/ngldm.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "texture/ngldm_formulas.hpp"
#include "texture/zone_matrix.hpp"
#include "texture/ngtdm_ngldm_neighbourhood.hpp"

namespace voxfeat::kernels::texture {
namespace {

constexpr std::size_t dense_cell_limit = std::size_t(1) << 20;  // 8 MiB of counts per worker thread

std::uint32_t dependence_columns(bool three_d, int delta) {
  const auto side = std::uint32_t(2 * delta + 1);
  return three_d ? side * side * side : side * side;
}

void check_arguments(int delta, int alpha, int level_count) {
  if (delta < 1) throw std::invalid_argument("NGLDM: distance must be at least 1, got " + std::to_string(delta));
  if (alpha < 0) throw std::invalid_argument("NGLDM: coarseness must be at least 0, got " + std::to_string(alpha));
  if (level_count < 1) throw std::invalid_argument("NGLDM: level count must be at least 1");
}

[[noreturn]] void level_out_of_range(std::int32_t level, int level_count) {
  throw std::invalid_argument("NGLDM: grey level " + std::to_string(level) + " above the level count " +
                              std::to_string(level_count));
}

/// Adds to dependence[x], for the centres x of `span`, the matches among neighbours nb[x + dx], dx = −D..D, of one
/// neighbour row (dx = 0 left out for the centres' own row): one pass per neighbour row instead of one per offset,
/// so the dependence row is loaded and stored 2D + 1 times less. Centres whose x + dx can leave the row are done
/// per voxel.
template <int D, bool OwnRow, class Match>
void add_row_matches(std::int32_t* __restrict dependence, const std::int32_t* __restrict centre,
                     const std::int32_t* __restrict nb, RowSpan span, std::size_t ex, Match match) {
  const auto inside = [&](std::size_t x, int dx) {
    const auto n = std::ptrdiff_t(x) + dx;
    return n >= 0 && n < std::ptrdiff_t(ex);
  };
  const std::size_t lo = std::clamp<std::size_t>(D, span.begin, span.end);
  const std::size_t hi = std::clamp<std::size_t>(ex >= std::size_t(D) ? ex - D : 0, lo, span.end);
  for (std::size_t x = lo; x < hi; ++x) {
    std::int32_t matches = 0;
    for (int dx = -D; dx <= D; ++dx)
      if (!OwnRow || dx != 0) matches += match(nb[std::ptrdiff_t(x) + dx], centre[x]);
    dependence[x] += matches;
  }
  const auto edge = [&](std::size_t x) {
    for (int dx = -D; dx <= D; ++dx)
      if ((!OwnRow || dx != 0) && inside(x, dx)) dependence[x] += match(nb[std::ptrdiff_t(x) + dx], centre[x]);
  };
  for (std::size_t x = span.begin; x < lo; ++x) edge(x);
  for (std::size_t x = hi; x < span.end; ++x) edge(x);
}

/// Dependence j_k of every voxel of row r (meaningful where the centre is in the ROI) into `dependence`.
void row_dependence(const View3<std::int32_t>& scope, bool three_d, int delta, int alpha, std::size_t r,
                    RowSpan span, std::vector<std::int32_t>& counts) {
  const std::size_t ex = scope.extent[0], ey = scope.extent[1];
  const std::int32_t* __restrict centre = scope.data + r * ex;
  std::int32_t* __restrict dependence = counts.data();
  std::fill(dependence + span.begin, dependence + span.end, 1);  // the centre voxel itself (IBSI: j_k ≥ 1)
  const auto add = [&](auto match) {
    if (delta == 1) {  // the usual distance: every offset of a neighbour row in one pass
      for_each_neighbourhood_row(scope, three_d, 1, r % ey, r / ey, [&](const std::int32_t* nb, int, int) {
        if (nb == centre)
          add_row_matches<1, true>(dependence, centre, nb, span, ex, match);
        else
          add_row_matches<1, false>(dependence, centre, nb, span, ex, match);
      });
      return;
    }
    sweep_neighbour_rows(scope, three_d, delta, r % ey, r / ey, span,
                         [&](const std::int32_t* neighbour, std::size_t begin, std::size_t end) {
                           for (std::size_t x = begin; x < end; ++x) dependence[x] += match(neighbour[x], centre[x]);
                         });
  };
  if (alpha == 0)  // ROI centres have level ≥ 1, so an equal neighbour is in the ROI
    add([](std::int32_t n, std::int32_t c) { return std::int32_t(n == c); });
  else
    add([alpha](std::int32_t n, std::int32_t c) { return std::int32_t((n > 0) & (std::abs(n - c) <= alpha)); });
}

/// Calls cell(level − 1, j − 1) for every ROI voxel of rows [begin, end).
template <class Cell>
void visit_rows(const View3<std::int32_t>& scope, bool three_d, int delta, int alpha, int level_count,
                std::size_t begin, std::size_t end, Cell&& cell) {
  const std::size_t ex = scope.extent[0];
  std::vector<std::int32_t> dependence(ex);
  for (std::size_t r = begin; r < end; ++r) {
    const std::int32_t* row = scope.data + r * ex;
    const RowSpan span = roi_span(row, ex);
    if (span.empty()) continue;
    row_dependence(scope, three_d, delta, alpha, r, span, dependence);
    for (std::size_t x = span.begin; x < span.end; ++x) {
      const std::int32_t level = row[x];
      if (level <= 0) continue;
      if (level > level_count) level_out_of_range(level, level_count);
      cell(std::uint32_t(level - 1), std::uint32_t(dependence[x] - 1));
    }
  }
}

}  // namespace

CountMatrix ngldm_matrix(const View3<std::int32_t>& scope, bool three_d, int delta, int alpha, int level_count) {
  check_arguments(delta, alpha, level_count);
  const auto rows = std::uint32_t(level_count);
  const std::uint32_t cols = dependence_columns(three_d, delta);
  const std::size_t cells = std::size_t(rows) * cols;
  const std::size_t row_count = scope.extent[1] * scope.extent[2];
  const auto range = tbb::blocked_range<std::size_t>(0, row_count, 8);
  if (cells <= dense_cell_limit) {
    tbb::enumerable_thread_specific<std::vector<std::uint64_t>> local(
        [cells] { return std::vector<std::uint64_t>(cells, 0); });
    tbb::parallel_for(range, [&](const tbb::blocked_range<std::size_t>& rr) {
      auto& counts = local.local();
      visit_rows(scope, three_d, delta, alpha, level_count, rr.begin(), rr.end(),
                 [&](std::uint32_t i, std::uint32_t j) { ++counts[std::size_t(i) * cols + j]; });
    });
    std::vector<std::uint64_t> counts(cells, 0);
    for (const auto& part : local)  // integer sums: exact in any order
      for (std::size_t c = 0; c < cells; ++c) counts[c] += part[c];
    return CountMatrix::from_dense(rows, cols, counts);
  }
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> local;
  tbb::parallel_for(range, [&](const tbb::blocked_range<std::size_t>& rr) {
    auto& codes = local.local();
    visit_rows(scope, three_d, delta, alpha, level_count, rr.begin(), rr.end(),
               [&](std::uint32_t i, std::uint32_t j) { codes.push_back(std::uint64_t(i) * cols + j); });
  });
  std::vector<std::uint64_t> codes;
  for (const auto& part : local) codes.insert(codes.end(), part.begin(), part.end());
  return CountMatrix::from_codes(rows, cols, codes);  // sorted: the same matrix whatever the threads' shares
}

CountMatrix ngldm_matrix_reference(const View3<std::int32_t>& scope, bool three_d, int delta, int alpha,
                                   int level_count) {
  check_arguments(delta, alpha, level_count);
  const auto rows = std::uint32_t(level_count);
  const std::uint32_t cols = dependence_columns(three_d, delta);
  std::vector<std::uint64_t> codes;
  const auto ex = std::ptrdiff_t(scope.extent[0]), ey = std::ptrdiff_t(scope.extent[1]),
             ez = std::ptrdiff_t(scope.extent[2]);
  const int dz_max = three_d ? delta : 0;
  for (std::ptrdiff_t z = 0; z < ez; ++z)
    for (std::ptrdiff_t y = 0; y < ey; ++y)
      for (std::ptrdiff_t x = 0; x < ex; ++x) {
        const std::int32_t level = scope(std::size_t(x), std::size_t(y), std::size_t(z));
        if (level <= 0) continue;
        if (level > level_count) level_out_of_range(level, level_count);
        std::uint32_t j = 0;  // includes the centre (m = 0): IBSI's simplified j_k
        for (int dz = -dz_max; dz <= dz_max; ++dz)
          for (int dy = -delta; dy <= delta; ++dy)
            for (int dx = -delta; dx <= delta; ++dx) {
              const std::ptrdiff_t nx = x + dx, ny = y + dy, nz = z + dz;
              if (nx < 0 || ny < 0 || nz < 0 || nx >= ex || ny >= ey || nz >= ez) continue;
              const std::int32_t v = scope(std::size_t(nx), std::size_t(ny), std::size_t(nz));
              if (v > 0 && std::abs(v - level) <= alpha) ++j;  // outside the ROI never adds to j
            }
        codes.push_back(std::uint64_t(level - 1) * cols + (j - 1));
      }
  return CountMatrix::from_codes(rows, cols, codes);
}

void ngldm_features(const CountMatrix& matrix, std::span<double> out) {
  if (out.size() < ngldm::feature_count) throw std::invalid_argument("ngldm_features: output too short");
  std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
  if (matrix.empty()) return;
  size_matrix_features(matrix, matrix.total(), out.first(size_zone_feature_count));  // N_v = N_s
  out[ngldm::dependence_count_energy] =
      ngldm::dependence_count_energy_of(matrix.entries().data(), matrix.entries().size(), matrix.total());
}

}  // namespace voxfeat::kernels::texture
