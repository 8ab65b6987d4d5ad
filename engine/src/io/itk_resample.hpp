#pragma once
// Resampling with ITK's ResampleImageFilter and interpolators, as SimpleITK (and so PyRadiomics) resamples: the
// PyRadiomics profile's resampling and mask correction (docs/pyradiomics.md). voxfeat's IBSI interpolation has its
// own kernels (kernels/resample); this is for bit-level agreement with SimpleITK only.
#include <cstdint>
#include <optional>
#include <utility>

#include "voxfeat/volume.hpp"

namespace voxfeat::io {

enum class ItkInterpolator { nearest, linear, bspline };

/// `image` resampled at the voxel centres of `target` (any placement). Points outside the image (beyond its edge
/// voxels' half-widths) get 0, ITK's default pixel value. `integer_range` (min, max of an integer type): the values
/// are cast to that type as ITK's ResampleImageFilter casts to an integer output type (clamped, truncated to zero).
Volume<float> resample_with_itk(const Volume<float>& image, const Geometry& target, ItkInterpolator how,
                                std::optional<std::pair<double, double>> integer_range = std::nullopt);

/// A mask resampled onto `target` by nearest neighbour (SimpleITK's sitkNearestNeighbor).
Volume<std::uint8_t> resample_mask_with_itk(const Volume<std::uint8_t>& mask, const Geometry& target);

}  // namespace voxfeat::io
