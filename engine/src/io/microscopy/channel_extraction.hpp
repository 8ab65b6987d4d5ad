#pragma once
// Picking one channel out of a decoded row or tile, where a file stores the samples of a pixel side by side
// (chunky/contiguous TIFF, every PNG). Also unpacks samples of fewer than 8 bits, which TIFF and PNG pack
// most-significant bit first with each row starting on a byte.
#include <cstddef>

namespace voxfeat::io::microscopy {

/// Copies sample `channel` of `pixels` consecutive pixels of `samples_per_pixel` samples each from `in` (a row that
/// starts on a byte) to `out`, one sample after another. `bits` is the stored sample size: 8, 16, 32 or 64 copy
/// bytes unchanged; 1, 2 or 4 write one byte per sample holding its value.
void extract_channel(const std::byte* in, std::size_t pixels, std::size_t samples_per_pixel, std::size_t channel,
                     int bits, std::byte* out);

}  // namespace voxfeat::io::microscopy
