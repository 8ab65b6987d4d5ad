#include "pyradiomics/gldm.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "pyradiomics/matrix_entropy.hpp"
#include "pyradiomics/neighbour_rows.hpp"
#include "texture/size_zone_formulas.hpp"
#include "texture/zone_matrix.hpp"

namespace voxfeat::kernels::pyradiomics {
namespace {

/// One chunk's counts, dense over (present level, dependence), and its row of dependence counts.
struct Partial {
  std::vector<std::uint64_t> counts;
  std::vector<std::int32_t> dependence;
};

}  // namespace

texture::CountMatrix gldm_matrix(const GreyLevels& levels, std::span<const Offset> offsets, double alpha) {
  for (const Offset& o : offsets)
    if (o == Offset{}) throw std::invalid_argument("PyRadiomics GLDM: an offset of 0");
  const auto columns = std::uint32_t(offsets.size() + 1);  // dependence 0 … N_a
  const std::size_t rows = levels.present.size();
  texture::CountMatrix matrix(std::uint32_t(levels.ng), columns);
  if (rows == 0) return matrix;
  // Levels are integers: |i − j| ≤ α iff |i − j| ≤ ⌊α⌋ (no level pair is dependent for α < 0).
  const auto a = std::int32_t(std::clamp(std::floor(alpha), -1.0, double(std::numeric_limits<std::int32_t>::max())));
  const std::vector<std::int32_t> level_row = present_level_rows(levels);
  const View3<std::int32_t> box = levels_view(levels);
  const std::size_t cells = rows * columns;
  const auto partials = sweep_row_chunks(
      box, chunks_for(cells),
      [&] { return Partial{std::vector<std::uint64_t>(cells, 0), std::vector<std::int32_t>(box.extent[0])}; },
      [&](Partial& part, const std::int32_t* centre, std::size_t y, std::size_t z, texture::RowSpan span) {
        std::int32_t* __restrict dependence = part.dependence.data();
        std::fill(dependence + span.begin, dependence + span.end, 0);
        for_each_offset_row(box, offsets, y, z, span,
                            [&](const std::int32_t* __restrict neighbour, std::size_t begin, std::size_t end) {
                              // Branch-free, so the pass vectorises; levels are ≥ 0, so the difference cannot
                              // overflow. Outside the ROI the neighbour is 0 and never counts.
                              for (std::size_t x = begin; x < end; ++x) {
                                const std::int32_t d = neighbour[x] - centre[x];
                                dependence[x] += std::int32_t((neighbour[x] > 0) & (d <= a) & (d >= -a));
                              }
                            });
        for (std::size_t x = span.begin; x < span.end; ++x)
          if (centre[x] > 0)
            ++part.counts[std::size_t(level_row[std::size_t(centre[x])]) * columns + std::size_t(dependence[x])];
      });
  std::vector<std::uint64_t> total(cells, 0);
  for (const Partial& part : partials)
    for (std::size_t k = 0; k < cells; ++k) total[k] += part.counts[k];
  for (std::size_t r = 0; r < rows; ++r)
    for (std::uint32_t c = 0; c < columns; ++c)
      matrix.push_sorted({std::uint32_t(levels.present[r] - 1), c, total[r * columns + c]});
  return matrix;
}

GldmFeatures gldm_features(const texture::CountMatrix& matrix) {
  if (matrix.empty()) throw std::invalid_argument("PyRadiomics GLDM: empty matrix");
  // PyRadiomics' formulas are IBSI's size-zone formulas with "dependence" for "zone size", N_z = N_p and the grey
  // level as i (texture/size_zone_formulas.hpp), its entropy aside.
  std::array<double, texture::size_zone_feature_count> v{};
  texture::size_matrix_features(matrix, matrix.total(), v);
  using namespace texture;
  return {v[small_emphasis],          v[large_emphasis],           v[grey_non_uniformity],
          v[size_non_uniformity],     v[size_non_uniformity_norm], v[grey_variance],
          v[size_variance],           entropy_with_eps(matrix),    v[low_grey_emphasis],
          v[high_grey_emphasis],      v[small_low_grey_emphasis],  v[small_high_grey_emphasis],
          v[large_low_grey_emphasis], v[large_high_grey_emphasis]};
}

}  // namespace voxfeat::kernels::pyradiomics
