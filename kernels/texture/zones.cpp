#include "texture/zones.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>

#include "common/scratch_pool.hpp"
#include "texture/roi_rows.hpp"

namespace voxfeat::kernels::texture {

namespace {

using Label = std::uint32_t;

/// Union–find on a flat array of voxel indices. Invariant parent[i] ≤ i: a root is the first voxel of its zone in
/// storage order (links always go to the smaller root), so the partition's roots do not depend on the order of the
/// unions, hence not on the thread count; path halving keeps the invariant.
inline Label find_root(Label* parent, Label x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

/// find_root for the labelling loops, where x's parent is almost always a root (a voxel's label is its zone's root
/// when labelled, and new voxels point at themselves): the first hop is taken unconditionally, so the loop usually
/// runs zero times and its exit is predicted; x is then pointed straight at the root.
inline Label find_root_hop(Label* parent, Label x) {
  Label r = parent[x];
  if (parent[r] != r) [[unlikely]] {
    do r = parent[r] = parent[parent[r]];
    while (parent[r] != r);
    parent[x] = r;
  }
  return r;
}

/// Per-root zone statistics, kept up to date by the unions so that collecting the zones is one scan for roots:
/// size[r] (voxels) and, with a distance map, nearest[r] (its minimum over the zone) are valid at roots r only.
struct ZoneStats {
  std::uint32_t* size = nullptr;
  std::uint32_t* nearest = nullptr;          ///< null without a distance map
  const std::uint32_t* distance = nullptr;  ///< the scope's distance map, or null
  /// Roots per slab: while labelling a slab, its zones so far; when joining slabs, each union of two zones takes
  /// one from the slab holding the later root (slab_voxels voxels per slab).
  std::size_t* slab_roots = nullptr;
  std::size_t slab_voxels = 1;
};

/// Joins two roots without a branch and merges their statistics at the new root (the smaller index); a == b is a
/// no-op. Size sums and minima do not depend on the order of the unions, so neither on the thread count.
template <bool WithDistance>
inline Label unite_roots(Label* parent, const ZoneStats& stats, Label a, Label b) {
  const Label lo = std::min(a, b), hi = std::max(a, b);
  parent[hi] = lo;
  stats.size[lo] += a != b ? stats.size[hi] : 0u;
  if constexpr (WithDistance) stats.nearest[lo] = std::min(stats.nearest[lo], stats.nearest[hi]);
  return lo;
}

/// Counts voxel i into the zone of root r (i was just labelled).
template <bool WithDistance>
inline void count_voxel(const ZoneStats& stats, Label r, Label i) {
  ++stats.size[r];
  if constexpr (WithDistance) stats.nearest[r] = std::min(stats.nearest[r], stats.distance[i]);
}

// ---- δ = 1: 13-bit neighbour masks --------------------------------------------------------------------------------
// The backward 26-neighbours of voxel (x, y, z), bit k: k = 0..8 the slice below (dy, dx ∈ −1..1, index
// 3(dy + 1) + dx + 1), k = 9..11 the row above in the same slice (dx ∈ −1..1), k = 12 the voxel before in the row.
// In-plane 8-connectivity is the subset k = 9..12.

constexpr int backward_count = 13;
constexpr std::array<std::array<int, 3>, backward_count> backward_offsets{{{-1, -1, -1},
                                                                           {0, -1, -1},
                                                                           {1, -1, -1},
                                                                           {-1, 0, -1},
                                                                           {0, 0, -1},
                                                                           {1, 0, -1},
                                                                           {-1, 1, -1},
                                                                           {0, 1, -1},
                                                                           {1, 1, -1},
                                                                           {-1, -1, 0},
                                                                           {0, -1, 0},
                                                                           {1, -1, 0},
                                                                           {-1, 0, 0}}};

/// For each mask of same-level backward neighbours, one representative per connected group of them (groups by
/// 26-adjacency among the masked neighbours themselves): two adjacent matching neighbours were joined when the later
/// of them was labelled (each is a backward neighbour of the other), so one find per group suffices. Entry: bits
/// 0..3 the group count, then 4 bits per representative; an empty mask names representative 13, the voxel itself
/// (offset 0), so the labelling loop needs no special case for a new zone. At most 4 groups occur (the four corners
/// of the slice below are the largest set of pairwise non-adjacent neighbours).
const std::array<std::uint32_t, 1u << backward_count>& representative_table() {
  static const auto table = [] {
    std::array<std::uint32_t, 1u << backward_count> t{};
    const auto adjacent = [](int a, int b) {
      for (int c = 0; c < 3; ++c)
        if (std::abs(backward_offsets[a][c] - backward_offsets[b][c]) > 1) return false;
      return true;
    };
    for (std::uint32_t m = 0; m < t.size(); ++m) {
      if (m == 0) {
        t[m] = 13u << 4;
        continue;
      }
      std::uint32_t left = m, entry = 0, groups = 0;
      while (left) {
        const int rep = __builtin_ctz(left);
        // Grow the group of `rep` within the mask (13 nodes: a plain fixed-point iteration).
        std::uint32_t group = 1u << rep;
        for (bool grew = true; grew;) {
          grew = false;
          for (int a = 0; a < backward_count; ++a)
            if ((group >> a & 1) == 0 && (m >> a & 1))
              for (int b = 0; b < backward_count; ++b)
                if ((group >> b & 1) && adjacent(a, b)) {
                  group |= 1u << a, grew = true;
                  break;
                }
        }
        entry |= std::uint32_t(rep) << (4 + 4 * groups++);
        left &= ~group;
      }
      t[m] = entry | groups;
    }
    return t;
  }();
  return table;
}

/// Labels slices [z_begin, z_end) with δ = 1, linking only to neighbours in those slices (a z-slab). Per row: the
/// neighbour masks first (branch-free, vectorisable; missing neighbour rows read a row of zeros, which never equals
/// a level > 0), then one find per group of matching neighbours. Returns the number of zones in the slab (its new
/// voxels less the unions of two zones); when joining, stats.slab_roots is updated instead.
template <bool Join, bool WithDistance>
std::size_t label_slab_delta1(const View3<std::int32_t>& scope, bool three_d, Label* lab, const ZoneStats& stats,
                              std::size_t z_begin, std::size_t z_end) {
  const std::size_t ex = scope.extent[0], ey = scope.extent[1], plane = ex * ey;
  const auto& table = representative_table();
  std::array<std::ptrdiff_t, backward_count + 1> offset{};
  for (int k = 0; k < backward_count; ++k)
    offset[std::size_t(k)] = backward_offsets[std::size_t(k)][0] +
                             std::ptrdiff_t(ex) * backward_offsets[std::size_t(k)][1] +
                             std::ptrdiff_t(plane) * backward_offsets[std::size_t(k)][2];
  offset[backward_count] = 0;
  const std::unique_ptr<std::int32_t[]> zeros(new std::int32_t[ex]());
  const std::unique_ptr<std::uint16_t[]> mask(new std::uint16_t[ex]);
  std::size_t roots = 0;
  for (std::size_t z = z_begin; z < z_end; ++z)
    for (std::size_t y = 0; y < ey; ++y) {
      const std::size_t base = z * plane + y * ex;
      const std::int32_t* v = scope.data + base;
      const bool below = three_d && (Join || z > z_begin);
      // Neighbour rows: the slice below at y − 1, y, y + 1, and the row above in this slice.
      const std::int32_t* n0 = below && y > 0 ? v - plane - ex : zeros.get();
      const std::int32_t* n1 = below ? v - plane : zeros.get();
      const std::int32_t* n2 = below && y + 1 < ey ? v - plane + ex : zeros.get();
      const std::int32_t* n3 = !Join && y > 0 ? v - ex : zeros.get();
      const auto mask_at = [&](std::size_t x, bool has_left, bool has_right) {
        const std::int32_t c = v[x];
        std::uint32_t m = std::uint32_t(n0[x] == c) << 1 | std::uint32_t(n1[x] == c) << 4 |
                          std::uint32_t(n2[x] == c) << 7 | std::uint32_t(n3[x] == c) << 10;
        if (has_left)
          m |= std::uint32_t(n0[x - 1] == c) | std::uint32_t(n1[x - 1] == c) << 3 |
               std::uint32_t(n2[x - 1] == c) << 6 | std::uint32_t(n3[x - 1] == c) << 9 |
               std::uint32_t(!Join && v[x - 1] == c) << 12;
        if (has_right)
          m |= std::uint32_t(n0[x + 1] == c) << 2 | std::uint32_t(n1[x + 1] == c) << 5 |
               std::uint32_t(n2[x + 1] == c) << 8 | std::uint32_t(n3[x + 1] == c) << 11;
        return std::uint16_t(m);
      };
      // Only the row's span of ROI voxels [x_begin, x_end) is labelled (rows of the box outside a round ROI are
      // empty, and spans are short near its rim).
      const std::size_t x_begin = roi_rows_detail::first_roi(v, 0, ex);  // SIMD skips of zero blocks
      if (x_begin == ex) continue;
      const std::size_t x_end = roi_rows_detail::end_roi(v, x_begin, ex);
      {
        std::size_t x = x_begin;
        if (x == 0) mask[x] = mask_at(0, false, ex > 1), ++x;
        const std::size_t inner_end = std::min(x_end, ex - 1);
        for (; x < inner_end; ++x) mask[x] = mask_at(x, true, true);
        if (x < x_end) mask[x] = mask_at(x, x > 0, false);
      }

      Label* row_lab = lab + base;
      for (std::size_t x = x_begin; x < x_end; ++x) {
        if (v[x] <= 0) continue;
        const Label i = Label(base + x);
        const std::uint32_t entry = table[mask[x]];
        if constexpr (Join) {
          // Labelled already: join its root with each group's (none: entry names the voxel itself, a no-op).
          Label r = find_root(lab, i);
          for (std::uint32_t g = 0, groups = entry & 15; g < groups; ++g) {
            const Label f = find_root_hop(lab, Label(std::ptrdiff_t(i) + offset[entry >> (4 + 4 * g) & 15]));
            if (f != r) --stats.slab_roots[std::max(f, r) / stats.slab_voxels];
            r = unite_roots<WithDistance>(lab, stats, r, f);
          }
        } else {
          // A new voxel is a zone of its own (size 0 until counted below) until linked.
          row_lab[x] = i;
          stats.size[i] = 0;
          if constexpr (WithDistance) stats.nearest[i] = stats.distance[i];
          Label r = find_root_hop(lab, Label(std::ptrdiff_t(i) + offset[entry >> 4 & 15]));
          const std::uint32_t groups = entry & 15;
          roots += groups == 0;
          for (std::uint32_t g = 1; g < groups; ++g) {
            const Label f = find_root_hop(lab, Label(std::ptrdiff_t(i) + offset[entry >> (4 + 4 * g) & 15]));
            roots -= f != r;
            r = unite_roots<WithDistance>(lab, stats, r, f);
          }
          row_lab[x] = r;
          count_voxel<WithDistance>(stats, r, i);
        }
      }
    }
  return roots;
}

// ---- any δ: plain neighbour loops ----------------------------------------------------------------------------------

/// Links every voxel of slices [z_begin, z_end) to its same-level backward neighbours within Chebyshev δ whose
/// slice lies in [nz_min, nz_end). `fresh`: the voxels are new (their label is set to themselves first); otherwise
/// they are labelled already (joining slabs). Returns the zones made (fresh), or updates stats.slab_roots (joining).
template <bool WithDistance>
std::size_t link_any_delta(const View3<std::int32_t>& scope, bool three_d, int delta, Label* lab,
                           const ZoneStats& stats, std::size_t z_begin, std::size_t z_end, std::ptrdiff_t nz_min,
                           std::ptrdiff_t nz_end, bool fresh) {
  const auto ex = std::ptrdiff_t(scope.extent[0]), ey = std::ptrdiff_t(scope.extent[1]);
  const std::ptrdiff_t plane = ex * ey, d = delta;
  struct NeighbourRow {
    std::ptrdiff_t offset, dx_max;  // linear offset of (0, dy, dz); dx in −δ..dx_max
  };
  std::vector<NeighbourRow> rows;
  std::size_t roots = 0;
  for (std::size_t zu = z_begin; zu < z_end; ++zu) {
    const auto z = std::ptrdiff_t(zu);
    for (std::ptrdiff_t y = 0; y < ey; ++y) {
      // Backward rows: earlier slices at any dy, this slice at dy < 0, and the row itself (dx < 0).
      rows.clear();
      for (std::ptrdiff_t dz = three_d ? -d : 0; dz <= 0; ++dz)
        for (std::ptrdiff_t dy = -d; dy <= (dz < 0 ? d : 0); ++dy) {
          const std::ptrdiff_t ny = y + dy, nz = z + dz;
          if (ny < 0 || ny >= ey || nz < nz_min || nz >= nz_end) continue;
          rows.push_back({dy * ex + dz * plane, dz == 0 && dy == 0 ? -1 : d});
        }
      const std::ptrdiff_t base = z * plane + y * ex;
      for (std::ptrdiff_t x = 0; x < ex; ++x) {
        const std::int32_t c = scope.data[base + x];
        if (c <= 0) continue;
        const auto i = Label(base + x);
        if (fresh) {
          ++roots;
          lab[i] = i;
          stats.size[i] = 0;
          if constexpr (WithDistance) stats.nearest[i] = stats.distance[i];
        }
        Label r = find_root(lab, i);
        for (const NeighbourRow& row : rows) {
          const std::ptrdiff_t lo = std::max(-d, -x), hi = std::min(row.dx_max, ex - 1 - x);
          for (std::ptrdiff_t dx = lo; dx <= hi; ++dx) {
            const std::ptrdiff_t j = base + x + row.offset + dx;
            if (scope.data[j] != c) continue;
            const Label f = find_root(lab, Label(j));
            if (f != r) {
              if (fresh) --roots;
              else --stats.slab_roots[std::max(f, r) / stats.slab_voxels];
            }
            r = unite_roots<WithDistance>(lab, stats, r, f);
          }
        }
        if (fresh) count_voxel<WithDistance>(stats, r, i);
      }
    }
  }
  return roots;
}

/// Labels, root sizes and (with a distance map) root minima: up to 12 bytes per voxel of the box, reused between calls.
ScratchPool<std::uint32_t>& labelling_scratch() {
  static ScratchPool<std::uint32_t> pool;
  return pool;
}

template <bool WithDistance>
std::vector<Zone> label_and_collect(const View3<std::int32_t>& scope, bool three_d, int linkage_distance,
                                    const std::uint32_t* distance) {
  const std::size_t n = scope.voxel_count();
  // One label and one size (and one minimum distance) per voxel of the scope's box; entries outside the ROI are
  // never read.
  const auto scratch = labelling_scratch().take((WithDistance ? 3 : 2) * n);
  Label* const lab = scratch.data();

  // Slabs of whole slices are labelled independently (each touches only its own voxels' entries), then joined across
  // their lower borders in order. In 2D every slice is independent: no joins.
  const std::size_t ez = scope.extent[2], plane = scope.extent[0] * scope.extent[1];
  // One slab per thread that may run (at most four): the joins run one after the other, each a border slice's worth
  // of finds along chains that cross slabs, so every slab more is a sequential cost (about 0.4 ms per join at 465k
  // voxels). The partition never changes the zones.
  const std::size_t threads =
      std::clamp<std::size_t>(std::min(std::size_t(tbb::this_task_arena::max_concurrency()),
                                       tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)),
                              1, 4);
  const std::size_t slab =
      std::max<std::size_t>({std::size_t(linkage_distance), 8, (ez + threads - 1) / threads});
  const std::size_t slab_count = (ez + slab - 1) / slab;
  // first[s + 1]: the zones whose root lies in slab s, kept up to date by the labelling and the joins.
  std::vector<std::size_t> first(slab_count + 1, 0);
  const ZoneStats stats{scratch.data() + n, WithDistance ? scratch.data() + 2 * n : nullptr, distance,
                        first.data() + 1, slab * plane};
  tbb::parallel_for(std::size_t(0), slab_count, [&](std::size_t s) {
    const std::size_t z0 = s * slab, z1 = std::min(ez, z0 + slab);
    first[s + 1] = linkage_distance == 1
                       ? label_slab_delta1<false, WithDistance>(scope, three_d, lab, stats, z0, z1)
                       : link_any_delta<WithDistance>(scope, three_d, linkage_distance, lab, stats, z0, z1,
                                                      std::ptrdiff_t(z0), std::ptrdiff_t(z1), true);
  });
  if (three_d)
    for (std::size_t s = 1; s < slab_count; ++s) {
      // Links reaching below z0 start in its first δ slices (slabs are at least δ thick).
      const std::size_t z0 = s * slab;
      if (linkage_distance == 1)
        label_slab_delta1<true, WithDistance>(scope, true, lab, stats, z0, z0 + 1);
      else
        link_any_delta<WithDistance>(scope, true, linkage_distance, lab, stats, z0,
                                     std::min(ez, z0 + std::size_t(linkage_distance)), 0, std::ptrdiff_t(z0), false);
    }

  // The zones are the roots in storage order (a root is its zone's first voxel), with the statistics gathered at
  // them, written per slab from the slab's offset (its earlier slabs' zone counts), so the list is the same for any
  // thread count. The pass streams the slab's ROI voxels in parallel, branch-free but for the (predictable) ROI
  // test: a zone is written for every voxel and the write position only advances at roots (about one voxel in six
  // on CT, a branch the processor would mispredict).
  for (std::size_t s = 0; s < slab_count; ++s) first[s + 1] += first[s];
  std::vector<Zone> zones(first[slab_count]);
  tbb::parallel_for(std::size_t(0), slab_count, [&](std::size_t s) {
    const std::size_t b = s * slab * plane, e = std::min(ez, (s + 1) * slab) * plane;
    Zone* const out = zones.data() + first[s];
    const std::size_t count = first[s + 1] - first[s];
    Zone spill;  // takes the writes of non-roots after the slab's last root
    std::size_t k = 0;
    Zone* dst = count > 0 ? out : &spill;
    const std::size_t ex = scope.extent[0];
    for (std::size_t row = b; row < e; row += ex) {
      // Only the row's span of ROI voxels (SIMD skips of zero blocks), as in the labelling.
      const std::int32_t* levels = scope.data + row;
      const std::size_t lo = roi_rows_detail::first_roi(levels, 0, ex), hi = roi_rows_detail::end_roi(levels, lo, ex);
      for (std::size_t i = row + lo; i < row + hi; ++i) {
        const std::int32_t level = scope.data[i];
        if (level <= 0) continue;
        *dst = {level, stats.size[i], WithDistance ? stats.nearest[i] : 0u};
        k += lab[i] == Label(i);
        dst = k < count ? out + k : &spill;
      }
    }
    // The counts kept by the unions and the roots found must agree; a mismatch would drop or blank zones silently.
    if (k != count) throw std::logic_error("label_zones: zone count mismatch");
  });
  return zones;
}

/// The end of the run of mask voxels (Inside) or of voxels outside the mask (!Inside) that starts at x, in a row of n
/// voxels: eight voxels at a time (a word of eight zero bytes, or one without a zero byte), then one at a time.
template <bool Inside>
std::size_t skip_mask_run(const std::uint8_t* m, std::size_t x, std::size_t n) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  for (; x + 8 <= n; x += 8) {
    std::uint64_t w;
    std::memcpy(&w, m + x, sizeof w);
    const bool whole_word = Inside ? ((w - ones) & ~w & highs) == 0 : w == 0;
    if (!whole_word) break;
  }
  while (x < n && (m[x] != 0) == Inside) ++x;
  return x;
}

/// One step of a 1D distance sweep across lines: cur = min(cur, prev + 1). The lines never overlap; saying so
/// (restrict) lets the compiler vectorise without run-time overlap checks.
inline void relax_line(std::uint32_t* __restrict cur, const std::uint32_t* __restrict prev, std::size_t n) {
  for (std::size_t x = 0; x < n; ++x) cur[x] = std::min(cur[x], prev[x] + 1);
}

}  // namespace

std::vector<Zone> label_zones(const View3<std::int32_t>& scope, bool three_d, int linkage_distance,
                              const std::uint32_t* distance) {
  if (linkage_distance < 1 || linkage_distance > max_linkage_distance)
    throw std::invalid_argument("label_zones: linkage distance must be in 1..5");
  if (scope.voxel_count() >= std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("label_zones: scope of 2^32 voxels or more");
  if (scope.voxel_count() == 0) return {};
  return distance ? label_and_collect<true>(scope, three_d, linkage_distance, distance)
                  : label_and_collect<false>(scope, three_d, linkage_distance, nullptr);
}

std::vector<std::uint32_t> border_distance(const View3<std::uint8_t>& mask, bool three_d) {
  std::vector<std::uint32_t> d(mask.voxel_count());
  border_distance(mask, three_d, d.data());
  return d;
}

void border_distance(const View3<std::uint8_t>& mask, bool three_d, std::uint32_t* d) {
  const std::size_t ex = mask.extent[0], ey = mask.extent[1], ez = mask.extent[2], plane = ex * ey;
  if (mask.voxel_count() == 0) return;
  // City-block distance is separable: a 1D pass per axis (forward and backward, min(d, neighbour + 1)), with the
  // outside of the grid as a zero just beyond each end. The x and y passes run per slice, so a 2D map is the same
  // code without the z pass. Along x the 1D distance is written from the runs of mask voxels directly (a run
  // [b, e) gives min(x − b + 1, e − x)), which avoids the serial dependency of the two sweeps.
  tbb::parallel_for(std::size_t(0), ez, [&](std::size_t z) {
    std::uint32_t* s = d + z * plane;
    for (std::size_t y = 0; y < ey; ++y) {
      std::uint32_t* r = s + y * ex;
      const std::uint8_t* m = mask.data + z * plane + y * ex;
      for (std::size_t x = 0; x < ex;) {
        const std::size_t b = skip_mask_run<false>(m, x, ex);
        std::fill(r + x, r + b, 0u);
        if (b == ex) break;
        x = skip_mask_run<true>(m, b, ex);
        const auto run_begin = std::uint32_t(b), run_end = std::uint32_t(x);
        for (std::uint32_t k = run_begin; k < run_end; ++k) r[k] = std::min(k - run_begin + 1, run_end - k);
      }
    }
    for (std::size_t x = 0; x < ex; ++x) s[x] = std::min(s[x], 1u);
    for (std::size_t y = 1; y < ey; ++y) relax_line(s + y * ex, s + (y - 1) * ex, ex);
    for (std::size_t x = 0; x < ex; ++x) s[(ey - 1) * ex + x] = std::min(s[(ey - 1) * ex + x], 1u);
    for (std::size_t y = ey - 1; y-- > 0;) relax_line(s + y * ex, s + (y + 1) * ex, ex);
  });
  if (three_d) {
    constexpr std::size_t chunk = 4096;
    tbb::parallel_for(std::size_t(0), (plane + chunk - 1) / chunk, [&](std::size_t c) {
      const std::size_t b = c * chunk, e = std::min(plane, b + chunk);
      for (std::size_t i = b; i < e; ++i) d[i] = std::min(d[i], 1u);
      for (std::size_t z = 1; z < ez; ++z) relax_line(d + z * plane + b, d + (z - 1) * plane + b, e - b);
      for (std::size_t i = b; i < e; ++i) d[(ez - 1) * plane + i] = std::min(d[(ez - 1) * plane + i], 1u);
      for (std::size_t z = ez - 1; z-- > 0;) relax_line(d + z * plane + b, d + (z + 1) * plane + b, e - b);
    });
  }
}

}  // namespace voxfeat::kernels::texture
