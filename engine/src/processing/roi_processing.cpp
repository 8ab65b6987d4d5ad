#include "processing/roi_processing.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include "extraction/device_choice.hpp"
#include "processing/pyradiomics_resampling.hpp"
#include "processing/roi_box.hpp"
#include "resample/resample.hpp"
#include "support/view_of.hpp"
#include "voxfeat/error.hpp"

#if VOXFEAT_HAVE_CUDA
#include "resample.hpp"  // cuda/resample.hpp
#endif

namespace voxfeat::detail {
namespace {

kernels::Interpolator interpolator(InterpolationMethod m) {
  switch (m) {
    case InterpolationMethod::nearest: return kernels::Interpolator::nearest;
    case InterpolationMethod::cubic_spline: return kernels::Interpolator::cubic_spline;
    default: return kernels::Interpolator::linear;
  }
}

/// The interpolation grid: the axis maps and the target's physical placement (axis-aligned with the source).
struct TargetGrid {
  kernels::GridMap map;
  Geometry geometry;
};

TargetGrid target_grid(const Geometry& source, const InterpolationSettings& s) {
  TargetGrid grid{kernels::identity_grid(source.size), source};
  if (s.image == InterpolationMethod::none) return grid;
  grid.map = kernels::ibsi_interpolation_grid(source.size, source.spacing, s.spacing, {true, true, !s.in_plane_only});
  for (int a = 0; a < 3; ++a) {
    grid.geometry.size[a] = grid.map[a].size;
    grid.geometry.spacing[a] = grid.map[a].step * source.spacing[a];
  }
  grid.geometry.origin = source.index_to_physical(grid.map[0].start, grid.map[1].start, grid.map[2].start);
  return grid;
}

/// Target-grid box covering the source box `roi` plus `margin_mm`, clamped to the grid.
IndexBox target_box(const TargetGrid& grid, const IndexBox& roi, double margin_mm) {
  IndexBox box;
  for (int a = 0; a < 3; ++a) {
    const kernels::AxisMap& axis = grid.map[a];
    // An interpolated point sees the ROI when its source position lies within one source voxel of the ROI box.
    const double reach = axis.identity ? 0.0 : 1.0;
    const double lo = (double(roi.lo[a]) - reach - axis.start) / axis.step;
    const double hi = (double(roi.hi[a]) - 1.0 + reach - axis.start) / axis.step;
    const double margin = std::ceil(margin_mm / grid.geometry.spacing[a]);
    box.lo[a] = std::size_t(std::clamp(std::ceil(lo) - margin, 0.0, double(axis.size)));
    box.hi[a] = std::size_t(std::clamp(std::floor(hi) + 1.0 + margin, 0.0, double(axis.size)));
  }
  return box;
}

/// Source box the interpolator reads for the target points of `grid` (already a sub-grid), clamped.
IndexBox source_box(const kernels::GridMap& grid, const Geometry& source, int support) {
  IndexBox box;
  for (int a = 0; a < 3; ++a) {
    const kernels::AxisMap& axis = grid[a];
    const double first = axis.start, last = axis.start + double(axis.size - 1) * axis.step;
    const int s = axis.identity ? 0 : support;
    box.lo[a] = std::size_t(std::clamp(std::floor(first) - s, 0.0, double(source.size[a])));
    box.hi[a] = std::size_t(std::clamp(std::ceil(last) + 1.0 + s, 0.0, double(source.size[a])));
  }
  return box;
}

using plugins::view_of;  // the one bridge from Volume to a kernel view

void refuse_non_finite(const Volume<float>& crop, const Volume<std::uint8_t>& mask_crop, const IndexBox& box,
                       const std::string& case_name) {
  const Index3& n = crop.size();
  const std::size_t plane = n[0] * n[1];
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> first_bad(n[2], none);
  const float* v = crop.data();
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    // First whether the slice holds any: a branch-free test of the exponent bits (all set: NaN or ±inf) that the
    // compiler vectorises, where std::isfinite per voxel with an early exit does not.
    std::uint32_t bad = 0;
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i)
      bad |= std::uint32_t((std::bit_cast<std::uint32_t>(v[i]) & 0x7f800000u) == 0x7f800000u);
    if (!bad) return;
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i)
      if (!std::isfinite(v[i])) {
        first_bad[z] = i;
        return;
      }
  });
  for (std::size_t z = 0; z < n[2]; ++z)
    if (const std::size_t i = first_bad[z]; i != none)
      throw InputError(fmt::format("{}: the image holds a non-finite value ({}) at voxel ({}, {}, {}) {} the ROI",
                                   case_name, v[i], box.lo[0] + i % n[0], box.lo[1] + (i / n[0]) % n[1],
                                   box.lo[2] + i / plane, mask_crop.data()[i] ? "inside" : "next to"));
}

void round_in_place(Volume<float>& image) {
  float* v = image.data();
  tbb::parallel_for(std::size_t(0), image.voxel_count(), [&](std::size_t i) { v[i] = std::round(v[i]); });
}

bool any_voxel(const Volume<std::uint8_t>& mask) {
  const auto& v = mask.values();
  return std::find(v.begin(), v.end(), std::uint8_t(1)) != v.end();
}

/// PyRadiomics' whole-image normalisation: scale · (x − μ) / σ, μ and σ (sample SD, as SimpleITK's Normalize) over
/// every voxel of the image. Per-slice sums combined in slice order: independent of the thread count.
struct Normaliser {
  double mean = 0.0, sd = 1.0, scale = 1.0;
  double outliers = INFINITY;  ///< z-scores are clamped to ±this before scaling (removeOutliers)
  bool enabled = false;
};

Normaliser normaliser(const Volume<float>& image, const NormalisationSettings& settings,
                      const std::string& case_name) {
  Normaliser n;
  if (!settings.enabled) return n;
  const Index3& size = image.size();
  const std::size_t plane = size[0] * size[1];
  const float* v = image.data();
  std::vector<double> sums(size[2], 0.0), squares(size[2], 0.0);
  tbb::parallel_for(std::size_t(0), size[2], [&](std::size_t z) {
    double s = 0.0;
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i) s += v[i];
    sums[z] = s;
  });
  double total = 0.0;
  for (double s : sums) total += s;
  const double count = double(image.voxel_count());
  n.mean = total / count;
  tbb::parallel_for(std::size_t(0), size[2], [&](std::size_t z) {
    double s = 0.0;
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i) s += (v[i] - n.mean) * (v[i] - n.mean);
    squares[z] = s;
  });
  double sq = 0.0;
  for (double s : squares) sq += s;
  n.sd = count > 1 ? std::sqrt(sq / (count - 1.0)) : 0.0;
  if (!std::isfinite(n.mean) || !(n.sd > 0.0) || !std::isfinite(n.sd))
    throw InputError(case_name + ": the image cannot be normalised (flat, or holding non-finite values)");
  n.scale = settings.scale;
  if (settings.remove_outliers) n.outliers = *settings.remove_outliers;
  n.enabled = true;
  return n;
}

void normalise_in_place(Volume<float>& image, const Normaliser& n) {
  if (!n.enabled) return;
  float* v = image.data();
  tbb::parallel_for(std::size_t(0), image.voxel_count(),
                    [&](std::size_t i) {
                      const double z = (double(v[i]) - n.mean) / n.sd;
                      v[i] = float(std::clamp(z, -n.outliers, n.outliers) * n.scale);
                    });
}

/// The settings' minimum ROI extent (PyRadiomics' minimumROIDimensions / minimumROISize).
void refuse_too_small(const Volume<std::uint8_t>& morphological_mask, const Settings& settings,
                      const std::string& case_name) {
  if (settings.minimum_roi_dimensions <= 1 && settings.minimum_roi_voxels == 0) return;
  const IndexBox box = bounding_box(morphological_mask);
  int dimensions = 0;
  for (int a = 0; a < 3; ++a) dimensions += box.extent()[a] > 1 ? 1 : 0;
  if (dimensions < settings.minimum_roi_dimensions)
    throw InputError(fmt::format("{}: the ROI extends along {} axis/axes; the settings require at least {} "
                                 "(minimum_roi.dimensions)", case_name, dimensions, settings.minimum_roi_dimensions));
  std::size_t voxels = 0;
  for (auto v : morphological_mask.values()) voxels += v;
  if (voxels < settings.minimum_roi_voxels)
    throw InputError(fmt::format("{}: the ROI holds {} voxels; the settings require at least {} (minimum_roi.voxels)",
                                 case_name, voxels, settings.minimum_roi_voxels));
}

/// The IBSI interpolation on the GPU where `execution` sends work there (cuda/resample.hpp: the CPU's values);
/// false when it did not run there (no device, CPU backend, a small ROI under auto, or a grid the GPU refuses).
bool resample_on_gpu(const ExecutionContext& execution, const Volume<float>& image_crop,
                     const Volume<std::uint8_t>& mask_crop, const kernels::GridMap& local, kernels::Interpolator how,
                     kernels::Interpolator mask_how, const InterpolationSettings& is, ProcessedRoi& out) {
#if VOXFEAT_HAVE_CUDA
  if (!gpu_computes(execution, out.image.voxel_count())) return false;
  const auto stream = static_cast<cudaStream_t>(execution.stream);
  try {
    VOXFEAT_CUDA_CHECK(cudaSetDevice(execution.device));
    cuda::resample_image(view_of(image_crop), local, how, is.round_intensities, out.image.data(), stream);
    cuda::resample_mask(view_of(mask_crop), local, mask_how, is.partial_volume_threshold,
                        out.morphological_mask.data(), stream);
    return true;
  } catch (const std::invalid_argument&) {  // refused before any CUDA call: the CPU resamples
    return false;
  }
#else
  (void)execution, (void)image_crop, (void)mask_crop, (void)local, (void)how, (void)mask_how, (void)is, (void)out;
  return false;
#endif
}

}  // namespace

ProcessedRoi process_roi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
                         ProcessingExtent extent, const std::string& case_name,
                         std::optional<IntegerPixelRange> integer_pixels, const ExecutionContext& execution) {
  const IndexBox roi_box = bounding_box(mask);
  if (roi_box.empty()) throw InputError(case_name + ": the mask selects no voxel (empty ROI)");
  const InterpolationSettings& is = settings.interpolation;
  if (is.grid == InterpolationGrid::pyradiomics && is.image != InterpolationMethod::none) {
    // PyRadiomics normalises the whole image when it loads it (a real-valued image then), resamples the ROI's
    // neighbourhood, and processes the result as an image without interpolation.
    ResampledCase resampled;
    if (settings.normalisation.enabled) {
      Volume<float> normalised = image;
      normalise_in_place(normalised, normaliser(image, settings.normalisation, case_name));
      resampled = pyradiomics_resample(normalised, mask, is, std::nullopt);
    } else {
      resampled = pyradiomics_resample(image, mask, is, integer_pixels);
    }
    Settings on_new_grid = settings;
    on_new_grid.interpolation = InterpolationSettings{};
    on_new_grid.normalisation.enabled = false;
    if (bounding_box(resampled.mask).empty())
      throw InputError(case_name + ": the ROI vanishes on the resampled grid");
    return process_roi(resampled.image, resampled.mask, on_new_grid, extent, case_name);
  }
  const TargetGrid grid = target_grid(image.geometry(), is);
  const Normaliser normalise = normaliser(image, settings.normalisation, case_name);
  const IndexBox tbox = extent == ProcessingExtent::whole_image
                            ? IndexBox{{0, 0, 0}, grid.geometry.size}
                            : target_box(grid, roi_box, local_intensity_margin_mm);

  ProcessedRoi out;
  if (is.image == InterpolationMethod::none) {
    out.image = crop_parallel(image, tbox);
    out.morphological_mask = crop_parallel(mask, tbox);
    refuse_non_finite(out.image, out.morphological_mask, tbox, case_name);
    normalise_in_place(out.image, normalise);
    if (is.round_intensities) round_in_place(out.image);
  } else {
    const kernels::GridMap sub = kernels::sub_grid(grid.map, tbox.lo, tbox.hi);
    const kernels::Interpolator how = interpolator(is.image), mask_how = interpolator(is.mask);
    const int support = std::max(kernels::interpolation_support(how), kernels::interpolation_support(mask_how));
    const IndexBox sbox = source_box(sub, image.geometry(), support);
    Volume<float> image_crop = crop_parallel(image, sbox);
    const Volume<std::uint8_t> mask_crop = crop_parallel(mask, sbox);
    refuse_non_finite(image_crop, mask_crop, sbox, case_name);
    normalise_in_place(image_crop, normalise);
    const kernels::GridMap local = kernels::relative_to_crop(sub, sbox.lo);
    Geometry g = grid.geometry;
    g.origin = grid.geometry.index_to_physical(double(tbox.lo[0]), double(tbox.lo[1]), double(tbox.lo[2]));
    g.size = tbox.extent();
    out.image = Volume<float>(g);
    out.morphological_mask = Volume<std::uint8_t>(g);
    if (!resample_on_gpu(execution, image_crop, mask_crop, local, how, mask_how, is, out)) {
      kernels::resample_image(view_of(image_crop), local, how, is.round_intensities, out.image.data());
      kernels::resample_mask(view_of(mask_crop), local, mask_how, is.partial_volume_threshold,
                             out.morphological_mask.data());
    }
    if (!any_voxel(out.morphological_mask))
      throw InputError(fmt::format(
          "{}: the ROI vanishes on the {} mm interpolation grid (no voxel reaches the partial-volume threshold {})",
          case_name, fmt::join(grid.geometry.spacing, " × "), is.partial_volume_threshold));
  }
  refuse_too_small(out.morphological_mask, settings, case_name);
  out.resegmentation = resegmentation_interval(out.image, out.morphological_mask, settings.resegmentation);
  // Without re-segmentation the intensity mask stays empty: it is the morphological mask (see ProcessedRoi).
  if (settings.resegmentation.any())
    out.intensity_mask = intensity_mask(out.image, out.morphological_mask, out.resegmentation);
  if (settings.resegmentation.apply_to_morphology && !out.intensity_mask.empty()) {
    // PyRadiomics' resegmentShape: the shape is that of the re-segmented ROI, which must then hold a voxel.
    out.morphological_mask = std::move(out.intensity_mask);
    out.intensity_mask = Volume<std::uint8_t>();
    if (bounding_box(out.morphological_mask).empty())
      throw InputError(case_name + ": re-segmentation leaves no voxel of the ROI, and it applies to the shape too");
  }
  return out;
}

}  // namespace voxfeat::detail
