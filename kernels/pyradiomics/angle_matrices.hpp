#pragma once
// What PyRadiomics' GLCM and GLRLM classes share once their C code has counted one matrix per angle
// (radiomics/glcm.py and radiomics/glrlm.py, _calculateMatrix): rows of grey levels absent from the ROI dropped,
// optional distance weighting that sums the angles into one matrix (weightingNorm), angles without any count dropped,
// and features computed per angle, then averaged over the angles with numpy.nanmean.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "pyradiomics/angles.hpp"
#include "pyradiomics/binning.hpp"
#include "texture/directions.hpp"

namespace voxfeat::kernels::pyradiomics {

/// weightingNorm: `none` keeps one matrix per angle (features averaged over angles); the others sum the angle
/// matrices, each weighted by a function of the angle's length in mm under that norm (no_weighting: weight 1).
enum class WeightingNorm { none, infinity, euclidean, manhattan, no_weighting };

/// One matrix per angle, all of rows × cols, stored angle after angle, each row-major.
struct AngleMatrices {
  std::size_t rows = 0, cols = 0;
  std::vector<double> values;

  [[nodiscard]] std::size_t angle_count() const { return rows * cols == 0 ? 0 : values.size() / (rows * cols); }
  [[nodiscard]] std::span<const double> angle(std::size_t a) const {
    return std::span<const double>(values).subspan(a * rows * cols, rows * cols);
  }
  [[nodiscard]] std::span<double> angle(std::size_t a) {
    return std::span<double>(values).subspan(a * rows * cols, rows * cols);
  }
};

/// The length in mm of `offset` under `norm` (voxel `spacing` x, y, z), as PyRadiomics measures it from
/// abs(angle) * pixelSpacing: the largest component (infinity), the Euclidean length, the sum of components
/// (manhattan); 1 for no_weighting. Not defined for `none`.
double angle_length(Offset offset, const std::array<double, 3>& spacing, WeightingNorm norm);

/// numpy.sum(P * weights, angle axis, keepdims=True): the angle matrices summed into one, each times its weight.
void sum_weighted_angles(AngleMatrices& matrices, std::span<const double> weights);

/// Drops the angles whose matrix sums to 0, as PyRadiomics does when more than one angle is left ("Delete empty
/// angles"); a single (weighted) matrix is kept even when empty.
void drop_empty_angles(AngleMatrices& matrices);

/// numpy.nanmean: the mean of the values that are not NaN; NaN when there is none.
double nanmean(std::span<const double> values);

/// Every field of per-angle feature values averaged over the angles with nanmean (glcm.py and glrlm.py:
/// numpy.nanmean(values, 1)).
template <class Features, std::size_t N>
Features nanmean_per_field(std::span<const Features> per_angle, const std::array<double Features::*, N>& fields) {
  Features f{};
  std::vector<double> values(per_angle.size());
  for (const auto field : fields) {
    for (std::size_t a = 0; a < per_angle.size(); ++a) values[a] = per_angle[a].*field;
    f.*field = nanmean(values);
  }
  return f;
}

/// The ROI's levels as the texture kernels' scope (texture/glcm.hpp, texture/glrlm.hpp): level > 0 in the ROI.
View3<std::int32_t> scope_of(const GreyLevels& levels);

/// The angles as the texture kernels' offsets (the same x, y, z components).
std::vector<texture::Offset> texture_offsets(std::span<const Offset> angles);

/// Row of each grey level 0..ng among the present levels (ascending), −1 for an absent level: the rows PyRadiomics
/// keeps after deleting the grey levels not present in the ROI.
std::vector<int> rows_of_levels(std::span<const int> present, int ng);

}  // namespace voxfeat::kernels::pyradiomics
