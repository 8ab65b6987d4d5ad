#pragma once
// `voxfeat objects` on an image too large to hold whole (a 16k × 16k slide): both files read in row bands, objects
// measured in batches as they complete (kernels::microscopy::measure_streamed_batches), every family run on each
// batch through an ObjectContext over the rolling window, and the features that need the whole image (neighbours)
// filled at the end. The rows equal the whole-plane computation's.
#include <cstdint>
#include <string>

#include "microscopy/object_features.hpp"
#include "microscopy/object_image.hpp"

namespace voxfeat::detail {

/// Label planes of more pixels than this are streamed by default (`--stream-above-megapixels`): 64 Mpx (8192²)
/// whole would take 512 MiB for the two planes.
inline constexpr std::size_t default_stream_above_pixels = std::size_t(64) << 20;

/// The rows of every object of `source`, read `band_rows` rows at a time. Families run on the CPU (the GPU paths
/// copy whole planes). Memory: the rolling window (kernels/microscopy/streamed_measurement.hpp) and the result rows
/// (objects × columns × 8 bytes). Throws what ObjectImage::load throws for the same files.
ObjectRows compute_object_features_streamed(const ObjectImageSource& source, const Settings& settings,
                                            const Registry& registry, std::int32_t band_rows,
                                            const std::string& name);

/// Pixels of the label plane `source` names (its header only).
std::size_t label_plane_pixels(const ObjectImageSource& source);

}  // namespace voxfeat::detail
