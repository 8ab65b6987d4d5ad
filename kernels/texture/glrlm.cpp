#include "texture/glrlm.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <map>
#include <type_traits>
#include <stdexcept>
#include <utility>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "texture/size_zone_formulas.hpp"
#include "texture/zone_matrix.hpp"
#include "texture/roi_rows.hpp"

namespace voxfeat::kernels::texture {
namespace {

constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();
constexpr std::size_t dense_cell_limit = std::size_t(1) << 20;
constexpr std::size_t small_cells = std::size_t(1) << 12;  // 4 lanes × 4 bytes: 64 KiB

/// Steps from coordinate c along d (−1, 0, 1) before leaving [0, extent).
std::size_t steps_left(std::size_t c, std::size_t extent, int d) {
  return d > 0 ? extent - 1 - c : d < 0 ? c : unlimited;
}
/// Whether c − d lies in [0, extent).
bool has_predecessor(std::size_t c, std::size_t extent, int d) {
  return d > 0 ? c >= 1 : d < 0 ? c + 1 < extent : true;
}
/// Longest run the scope allows along the direction.
std::uint32_t max_run_length(const View3<std::int32_t>& scope, Offset d) {
  std::size_t n = unlimited;
  const int comp[3] = {d.dx, d.dy, d.dz};
  for (int a = 0; a < 3; ++a)
    if (comp[a] != 0) n = std::min(n, scope.extent[a]);
  if (n == unlimited) throw std::invalid_argument("glrlm: direction (0, 0, 0)");
  return std::uint32_t(n);
}
void check_direction(Offset d) {
  const auto unit = [](int c) { return c >= -1 && c <= 1; };
  if (!unit(d.dx) || !unit(d.dy) || !unit(d.dz) || (d.dx == 0 && d.dy == 0 && d.dz == 0))
    throw std::invalid_argument("glrlm: the direction must be a unit direction vector");
}

/// Run starts found per voxel, each run walked forward from its start; dense 8-byte counts or sorted codes. Used
/// when the per-position counts of count_positions do not fit their bound (many levels × long lines) and for lines
/// of one voxel (nr = 1).
RunLengthMatrix walk_runs(const View3<std::int32_t>& scope, Offset d, std::uint32_t ng) {
  const auto& ex = scope.extent;
  RunLengthMatrix out;
  if (scope.voxel_count() == 0 || ng == 0) return out;
  const std::uint32_t nr = max_run_length(scope, d);
  out.runs = CountMatrix(ng, nr);
  const std::ptrdiff_t step =
      std::ptrdiff_t(d.dx) + std::ptrdiff_t(ex[0]) * (std::ptrdiff_t(d.dy) + std::ptrdiff_t(ex[1]) * d.dz);
  const std::size_t cells = std::size_t(ng) * nr;
  const bool dense_mode = cells <= dense_cell_limit && cells <= std::max<std::size_t>(4096, 4 * scope.voxel_count());
  std::vector<std::uint64_t> dense(dense_mode ? cells : 0, 0), codes;
  std::uint64_t voxels = 0;

  // A voxel starts a run unless its predecessor (v − d) is in the scope with the same level; from each start, walk
  // forward. Every ROI voxel is read once as a candidate and once in its run: linear in voxels.
  for (std::size_t z = 0; z < ex[2]; ++z)
    for (std::size_t y = 0; y < ex[1]; ++y) {
      const bool pred_yz = has_predecessor(y, ex[1], d.dy) && has_predecessor(z, ex[2], d.dz);
      const std::size_t steps_yz = std::min(steps_left(y, ex[1], d.dy), steps_left(z, ex[2], d.dz));
      const std::int32_t* row = scope.data + scope.index(0, y, z);
      for (std::size_t x = 0; x < ex[0]; ++x) {
        const std::int32_t a = row[x];
        if (a <= 0) continue;
        ++voxels;
        const std::int32_t* v = row + x;
        if (pred_yz && has_predecessor(x, ex[0], d.dx) && *(v - step) == a) continue;
        const std::size_t steps = std::min(steps_yz, steps_left(x, ex[0], d.dx));
        std::size_t len = 1;
        for (const std::int32_t* w = v + step; len <= steps && *w == a; w += step) ++len;
        const std::uint64_t code = std::uint64_t(a - 1) * nr + (len - 1);
        if (dense_mode)
          ++dense[code];
        else
          codes.push_back(code);
      }
    }
  out.runs = dense_mode ? CountMatrix::from_dense(ng, nr, dense) : CountMatrix::from_codes(ng, nr, codes);
  out.voxels = voxels;
  return out;
}

/// Position in its run of a voxel of level a whose predecessor has level `previous` and position `previous_position`
/// (0 outside the ROI). Masks instead of conditionals: whether a run continues is data-dependent and unpredictable,
/// and compilers turn ?: into branches here.
inline std::uint32_t next_position(std::int32_t a, std::int32_t previous, std::uint32_t previous_position) {
  const std::uint32_t same = 0u - std::uint32_t(a == previous), inside = 0u - std::uint32_t(a > 0);
  return (1u + (previous_position & same)) & inside;
}
/// Histogram row of a level: a for ROI voxels, 0 outside (negative levels included, never out of bounds).
inline std::size_t level_index(std::int32_t a) { return std::uint32_t(a) & (0u - std::uint32_t(a > 0)); }

/// Every ROI voxel v of level a gets its position p(v) in its run (1 at a run start, p(v − d) + 1 when v − d is in the
/// scope with level a), computed in memory order from the previous plane or row: no data-dependent branch and no
/// walk along strided lines. C[a][p] = number of voxels at position p of a run of level a = number of runs of level
/// a with length ≥ p, so the GLRLM is R[a][l] = C[a][l] − C[a][l + 1] (exact integers).
///
/// Counts: (ng + 1) × (nr + 1) cells of 4 bytes (row and column 0 take voxels outside the ROI, so the inner loop
/// does not test them), `Lanes` interleaved copies so that neighbouring voxels with the same (level, position) do not
/// chain store-to-load; run positions of two planes (4 bytes per voxel of a plane). Requires nr ≥ 2 (d normalised so
/// that the predecessor v − d comes first in memory) and fewer than 2^32 scope voxels.
template <std::size_t Lanes>
RunLengthMatrix count_positions(const View3<std::int32_t>& scope, Offset d, std::uint32_t ng, std::uint32_t nr) {
  const std::size_t ex = scope.extent[0], ey = scope.extent[1], ez = scope.extent[2];
  const std::size_t plane = ex * ey;
  const std::size_t width = std::size_t(nr) + 1, cells = (std::size_t(ng) + 1) * width;
  std::vector<std::uint32_t> hist(Lanes * cells, 0);
  std::vector<std::uint32_t> position(2 * plane, 0);  // ring of two planes: z & 1
  const std::ptrdiff_t step = std::ptrdiff_t(d.dx) + std::ptrdiff_t(ex) * (d.dy + std::ptrdiff_t(ey) * d.dz);
  // Only the ROI span of each row is visited: positions outside it are never read, since a predecessor's position is
  // used only when it has the voxel's level (> 0), i.e. is an ROI voxel, whose position this pass wrote.
  const std::vector<RowSpan> spans = row_spans(scope);
  for (std::size_t z = 0; z < ez; ++z)
    for (std::size_t y = 0; y < ey; ++y) {
      const RowSpan span = spans[y + ey * z];
      if (span.hi <= span.lo) continue;
      const std::int32_t* row = scope.data + scope.index(0, y, z);
      std::uint32_t* pos = position.data() + (z & 1) * plane + y * ex;
      const auto start_run = [&](std::size_t x) {  // a voxel without predecessor in the scope
        pos[x] = next_position(row[x], 0, 0);
        ++hist[level_index(row[x]) * width + pos[x]];
      };
      const bool has_pred = (d.dy <= 0 || y >= 1) && (d.dy >= 0 || y + 1 < ey) && (d.dz <= 0 || z >= 1);
      if (!has_pred) {
        for (std::size_t x = span.lo; x < span.hi; ++x) start_run(x);
        continue;
      }
      // Voxels whose predecessor's x lies in [0, ex): all but x = 0 (dx = 1) or x = ex − 1 (dx = −1).
      std::size_t lo = span.lo, hi = span.hi;
      if (d.dx > 0 && lo == 0) start_run(lo++);
      if (d.dx < 0 && hi == ex) start_run(--hi);
      const std::int32_t* prow = row - step;  // prow[x] = level of the predecessor of x
      const std::uint32_t* ppos =
          position.data() + ((z - std::size_t(d.dz)) & 1) * plane + (y - std::size_t(d.dy)) * ex - d.dx;
      if (d.dy == 0 && d.dz == 0) {
        // Along x (dx = 1): the predecessor's position is the previous iteration's, kept in a register.
        std::uint32_t p = lo > span.lo ? pos[lo - 1] : 0;
        for (std::size_t x = lo; x < hi; ++x) {
          const std::int32_t a = row[x];
          p = next_position(a, prow[x], p);
          ++hist[level_index(a) * width + p];
        }
        continue;
      }
      // Positions first (independent voxels: the compiler vectorises this loop), then the histogram.
      for (std::size_t x = lo; x < hi; ++x) pos[x] = next_position(row[x], prow[x], ppos[x]);
      std::size_t x = lo;
      for (; x + Lanes <= hi; x += Lanes)
        for (std::size_t k = 0; k < Lanes; ++k) ++hist[k * cells + level_index(row[x + k]) * width + pos[x + k]];
      for (; x < hi; ++x) ++hist[level_index(row[x]) * width + pos[x]];
    }
  RunLengthMatrix out;
  out.runs = CountMatrix(ng, nr);
  const auto count = [&](std::size_t c) {
    std::uint64_t n = 0;
    for (std::size_t k = 0; k < Lanes; ++k) n += hist[k * cells + c];
    return n;
  };
  for (std::size_t a = 1; a <= ng; ++a) {
    // C[a][l] is non-increasing in l: the first 0 ends the row.
    for (std::uint64_t l = 1, at_least = count(a * width + 1); l <= nr && at_least > 0; ++l) {
      const std::uint64_t longer = l < nr ? count(a * width + l + 1) : 0;
      out.voxels += at_least;
      out.runs.push_sorted({std::uint32_t(a - 1), std::uint32_t(l - 1), at_least - longer});
      at_least = longer;
    }
  }
  return out;
}

/// d or −d, whichever has its predecessor v − d first in memory (dz, then dy, then dx positive first): runs along d
/// and −d are the same.
Offset forward(Offset d) {
  return d.dz < 0 || (d.dz == 0 && (d.dy < 0 || (d.dy == 0 && d.dx < 0))) ? Offset{-d.dx, -d.dy, -d.dz} : d;
}

/// count_positions for several (forward) directions in one pass over the scope. Per x row: first the run positions
/// of every direction (one vectorisable loop each over the row, read from L1), then one histogram loop over the row
/// in which the directions advance innermost, so consecutive increments go to different count arrays (no
/// store-to-load chain between neighbouring voxels, no lanes needed). Counts: dirs × (ng + 1) × (max nr + 1) cells of
/// 4 bytes; positions: two planes per direction (4 bytes per plane voxel each). Every direction has nr ≥ 2.
std::vector<RunLengthMatrix> count_positions_batch(const View3<std::int32_t>& scope, std::span<const Offset> dirs,
                                                   std::uint32_t ng, std::span<const std::uint32_t> nrs,
                                                   const std::vector<RowSpan>& spans) {
  const std::size_t n = dirs.size();
  const std::size_t ex = scope.extent[0], ey = scope.extent[1], ez = scope.extent[2];
  const std::size_t plane = ex * ey;
  const std::size_t width = std::size_t(*std::max_element(nrs.begin(), nrs.end())) + 1;
  const std::size_t cells = (std::size_t(ng) + 1) * width;
  // One block per direction: its ring of two position planes, then its counts. Positions and counts of direction j
  // lie at the same distance j · pstride from those of direction 0: one offset per direction in the histogram loop.
  const std::size_t pstride = 2 * plane + cells;
  std::vector<std::uint32_t> position(n * pstride, 0);
  std::uint32_t* const hist = position.data() + 2 * plane;  // direction 0's counts
  for (std::size_t z = 0; z < ez; ++z)
    for (std::size_t y = 0; y < ey; ++y) {
      const RowSpan span = spans[y + ey * z];
      if (span.hi <= span.lo) continue;
      const std::int32_t* row = scope.data + scope.index(0, y, z);
      std::uint32_t* cur = position.data() + (z & 1) * plane + y * ex;  // direction 0; j at + j · pstride
      for (std::size_t j = 0; j < n; ++j) {
        const Offset d = dirs[j];
        std::uint32_t* pos = cur + j * pstride;
        std::size_t lo = span.lo, hi = span.hi;
        const bool has_pred = (d.dy <= 0 || y >= 1) && (d.dy >= 0 || y + 1 < ey) && (d.dz <= 0 || z >= 1);
        if (!has_pred) {
          for (std::size_t x = lo; x < hi; ++x) pos[x] = next_position(row[x], 0, 0);
          continue;
        }
        if (d.dx > 0 && lo == 0) pos[lo] = next_position(row[lo], 0, 0), ++lo;
        if (d.dx < 0 && hi == ex) --hi, pos[hi] = next_position(row[hi], 0, 0);
        const std::ptrdiff_t step = std::ptrdiff_t(d.dx) + std::ptrdiff_t(ex) * (d.dy + std::ptrdiff_t(ey) * d.dz);
        const std::int32_t* prow = row - step;
        if (d.dy == 0 && d.dz == 0) {  // along x: the predecessor's position is the previous iteration's
          std::uint32_t p = lo > span.lo ? pos[lo - 1] : 0;
          for (std::size_t x = lo; x < hi; ++x) pos[x] = p = next_position(row[x], prow[x], p);
          continue;
        }
        const std::uint32_t* ppos = position.data() + j * pstride + ((z - std::size_t(d.dz)) & 1) * plane +
                                    (y - std::size_t(d.dy)) * ex - d.dx;
        for (std::size_t x = lo; x < hi; ++x) pos[x] = next_position(row[x], prow[x], ppos[x]);
      }
      const auto count = [&]<std::size_t N>(std::integral_constant<std::size_t, N>) {
        const std::size_t m = N ? N : n;  // N: a compile-time count, unrolled (the 13 or 4 directions)
        for (std::size_t x = span.lo; x < span.hi; ++x) {
          std::uint32_t* h = hist + level_index(row[x]) * width;
          const std::uint32_t* p = cur + x;
          for (std::size_t j = 0; j < m; ++j) ++h[j * pstride + p[j * pstride]];
        }
      };
      if (n == 13)
        count(std::integral_constant<std::size_t, 13>{});
      else if (n == 7)  // 13 directions in two groups
        count(std::integral_constant<std::size_t, 7>{});
      else if (n == 6)
        count(std::integral_constant<std::size_t, 6>{});
      else
        count(std::integral_constant<std::size_t, 0>{});
    }
  std::vector<RunLengthMatrix> out(n);
  for (std::size_t j = 0; j < n; ++j) {
    const std::uint32_t* h = hist + j * pstride;
    const std::uint32_t nr = nrs[j];
    out[j].runs = CountMatrix(ng, nr);
    for (std::size_t a = 1; a <= ng; ++a)
      for (std::uint64_t l = 1, at_least = h[a * width + 1]; l <= nr && at_least > 0; ++l) {
        const std::uint64_t longer = l < nr ? h[a * width + l + 1] : 0;
        out[j].voxels += at_least;
        out[j].runs.push_sorted({std::uint32_t(a - 1), std::uint32_t(l - 1), at_least - longer});
        at_least = longer;
      }
  }
  return out;
}

}  // namespace

std::vector<RunLengthMatrix> glrlm_matrices(const View3<std::int32_t>& scope, std::span<const Offset> directions,
                                            std::uint32_t ng) {
  const std::size_t n = directions.size();
  for (const Offset& d : directions) check_direction(d);
  std::vector<RunLengthMatrix> out(n);
  if (n == 0 || scope.voxel_count() == 0 || ng == 0) return out;
  std::vector<Offset> dirs(n);
  std::vector<std::uint32_t> nrs(n);
  bool fits = scope.voxel_count() < (std::size_t(1) << 32);
  std::size_t max_nr = 0;
  for (std::size_t i = 0; i < n; ++i) {
    dirs[i] = forward(directions[i]);
    nrs[i] = max_run_length(scope, dirs[i]);
    fits = fits && nrs[i] >= 2;
    max_nr = std::max<std::size_t>(max_nr, nrs[i]);
  }
  const std::size_t cells = (std::size_t(ng) + 1) * (max_nr + 1);
  fits = fits && n * cells <= dense_cell_limit && cells <= std::max<std::size_t>(4096, 4 * scope.voxel_count());
  if (!fits) {  // one builder per direction, its own bounds
    tbb::parallel_for(std::size_t(0), n, [&](std::size_t i) { out[i] = glrlm_matrix(scope, directions[i], ng); });
    return out;
  }
  const std::vector<RowSpan> spans = row_spans(scope);
  // Directions are split into as many groups as threads may run (one pass each); counts are exact integers, so the
  // grouping never changes a matrix.
  const std::size_t threads =
      std::min(std::size_t(std::max(1, tbb::this_task_arena::max_concurrency())),
               tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
  const std::size_t groups = std::clamp<std::size_t>(threads, 1, n);
  tbb::parallel_for(std::size_t(0), groups, [&](std::size_t g) {
    const std::size_t b = g * n / groups, e = (g + 1) * n / groups;
    auto part = count_positions_batch(scope, std::span<const Offset>(dirs).subspan(b, e - b), ng,
                                      std::span<const std::uint32_t>(nrs).subspan(b, e - b), spans);
    for (std::size_t i = b; i < e; ++i) out[i] = std::move(part[i - b]);
  });
  return out;
}

RunLengthMatrix glrlm_matrix(const View3<std::int32_t>& scope, Offset d, std::uint32_t ng) {
  check_direction(d);
  if (scope.voxel_count() == 0 || ng == 0) return {};
  const std::uint32_t nr = max_run_length(scope, d);
  // d and −d give the same runs: take the one whose predecessor v − d precedes v in memory (dz, then dy, then dx
  // positive first). With nr ≥ 2 every axis d moves along has extent ≥ 2, so the memory step is then positive.
  d = forward(d);
  const std::size_t cells = (std::size_t(ng) + 1) * (std::size_t(nr) + 1);
  const bool fits = nr >= 2 && scope.voxel_count() < (std::size_t(1) << 32) && cells <= dense_cell_limit &&
                    cells <= std::max<std::size_t>(4096, 4 * scope.voxel_count());
  if (!fits) return walk_runs(scope, d, ng);
  return cells <= small_cells ? count_positions<4>(scope, d, ng, nr) : count_positions<1>(scope, d, ng, nr);
}

RunLengthMatrix glrlm_matrix_reference(const View3<std::int32_t>& scope, Offset d, std::uint32_t ng) {
  check_direction(d);
  RunLengthMatrix out;
  if (scope.voxel_count() == 0 || ng == 0) return out;
  const std::uint32_t nr = max_run_length(scope, d);
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> counts;
  const auto inside = [&](long long c, int axis) { return c >= 0 && c < static_cast<long long>(scope.extent[axis]); };
  for (std::size_t z = 0; z < scope.extent[2]; ++z)
    for (std::size_t y = 0; y < scope.extent[1]; ++y)
      for (std::size_t x = 0; x < scope.extent[0]; ++x) {
        if (scope(x, y, z) > 0) ++out.voxels;
        long long cx = static_cast<long long>(x), cy = static_cast<long long>(y), cz = static_cast<long long>(z);
        if (inside(cx - d.dx, 0) && inside(cy - d.dy, 1) && inside(cz - d.dz, 2)) continue;  // not a line start
        std::int32_t level = 0;
        std::uint32_t length = 0;
        const auto emit = [&] {
          if (level > 0) {
            if (std::uint32_t(level) > ng) throw std::invalid_argument("glrlm_matrix_reference: level above ng");
            ++counts[{std::uint32_t(level - 1), length - 1}];
          }
        };
        for (; inside(cx, 0) && inside(cy, 1) && inside(cz, 2); cx += d.dx, cy += d.dy, cz += d.dz) {
          const std::int32_t v = scope(std::size_t(cx), std::size_t(cy), std::size_t(cz));
          if (v == level) {
            ++length;
          } else {
            emit();
            level = v, length = 1;
          }
        }
        emit();
      }
  out.runs = CountMatrix(ng, nr);
  for (const auto& [cell, n] : counts) out.runs.push_sorted({cell.first, cell.second, n});
  return out;
}

void glrlm_features(const RunLengthMatrix& matrix, std::span<double> out) {
  if (out.size() != size_zone_feature_count) throw std::invalid_argument("glrlm_features: wrong output size");
  if (matrix.empty()) return;  // caller's NaN stay
  // GLRLM's 16 features are the size-zone formulas with "run" for "zone" (IBSI TP0I vs 9SAK): written once.
  size_matrix_features(matrix.runs, matrix.voxels, out);
}

}  // namespace voxfeat::kernels::texture
