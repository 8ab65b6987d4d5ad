#pragma once
// Writes 2D planes as TIFF (Deflate-compressed strips) band by band, so that a 16k × 16k synthetic image never
// exists whole: the demo and benchmark images of `voxfeat make-demo-data --microscopy` (docs/microscopy.md).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>

namespace voxfeat::io::microscopy {

/// Fills rows [first_row, first_row + rows) into `out` (rows × width values, row-major).
template <class T>
using RowBandSource = std::function<void(std::uint32_t first_row, std::uint32_t rows, std::span<T> out)>;

/// A label plane: 16-bit unsigned samples when every label fits (`max_label` ≤ 65535), else 32-bit. BigTIFF above
/// 2 GiB of pixels. Throws IoError naming the file on failure, InputError for a label above `max_label`.
void write_label_tiff(const std::filesystem::path& file, std::uint32_t width, std::uint32_t height,
                      std::uint32_t max_label, const RowBandSource<std::uint32_t>& rows);

/// An intensity plane of 32-bit floats.
void write_intensity_tiff(const std::filesystem::path& file, std::uint32_t width, std::uint32_t height,
                          const RowBandSource<float>& rows);

}  // namespace voxfeat::io::microscopy
