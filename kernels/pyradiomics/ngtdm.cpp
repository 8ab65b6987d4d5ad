#include "pyradiomics/ngtdm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "pyradiomics/neighbour_rows.hpp"
#include "texture/ngtdm_formulas.hpp"

namespace voxfeat::kernels::pyradiomics {
namespace {

/// One chunk's n_i and s_i over the present levels, and its rows of neighbourhood sums and sizes.
template <class Sum>
struct Partial {
  std::vector<std::uint64_t> counts;
  std::vector<double> sums;
  std::vector<Sum> level_sum, size;
};

/// `Sum` is int32 when N_a · N_g fits in it (twice as many lanes per vector as int64).
template <class Sum>
NgtdmMatrix build(const GreyLevels& levels, std::span<const Offset> offsets) {
  const std::size_t rows = levels.present.size();
  const std::vector<std::int32_t> level_row = present_level_rows(levels);
  const View3<std::int32_t> box = levels_view(levels);
  const std::size_t ex = box.extent[0];
  const auto partials = sweep_row_chunks(
      box, chunks_for(2 * rows),
      [&] {
        return Partial<Sum>{std::vector<std::uint64_t>(rows, 0), std::vector<double>(rows, 0.0),
                            std::vector<Sum>(ex), std::vector<Sum>(ex)};
      },
      [&](Partial<Sum>& part, const std::int32_t* centre, std::size_t y, std::size_t z, texture::RowSpan span) {
        Sum* __restrict level_sum = part.level_sum.data();
        Sum* __restrict size = part.size.data();
        std::fill(level_sum + span.begin, level_sum + span.end, Sum(0));
        std::fill(size + span.begin, size + span.end, Sum(0));
        for_each_offset_row(box, offsets, y, z, span,
                            [&](const std::int32_t* __restrict neighbour, std::size_t begin, std::size_t end) {
                              // Outside the ROI the level is 0: it adds nothing to the sum and is not counted.
                              for (std::size_t x = begin; x < end; ++x)
                                level_sum[x] += Sum(neighbour[x]), size[x] += Sum(neighbour[x] > 0);
                            });
        for (std::size_t x = span.begin; x < span.end; ++x) {
          if (centre[x] <= 0) continue;
          const auto r = std::size_t(level_row[std::size_t(centre[x])]);
          // cmatrices.c: |i − sum / count|, and a difference of 0 (still counted) without an ROI neighbour.
          ++part.counts[r];
          if (size[x] > 0) part.sums[r] += std::fabs(double(centre[x]) - double(level_sum[x]) / double(size[x]));
        }
      });
  NgtdmMatrix m{levels.present, std::vector<std::uint64_t>(rows, 0), std::vector<double>(rows, 0.0)};
  for (const auto& part : partials)  // chunk order: the same sums for any thread count
    for (std::size_t r = 0; r < rows; ++r) m.counts[r] += part.counts[r], m.sums[r] += part.sums[r];
  return m;
}

}  // namespace

NgtdmMatrix ngtdm_matrix(const GreyLevels& levels, std::span<const Offset> offsets) {
  for (const Offset& o : offsets)
    if (o == Offset{}) throw std::invalid_argument("PyRadiomics NGTDM: an offset of 0");
  const bool narrow =
      double(levels.ng) * double(offsets.size()) < double(std::numeric_limits<std::int32_t>::max());
  return narrow ? build<std::int32_t>(levels, offsets) : build<std::int64_t>(levels, offsets);
}

NgtdmFeatures ngtdm_features(const NgtdmMatrix& matrix) {
  if (matrix.levels.empty()) throw std::invalid_argument("PyRadiomics NGTDM: empty matrix");
  // PyRadiomics' formulas are IBSI's (texture/ngtdm_formulas.hpp) over the present levels, with p_i = n_i / N_v,p.
  double total = 0.0;
  for (const auto n : matrix.counts) total += double(n);
  std::vector<double> level, p, ip;
  for (std::size_t k = 0; k < matrix.levels.size(); ++k) {
    level.push_back(double(matrix.levels[k]));
    p.push_back(double(matrix.counts[k]) / total);
    ip.push_back(level.back() * p.back());
  }
  std::sort(ip.begin(), ip.end());
  const texture::NgtdmLevels m{level.data(), p.data(), matrix.sums.data(), level.size(), ip.data(), total};
  // IBSI's busyness is undefined (NaN) when all i p_i are equal; PyRadiomics returns 0 (getBusynessFeatureValue).
  const double busyness = texture::ngtdm_busyness(m);
  return {texture::ngtdm_coarseness(m), texture::ngtdm_contrast(m), std::isnan(busyness) ? 0.0 : busyness,
          texture::ngtdm_complexity(m), texture::ngtdm_strength(m)};
}

}  // namespace voxfeat::kernels::pyradiomics
