#include "texture/ngtdm.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "texture/ngtdm_formulas.hpp"
#include "texture/ngtdm_ngldm_neighbourhood.hpp"

namespace voxfeat::kernels::texture {
namespace {

void check_arguments(int delta, int level_count) {
  if (delta < 1) throw std::invalid_argument("NGTDM: distance must be at least 1, got " + std::to_string(delta));
  if (level_count < 1) throw std::invalid_argument("NGTDM: level count must be at least 1");
}

[[noreturn]] void level_out_of_range(std::int32_t level, int level_count) {
  throw std::invalid_argument("NGTDM: grey level " + std::to_string(level) + " above the level count " +
                              std::to_string(level_count));
}

NgtdmMatrix zero_matrix(std::size_t levels) {
  NgtdmMatrix m;
  m.counts.assign(levels, 0);
  m.sums.assign(levels, 0.0);
  return m;
}

/// cs[x], cw[x] for x in [lo, hi): the sum of the levels and the number of ROI voxels in column x of the n rows.
/// N: n as a compile-time count (0: unknown), so the row loop unrolls and the x loop vectorises.
template <std::size_t N, class Sum>
void column_sums(const std::int32_t* const* rows, std::size_t n, std::size_t lo, std::size_t hi, Sum* __restrict cs,
                 Sum* __restrict cw) {
  if constexpr (N != 0) n = N;
  for (std::size_t x = lo; x < hi; ++x) {
    Sum sum = 0, size = 0;
    for (std::size_t j = 0; j < n; ++j) sum += Sum(rows[j][x]), size += Sum(rows[j][x] > 0);
    cs[x] = sum, cw[x] = size;
  }
}

/// One chunk of rows. `Sum` is int32 when Ng · neighbourhood size fits (twice the vector width of int64).
/// The neighbourhood sum is separable: first the (2δ+1)^(d−1) neighbour rows are added column by column, then a
/// window of 2δ+1 columns is added, and the centre taken off: about half the passes of one pass per neighbour.
template <class Sum>
void build_chunk(const View3<std::int32_t>& scope, bool three_d, int delta, int level_count, std::size_t row_begin,
                 std::size_t row_end, NgtdmMatrix& part) {
  const std::size_t ex = scope.extent[0], ey = scope.extent[1];
  const auto d = std::size_t(delta);
  std::vector<Sum> column_sum(ex), column_size(ex), sum(ex), size(ex);
  std::vector<const std::int32_t*> rows;  // the neighbourhood rows of the current row
  // 1 / W_k from a table: the same product everywhere, so chunks and thread counts agree bit for bit.
  const std::size_t side = 2 * d + 1;
  std::vector<double> inverse((three_d ? side * side * side : side * side), 0.0);
  for (std::size_t w = 1; w < inverse.size(); ++w) inverse[w] = 1.0 / double(w);
  for (std::size_t r = row_begin; r < row_end; ++r) {
    const std::int32_t* row = scope.data + r * ex;
    const RowSpan span = roi_span(row, ex);
    if (span.empty()) continue;
    // Columns that can be neighbours of the span's centres.
    const std::size_t lo = span.begin > d ? span.begin - d : 0, hi = std::min(ex, span.end + d);
    Sum* __restrict cs = column_sum.data();
    Sum* __restrict cw = column_size.data();
    // Voxels outside the ROI hold level 0: they add nothing to the sum, and are not counted in W_k. All neighbour
    // rows in one pass: the sums are stored once, not loaded and stored once per row.
    rows.clear();
    for_each_neighbourhood_row(scope, three_d, delta, r % ey, r / ey,
                               [&](const std::int32_t* nb, int, int) { rows.push_back(nb); });
    if (rows.size() == 9)  // 3D, δ = 1
      column_sums<9>(rows.data(), rows.size(), lo, hi, cs, cw);
    else if (rows.size() == 3)  // 2D, δ = 1
      column_sums<3>(rows.data(), rows.size(), lo, hi, cs, cw);
    else
      column_sums<0>(rows.data(), rows.size(), lo, hi, cs, cw);
    Sum* __restrict s = sum.data();
    Sum* __restrict w = size.data();
    for (std::size_t x = span.begin; x < span.end; ++x) s[x] = -Sum(row[x]), w[x] = -Sum(row[x] > 0);
    for (std::ptrdiff_t dx = -std::ptrdiff_t(d); dx <= std::ptrdiff_t(d); ++dx) {
      const std::size_t begin = std::size_t(std::max<std::ptrdiff_t>(std::ptrdiff_t(span.begin), -dx));
      const std::size_t end = std::size_t(std::min<std::ptrdiff_t>(std::ptrdiff_t(span.end), std::ptrdiff_t(ex) - dx));
      const Sum* __restrict ncs = cs + dx;
      const Sum* __restrict ncw = cw + dx;
      for (std::size_t x = begin; x < end; ++x) s[x] += ncs[x], w[x] += ncw[x];
    }
    for (std::size_t x = span.begin; x < span.end; ++x) {
      const std::int32_t level = row[x];
      if (level <= 0) continue;
      if (level > level_count) level_out_of_range(level, level_count);
      if (w[x] == 0) continue;  // no valid neighbourhood: not counted in n_i
      // |i − S/W| computed as |i·W − S| · (1/W): integer numerator, exact until the last product.
      const auto n = static_cast<std::int64_t>(w[x]);
      const std::int64_t numerator = std::int64_t(level) * n - static_cast<std::int64_t>(s[x]);
      part.counts[std::size_t(level - 1)] += 1;
      part.sums[std::size_t(level - 1)] += double(numerator < 0 ? -numerator : numerator) * inverse[std::size_t(n)];
    }
  }
}

}  // namespace

void NgtdmMatrix::merge(const NgtdmMatrix& other) {
  if (other.counts.size() > counts.size()) counts.resize(other.counts.size(), 0), sums.resize(other.sums.size(), 0.0);
  for (std::size_t i = 0; i < other.counts.size(); ++i) counts[i] += other.counts[i], sums[i] += other.sums[i];
  total += other.total;
}

NgtdmMatrix ngtdm_matrix(const View3<std::int32_t>& scope, bool three_d, int delta, int level_count) {
  check_arguments(delta, level_count);
  const auto levels = static_cast<std::size_t>(level_count);
  // Chunk partials are dense over Ng: at most 2^22 levels × chunks in all (64 MiB), at most 64 chunks.
  const RowChunks chunks = row_chunks(scope, std::min<std::size_t>(64, (std::size_t(1) << 22) / levels));
  const std::size_t side = 2 * std::size_t(delta) + 1;
  const std::size_t neighbourhood = three_d ? side * side * side : side * side;
  const bool narrow = double(level_count) * double(neighbourhood) < double(std::numeric_limits<std::int32_t>::max());
  std::vector<NgtdmMatrix> parts(chunks.count);
  tbb::parallel_for(std::size_t(0), chunks.count, [&](std::size_t c) {
    parts[c] = zero_matrix(levels);
    if (narrow)
      build_chunk<std::int32_t>(scope, three_d, delta, level_count, chunks.begin(c), chunks.end(c), parts[c]);
    else
      build_chunk<std::int64_t>(scope, three_d, delta, level_count, chunks.begin(c), chunks.end(c), parts[c]);
  });
  NgtdmMatrix result = zero_matrix(levels);
  for (const auto& part : parts) result.merge(part);  // chunk order: the same sums for any thread count
  result.total = 0;
  for (const auto n : result.counts) result.total += n;
  return result;
}

NgtdmMatrix ngtdm_matrix_reference(const View3<std::int32_t>& scope, bool three_d, int delta, int level_count) {
  check_arguments(delta, level_count);
  NgtdmMatrix m = zero_matrix(std::size_t(level_count));
  const auto ex = std::ptrdiff_t(scope.extent[0]), ey = std::ptrdiff_t(scope.extent[1]),
             ez = std::ptrdiff_t(scope.extent[2]);
  const int dz_max = three_d ? delta : 0;
  for (std::ptrdiff_t z = 0; z < ez; ++z)
    for (std::ptrdiff_t y = 0; y < ey; ++y)
      for (std::ptrdiff_t x = 0; x < ex; ++x) {
        const std::int32_t level = scope(std::size_t(x), std::size_t(y), std::size_t(z));
        if (level <= 0) continue;
        if (level > level_count) level_out_of_range(level, level_count);
        double sum = 0.0;  // X̄_k over the ROI neighbours only (IBSI's W_k)
        int w = 0;
        for (int dz = -dz_max; dz <= dz_max; ++dz)
          for (int dy = -delta; dy <= delta; ++dy)
            for (int dx = -delta; dx <= delta; ++dx) {
              if (dx == 0 && dy == 0 && dz == 0) continue;
              const std::ptrdiff_t nx = x + dx, ny = y + dy, nz = z + dz;
              if (nx < 0 || ny < 0 || nz < 0 || nx >= ex || ny >= ey || nz >= ez) continue;
              const std::int32_t v = scope(std::size_t(nx), std::size_t(ny), std::size_t(nz));
              if (v > 0) sum += v, ++w;
            }
        if (w == 0) continue;  // no valid neighbourhood: the voxel is not counted in n_i
        m.counts[std::size_t(level - 1)] += 1;
        m.sums[std::size_t(level - 1)] += std::abs(double(level) - sum / w);
        m.total += 1;
      }
  return m;
}

void ngtdm_features(const NgtdmMatrix& matrix, std::span<double> out) {
  if (out.size() < NgtdmSlot::count) throw std::invalid_argument("ngtdm_features: output too short");
  std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
  if (matrix.empty()) return;
  std::vector<double> level, p, s, ip;
  const double total = double(matrix.total);
  for (std::size_t i = 0; i < matrix.counts.size(); ++i) {
    if (matrix.counts[i] == 0) continue;
    level.push_back(double(i + 1));
    p.push_back(double(matrix.counts[i]) / total);
    s.push_back(matrix.sums[i]);
    ip.push_back(level.back() * p.back());
  }
  std::sort(ip.begin(), ip.end());
  const NgtdmLevels m{level.data(), p.data(), s.data(), level.size(), ip.data(), total};
  out[NgtdmSlot::coarseness] = texture::ngtdm_coarseness(m);
  out[NgtdmSlot::contrast] = texture::ngtdm_contrast(m);
  out[NgtdmSlot::busyness] = texture::ngtdm_busyness(m);
  out[NgtdmSlot::complexity] = texture::ngtdm_complexity(m);
  out[NgtdmSlot::strength] = texture::ngtdm_strength(m);
}

}  // namespace voxfeat::kernels::texture
