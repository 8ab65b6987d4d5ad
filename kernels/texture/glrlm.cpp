#include "texture/glrlm.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "texture/glrlm_formulas.hpp"

namespace voxfeat::kernels::texture {
namespace {

constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();
constexpr std::size_t dense_cell_limit = std::size_t(1) << 20;

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

}  // namespace

RunLengthMatrix glrlm_matrix(const View3<std::int32_t>& scope, Offset d, std::uint32_t ng) {
  check_direction(d);
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
  if (out.size() != glrlm::feature_count) throw std::invalid_argument("glrlm_features: wrong output size");
  if (matrix.empty()) return;  // caller's NaN stay
  const std::uint32_t ng = matrix.runs.rows(), nr = matrix.runs.cols();
  std::vector<double> work(glrlm::workspace_size(ng, nr));
  const auto entries = matrix.runs.entries();
  glrlm::glrlm_features(entries.data(), entries.size(), matrix.runs.total(), matrix.voxels, ng, nr, work.data(),
                        out.data());
}

}  // namespace voxfeat::kernels::texture
