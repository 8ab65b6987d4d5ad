#pragma once
// One 2D plane of a microscopy image (TIFF, OME-TIFF, PNG), read in row bands: a 16k × 16k image is never in memory
// whole unless the caller asks for the whole plane. libtiff and libpng only, no ITK (DESIGN.md), so that the 2D
// per-object path links without it. Formats, the plane and channel rules, pixel size and errors:
// docs/microscopy-input.md.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace voxfeat::io::microscopy {

enum class SampleKind { unsigned_integer, signed_integer, floating_point };

/// Which plane and channel to read. One rule for every dimension: a dimension with more than one entry must be
/// chosen, one with a single entry may be left out (or chosen as 0), and a choice outside the file is a
/// ConfigError naming what the file has.
struct PlaneChoice {
  // The defaults let callers write designated initializers ({.channel = 1}) without -Wmissing-field-initializers.
  std::optional<std::size_t> page = std::nullopt;     ///< plain TIFF directory (IFD); refused for OME-TIFF
  std::optional<std::size_t> channel = std::nullopt;  ///< TIFF sample, OME channel (C), PNG channel (gray+alpha: 2)
  std::optional<std::size_t> z = std::nullopt;        ///< OME-TIFF z plane; other formats have one
  std::optional<std::size_t> t = std::nullopt;        ///< OME-TIFF time point; other formats have one
};

/// What the file holds. For OME-TIFF, `channels`, `z_planes` and `time_points` are OME-XML's SizeC, SizeZ, SizeT.
struct PlaneInfo {
  std::size_t width = 0, height = 0;
  SampleKind kind = SampleKind::unsigned_integer;
  int bits_per_sample = 0;  ///< as stored: 1, 2, 4, 8, 16, 32 or 64
  std::size_t channels = 1;
  std::size_t pages = 1;  ///< TIFF directories in the file; 1 for PNG
  std::size_t z_planes = 1, time_points = 1;
  std::optional<double> pixel_size_x_um, pixel_size_y_um;  ///< OME-TIFF PhysicalSizeX/Y in µm; absent otherwise
  std::string format;                                      ///< "TIFF", "OME-TIFF" or "PNG"
};

class PlaneSource;  // one per format (plane_source.hpp)

/// The chosen plane and channel of one file, open for row-band reads. Memory: one row (stripped TIFF, PNG) or one
/// row of tiles (tiled TIFF) of the file besides the caller's buffer; interlaced PNGs are the exception (decoded
/// whole, as libpng can only deliver them so).
class PlaneReader {
 public:
  /// Opens the file (format from its signature, not its name) and validates the choice against it. Throws IoError
  /// for a missing, unreadable, corrupt or unsupported file, ConfigError for a choice the file cannot satisfy.
  static PlaneReader open(const std::filesystem::path& file, const PlaneChoice& choice);

  PlaneReader(PlaneReader&&) noexcept;
  PlaneReader& operator=(PlaneReader&&) noexcept;
  ~PlaneReader();

  const PlaneInfo& info() const;

  /// Intensities of rows [y0, y0 + out.size() / width) as float. Integers convert exactly up to 2^24; 32-bit
  /// integers above that (and float64) are rounded to the nearest float. A NaN or infinite value is an InputError
  /// naming the pixel. out.size() must be a multiple of the width and the rows inside the image
  /// (std::invalid_argument otherwise: a caller's bug, not the file's). Rows may be read in any order, but reading
  /// backwards in a PNG or a compressed stripped TIFF decodes again from the start of the file or strip.
  void read_rows(std::size_t y0, std::span<float> out);

  /// Labels of the same rows. Unsigned and signed integers of 1 to 32 bits are accepted; floating-point images
  /// (InputError "label image has floating-point values") and negative values (InputError naming the pixel) are not.
  void read_label_rows(std::size_t y0, std::span<std::uint32_t> out);

 private:
  explicit PlaneReader(std::unique_ptr<PlaneSource> source);
  std::size_t rows_in(std::size_t y0, std::size_t values) const;

  std::unique_ptr<PlaneSource> m_source;
  std::vector<std::byte> m_row;  // one row of the chosen channel as stored, before conversion
};

/// The whole chosen plane, row-major (width × height values); `info`, when given, receives the file's PlaneInfo.
std::vector<float> read_intensity_plane(const std::filesystem::path& file, const PlaneChoice& choice,
                                        PlaneInfo* info = nullptr);
std::vector<std::uint32_t> read_label_plane(const std::filesystem::path& file, const PlaneChoice& choice,
                                            PlaneInfo* info = nullptr);

}  // namespace voxfeat::io::microscopy
