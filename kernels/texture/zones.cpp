#include "texture/zones.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <stdexcept>

namespace voxfeat::kernels::texture {

namespace {

/// A maximal run of equal level > 0 along x in one row: voxels [x_begin, x_end) of row `row` (= y + ey·z).
struct Run {
  std::uint32_t x_begin, x_end;
  std::int32_t level;
};

/// Union–find over run indices. Invariant parent[i] ≤ i (a root is its zone's first run in storage order), which
/// the final labelling pass relies on; path halving keeps it.
class Forest {
 public:
  explicit Forest(std::size_t n) : m_parent(new std::uint32_t[n]) {
    for (std::size_t i = 0; i < n; ++i) m_parent[i] = std::uint32_t(i);
  }
  std::uint32_t* data() { return m_parent.get(); }
  std::uint32_t find(std::uint32_t x) {
    std::uint32_t* p = m_parent.get();
    while (p[x] != x) x = p[x] = p[p[x]];
    return x;
  }
  /// Joins two roots; returns the new root (the smaller index).
  std::uint32_t link(std::uint32_t a, std::uint32_t b) {
    if (a < b) return m_parent[b] = a;
    return m_parent[a] = b;
  }

 private:
  std::unique_ptr<std::uint32_t[]> m_parent;
};

/// Runs of the scope: row_first[r] .. row_first[r + 1] are the runs of row r, in x order. Two parallel passes
/// (count, then fill at the prefix-summed offsets) keep the order fixed.
void find_runs(const View3<std::int32_t>& scope, std::vector<Run>& runs, std::vector<std::uint32_t>& row_first) {
  const std::size_t ex = scope.extent[0], rows = scope.extent[1] * scope.extent[2];
  row_first.assign(rows + 1, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows, 256), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t row = r.begin(); row != r.end(); ++row) {
      const std::int32_t* v = scope.data + row * ex;
      std::uint32_t n = 0;
      for (std::size_t x = 0; x < ex; ++x) n += v[x] > 0 && (x == 0 || v[x - 1] != v[x]);
      row_first[row + 1] = n;
    }
  });
  for (std::size_t row = 0; row < rows; ++row) {
    if (std::uint64_t(row_first[row]) + row_first[row + 1] >= std::numeric_limits<std::uint32_t>::max())
      throw std::invalid_argument("label_zones: 2^32 runs or more");
    row_first[row + 1] += row_first[row];
  }
  runs.resize(row_first[rows]);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows, 256), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t row = r.begin(); row != r.end(); ++row) {
      const std::int32_t* v = scope.data + row * ex;
      Run* out = runs.data() + row_first[row];
      for (std::size_t x = 0; x < ex;) {
        if (v[x] <= 0) {
          ++x;
          continue;
        }
        const std::size_t b = x;
        while (x < ex && v[x] == v[b]) ++x;
        *out++ = {std::uint32_t(b), std::uint32_t(x), v[b]};
      }
    }
  });
}

struct RowStep {
  int dy, dz;
};

/// Rows that hold backward neighbours (Chebyshev δ) of a row's voxels: earlier slices at any dy, the same slice at
/// dy < 0, and the row itself (runs of one level closer than δ along x; only when δ > 1, as adjacent equal voxels
/// are one run).
std::vector<RowStep> backward_rows(bool three_d, int delta) {
  std::vector<RowStep> out;
  for (int dz = three_d ? -delta : 0; dz <= 0; ++dz)
    for (int dy = -delta; dy <= (dz < 0 ? delta : 0); ++dy)
      if (dz < 0 || dy < 0 || delta > 1) out.push_back({dy, dz});
  return out;
}

/// Links the runs of rows in slices [z_begin, z_end) to same-level runs within δ in backward rows of slices
/// ≥ z_link_min. Runs are linked when their x ranges, widened by δ, overlap.
void link_rows(const View3<std::int32_t>& scope, const std::vector<Run>& runs, const std::vector<std::uint32_t>& first,
               const std::vector<RowStep>& steps, int delta, Forest& forest, std::size_t z_begin, std::size_t z_end,
               std::ptrdiff_t z_link_min) {
  const auto ey = std::ptrdiff_t(scope.extent[1]);
  const auto d = std::int64_t(delta);
  for (std::size_t zu = z_begin; zu < z_end; ++zu)
    for (std::ptrdiff_t y = 0; y < ey; ++y) {
      const std::size_t row = std::size_t(y + ey * std::ptrdiff_t(zu));
      const std::uint32_t r_begin = first[row], r_end = first[row + 1];
      if (r_begin == r_end) continue;
      // Per neighbour row: its run range and a cursor that only moves forward (both rows are sorted by x).
      std::array<std::uint32_t, 64> cursor{}, stop{};
      std::size_t n_rows = 0;
      for (const RowStep& s : steps) {
        const std::ptrdiff_t ny = y + s.dy, nz = std::ptrdiff_t(zu) + s.dz;
        if (nz < z_link_min || ny < 0 || ny >= ey) continue;
        const std::size_t nrow = std::size_t(ny + ey * nz);
        cursor[n_rows] = first[nrow];
        stop[n_rows++] = nrow == row ? ~0u : first[nrow + 1];  // the row itself: earlier runs only (below)
      }
      for (std::uint32_t r = r_begin; r < r_end; ++r) {
        const Run& run = runs[r];
        std::uint32_t root = ~0u;  // r's root, found once
        for (std::size_t k = 0; k < n_rows; ++k) {
          const std::uint32_t n_end = stop[k] == ~0u ? r : stop[k];
          std::uint32_t p = cursor[k];
          while (p < n_end && std::int64_t(runs[p].x_end) + d <= std::int64_t(run.x_begin)) ++p;
          cursor[k] = p;
          for (std::uint32_t q = p; q < n_end && std::int64_t(runs[q].x_begin) < std::int64_t(run.x_end) + d; ++q)
            if (runs[q].level == run.level) {
              if (root == ~0u) root = forest.find(r);
              const std::uint32_t other = forest.find(q);
              if (other != root) root = forest.link(root, other);
            }
        }
      }
    }
}

}  // namespace

std::vector<Zone> label_zones(const View3<std::int32_t>& scope, bool three_d, int linkage_distance,
                              const std::uint32_t* distance) {
  if (linkage_distance < 1 || linkage_distance > 5)
    throw std::invalid_argument("label_zones: linkage distance must be in 1..5");
  if (scope.voxel_count() >= std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("label_zones: scope of 2^32 voxels or more");
  std::vector<Zone> zones;
  if (scope.voxel_count() == 0) return zones;
  // Zones are unions of runs along x: label runs, not voxels (CT levels form runs of a few voxels, and the runs'
  // neighbours are found by a merge over sorted rows instead of 13 voxel probes each).
  std::vector<Run> runs;
  std::vector<std::uint32_t> first;
  find_runs(scope, runs, first);
  Forest forest(runs.size());
  const std::vector<RowStep> steps = backward_rows(three_d, linkage_distance);

  // Slabs of whole slices are linked independently (each touches only its own runs' entries), then joined across
  // their lower borders. 2D scopes and volumes of a few slices are one slab.
  const std::size_t ez = scope.extent[2];
  const std::size_t slab = three_d ? std::max<std::size_t>({std::size_t(linkage_distance), 8, (ez + 15) / 16}) : ez;
  const std::size_t slab_count = (ez + slab - 1) / slab;
  tbb::parallel_for(std::size_t(0), slab_count, [&](std::size_t s) {
    const std::size_t z0 = s * slab;
    link_rows(scope, runs, first, steps, linkage_distance, forest, z0, std::min(ez, z0 + slab), std::ptrdiff_t(z0));
  });
  for (std::size_t s = 1; s < slab_count; ++s) {
    // Links reaching below z0 start in its first δ slices; links inside the slab are made already (unite is
    // idempotent), so only those to slices < z0 add anything.
    const std::size_t z0 = s * slab;
    link_rows(scope, runs, first, steps, linkage_distance, forest, z0,
              std::min({ez, z0 + slab, z0 + std::size_t(linkage_distance)}), 0);
  }

  // One ascending pass turns parent links into zone ids in place: parent[r] < r was visited already and belongs to
  // the same zone, so its entry already holds that zone's id; parent[r] == r starts a new zone. Zones thus come in
  // the order of their first voxel.
  std::uint32_t* label = forest.data();
  const std::size_t ex = scope.extent[0];
  for (std::size_t row = 0; row + 1 < first.size(); ++row)
    for (std::uint32_t r = first[row]; r < first[row + 1]; ++r) {
      std::uint32_t id;
      if (label[r] == r) {
        id = std::uint32_t(zones.size());
        zones.push_back({runs[r].level, 0, distance ? std::numeric_limits<std::uint32_t>::max() : 0u});
      } else {
        id = label[label[r]];
      }
      label[r] = id;
      Zone& z = zones[id];
      z.size += runs[r].x_end - runs[r].x_begin;
      if (distance)
        for (std::uint32_t x = runs[r].x_begin; x < runs[r].x_end; ++x)
          z.distance = std::min(z.distance, distance[row * ex + x]);
    }
  return zones;
}

std::vector<std::uint32_t> border_distance(const View3<std::uint8_t>& mask, bool three_d) {
  const std::size_t ex = mask.extent[0], ey = mask.extent[1], ez = mask.extent[2], plane = ex * ey;
  constexpr std::uint32_t far = std::numeric_limits<std::uint32_t>::max() / 2;
  std::vector<std::uint32_t> d(mask.voxel_count());
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = mask.data[i] ? far : 0u;
  if (d.empty()) return d;
  // City-block distance is separable: a 1D pass per axis (forward and backward, min(d, neighbour + 1)), with the
  // outside of the grid as a zero just beyond each end. The x and y passes run per slice, so a 2D map is the same
  // code without the z pass.
  tbb::parallel_for(std::size_t(0), ez, [&](std::size_t z) {
    std::uint32_t* s = d.data() + z * plane;
    for (std::size_t y = 0; y < ey; ++y) {
      std::uint32_t* r = s + y * ex;
      std::uint32_t prev = 0;
      for (std::size_t x = 0; x < ex; ++x) prev = r[x] = std::min(r[x], prev + 1);
      prev = 0;
      for (std::size_t x = ex; x-- > 0;) prev = r[x] = std::min(r[x], prev + 1);
    }
    for (std::size_t x = 0; x < ex; ++x) s[x] = std::min(s[x], 1u);
    for (std::size_t y = 1; y < ey; ++y)
      for (std::size_t x = 0; x < ex; ++x) s[y * ex + x] = std::min(s[y * ex + x], s[(y - 1) * ex + x] + 1);
    for (std::size_t x = 0; x < ex; ++x) s[(ey - 1) * ex + x] = std::min(s[(ey - 1) * ex + x], 1u);
    for (std::size_t y = ey - 1; y-- > 0;)
      for (std::size_t x = 0; x < ex; ++x) s[y * ex + x] = std::min(s[y * ex + x], s[(y + 1) * ex + x] + 1);
  });
  if (three_d) {
    constexpr std::size_t chunk = 4096;
    tbb::parallel_for(std::size_t(0), (plane + chunk - 1) / chunk, [&](std::size_t c) {
      const std::size_t b = c * chunk, e = std::min(plane, b + chunk);
      for (std::size_t i = b; i < e; ++i) d[i] = std::min(d[i], 1u);
      for (std::size_t z = 1; z < ez; ++z)
        for (std::size_t i = b; i < e; ++i) d[z * plane + i] = std::min(d[z * plane + i], d[(z - 1) * plane + i] + 1);
      for (std::size_t i = b; i < e; ++i) d[(ez - 1) * plane + i] = std::min(d[(ez - 1) * plane + i], 1u);
      for (std::size_t z = ez - 1; z-- > 0;)
        for (std::size_t i = b; i < e; ++i) d[z * plane + i] = std::min(d[z * plane + i], d[(z + 1) * plane + i] + 1);
    });
  }
  return d;
}

}  // namespace voxfeat::kernels::texture
