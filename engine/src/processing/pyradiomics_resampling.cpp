#include "processing/pyradiomics_resampling.hpp"

#include <algorithm>
#include <cmath>

#include "io/itk_resample.hpp"
#include "processing/roi_box.hpp"

namespace voxfeat::detail {
namespace {

io::ItkInterpolator itk_interpolator(InterpolationMethod m) {
  switch (m) {
    case InterpolationMethod::nearest: return io::ItkInterpolator::nearest;
    case InterpolationMethod::linear: return io::ItkInterpolator::linear;
    default: return io::ItkInterpolator::bspline;  // sitkBSpline, PyRadiomics' default
  }
}

}  // namespace

std::optional<Geometry> pyradiomics_grid(const Geometry& mask_grid, const IndexBox& box,
                                         const InterpolationSettings& s) {
  Vec3 spacing{};
  const Index3 extent = box.extent();
  for (int a = 0; a < 3; ++a) {
    spacing[a] = s.spacing[a] == 0.0 ? mask_grid.spacing[a] : s.spacing[a];  // 0: keep (resampledPixelSpacing)
    if (extent[a] == 1) spacing[a] = mask_grid.spacing[a];  // the ROI is one voxel thick along this axis
  }
  // numpy.allclose(image spacing, new spacing): |a − b| <= 1e-8 + 1e-5·|b|.
  bool same = true;
  for (int a = 0; a < 3; ++a)
    same = same && std::fabs(mask_grid.spacing[a] - spacing[a]) <= 1e-8 + 1e-5 * std::fabs(spacing[a]);
  if (same) return std::nullopt;

  Geometry g;
  g.spacing = spacing;
  g.direction = mask_grid.direction;
  Vec3 origin_index{};
  for (int a = 0; a < 3; ++a) {
    const double ratio = mask_grid.spacing[a] / spacing[a];
    // Bounds on the new grid: the box's voxel edges, padded, rounded outwards, kept within the image.
    double low = std::floor((double(box.lo[a]) - 0.5) * ratio - s.pad_distance);
    double high = std::ceil((double(box.hi[a]) - 0.5) * ratio + s.pad_distance);
    const double max_high = std::ceil(double(mask_grid.size[a]) * ratio) - 1.0;
    low = std::max(low, 0.0);
    high = std::min(high, max_high);
    g.size[a] = std::size_t(high - low + 1.0);
    // The new grid's first voxel centre sits half a new voxel from the corner of the mask's first voxel.
    origin_index[a] = 0.5 * (spacing[a] - mask_grid.spacing[a]) / mask_grid.spacing[a] + low / ratio;
  }
  g.origin = mask_grid.index_to_physical(origin_index[0], origin_index[1], origin_index[2]);
  return g;
}

ResampledCase pyradiomics_resample(const Volume<float>& image, const Volume<std::uint8_t>& mask,
                                   const InterpolationSettings& s, std::optional<IntegerPixelRange> integer_pixels) {
  const auto grid = pyradiomics_grid(mask.geometry(), bounding_box(mask), s);
  if (!grid) return {image, mask};
  std::optional<std::pair<double, double>> range;
  if (integer_pixels) range = std::pair{integer_pixels->min, integer_pixels->max};
  return {io::resample_with_itk(image, *grid, itk_interpolator(s.image), range),
          io::resample_mask_with_itk(mask, *grid)};
}

}  // namespace voxfeat::detail
