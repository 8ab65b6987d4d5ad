#pragma once
// Plain reference implementations of the zone kernels, written from the IBSI 1 text (9SAK, VMDZ) and used only by
// tests: zones by breadth-first flood fill (zones ordered by their first voxel), the distance map by IBSI's
// iterative erosion, and the 16 features by dense loops over every matrix cell.
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <vector>

#include "common/views.hpp"
#include "texture/zones.hpp"

namespace voxfeat::test::zones_ref {

using kernels::View3;
using kernels::texture::Zone;

inline std::vector<Zone> flood_fill_zones(const View3<std::int32_t>& v, bool three_d, int delta,
                                          const std::uint32_t* distance = nullptr) {
  const auto ex = long(v.extent[0]), ey = long(v.extent[1]), ez = long(v.extent[2]);
  std::vector<char> seen(v.voxel_count(), 0);
  std::vector<Zone> zones;
  for (long start = 0; start < long(v.voxel_count()); ++start) {
    if (v.data[start] <= 0 || seen[start]) continue;
    Zone zone{v.data[start], 0, ~0u};
    std::deque<long> queue{start};
    seen[start] = 1;
    while (!queue.empty()) {
      const long i = queue.front();
      queue.pop_front();
      ++zone.size;
      zone.distance = std::min(zone.distance, distance ? distance[i] : 0u);
      const long x = i % ex, y = (i / ex) % ey, z = i / (ex * ey);
      for (long dz = three_d ? -delta : 0; dz <= (three_d ? delta : 0); ++dz)
        for (long dy = -delta; dy <= delta; ++dy)
          for (long dx = -delta; dx <= delta; ++dx) {
            const long nx = x + dx, ny = y + dy, nz = z + dz;
            if (nx < 0 || ny < 0 || nz < 0 || nx >= ex || ny >= ey || nz >= ez) continue;
            const long j = nx + ex * (ny + ey * nz);
            if (!seen[j] && v.data[j] == zone.level) seen[j] = 1, queue.push_back(j);
          }
    }
    zones.push_back(zone);
  }
  return zones;
}

/// IBSI VMDZ: erode the mask (6- or in-plane 4-connected structuring element, outside the grid = background)
/// repeatedly; every voxel still in the mask before an erosion gains 1.
inline std::vector<std::uint32_t> erosion_distance(const View3<std::uint8_t>& m, bool three_d) {
  const auto ex = long(m.extent[0]), ey = long(m.extent[1]), ez = long(m.extent[2]);
  std::vector<std::uint8_t> cur(m.data, m.data + m.voxel_count());
  std::vector<std::uint32_t> d(cur.size(), 0);
  bool any = true;
  while (any) {
    any = false;
    std::vector<std::uint8_t> next(cur.size(), 0);
    for (long z = 0; z < ez; ++z)
      for (long y = 0; y < ey; ++y)
        for (long x = 0; x < ex; ++x) {
          const long i = x + ex * (y + ey * z);
          if (!cur[i]) continue;
          any = true;
          ++d[i];
          bool keep = true;
          const std::array<std::array<long, 3>, 6> steps{{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1},
                                                          {0, 0, -1}}};
          for (int s = 0; s < (three_d ? 6 : 4); ++s) {
            const long nx = x + steps[s][0], ny = y + steps[s][1], nz = z + steps[s][2];
            if (nx < 0 || ny < 0 || nz < 0 || nx >= ex || ny >= ey || nz >= ez ||
                !cur[nx + ex * (ny + ey * nz)])
              keep = false;
          }
          next[i] = keep;
        }
    cur = std::move(next);
  }
  return d;
}

/// The 16 features (SizeZoneFeature order) by the IBSI formulas over a dense matrix s[i-1][j-1].
inline std::vector<double> dense_features(const std::vector<std::vector<double>>& s, double voxels) {
  const std::size_t ng = s.size(), nz = ng ? s[0].size() : 0;
  double ns = 0;
  std::vector<double> row(ng, 0), col(nz, 0);
  for (std::size_t i = 0; i < ng; ++i)
    for (std::size_t j = 0; j < nz; ++j) ns += s[i][j], row[i] += s[i][j], col[j] += s[i][j];
  std::vector<double> f(16, 0.0);
  double mu_i = 0, mu_j = 0;
  for (std::size_t i = 0; i < ng; ++i)
    for (std::size_t j = 0; j < nz; ++j) {
      const double I = double(i + 1), J = double(j + 1), p = s[i][j] / ns;
      f[0] += p / (J * J), f[1] += p * J * J, f[2] += p / (I * I), f[3] += p * I * I;
      f[4] += p / (I * I * J * J), f[5] += p * I * I / (J * J), f[6] += p * J * J / (I * I), f[7] += p * I * I * J * J;
      mu_i += I * p, mu_j += J * p;
      if (p > 0) f[15] -= p * std::log2(p);
    }
  for (std::size_t i = 0; i < ng; ++i) f[8] += row[i] * row[i] / ns, f[9] += row[i] * row[i] / (ns * ns);
  for (std::size_t j = 0; j < nz; ++j) f[10] += col[j] * col[j] / ns, f[11] += col[j] * col[j] / (ns * ns);
  f[12] = ns / voxels;
  for (std::size_t i = 0; i < ng; ++i)
    for (std::size_t j = 0; j < nz; ++j) {
      const double p = s[i][j] / ns;
      f[13] += (double(i + 1) - mu_i) * (double(i + 1) - mu_i) * p;
      f[14] += (double(j + 1) - mu_j) * (double(j + 1) - mu_j) * p;
    }
  return f;
}

}  // namespace voxfeat::test::zones_ref
