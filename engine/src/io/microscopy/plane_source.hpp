#pragma once
// What each format's reader provides to PlaneReader: rows of the chosen channel as stored. Conversion to float or
// labels happens once, in PlaneReader, for every format.
#include <cstddef>
#include <filesystem>
#include <memory>

#include "io/microscopy/plane_reader.hpp"

namespace voxfeat::io::microscopy {

class PlaneSource {
 public:
  virtual ~PlaneSource() = default;
  PlaneSource(const PlaneSource&) = delete;
  PlaneSource& operator=(const PlaneSource&) = delete;

  const PlaneInfo& info() const { return m_info; }
  const std::filesystem::path& path() const { return m_path; }

  /// Bytes per sample in the rows read_row writes: 1, 2, 4 or 8. Samples of fewer than 8 bits are widened to a
  /// byte holding the stored value (not rescaled).
  std::size_t sample_bytes() const { return m_info.bits_per_sample < 8 ? 1 : std::size_t(m_info.bits_per_sample) / 8; }

  /// Row y (< height) of the chosen plane and channel: width samples of sample_bytes() each, in native byte order.
  /// Throws IoError naming the file when the data cannot be decoded (corrupt or truncated file).
  virtual void read_row(std::size_t y, std::byte* out) = 0;

 protected:
  explicit PlaneSource(std::filesystem::path path) : m_path(std::move(path)) {}
  PlaneInfo m_info;
  std::filesystem::path m_path;
};

/// Opens `file` with the reader its first bytes call for (TIFF, BigTIFF or PNG signature) and applies `choice`.
std::unique_ptr<PlaneSource> open_plane_source(const std::filesystem::path& file, const PlaneChoice& choice);

}  // namespace voxfeat::io::microscopy
