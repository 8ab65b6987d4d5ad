#pragma once
// TIFF and OME-TIFF planes through libtiff: stripped files row by row (TIFFReadScanline), tiled files one row of
// tiles at a time, kept until the rows below need the next one. libtiff undoes compression, predictors, byte order
// and fill order; this file picks the directory and the sample.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "io/microscopy/plane_source.hpp"
#include "io/microscopy/tiff_handle.hpp"

namespace voxfeat::io::microscopy {

class TiffPlaneSource final : public PlaneSource {
 public:
  /// Opens the file, chooses the directory and sample (plain TIFF: page and channel; OME-TIFF: channel, z and t
  /// through OME-XML) and checks that voxfeat can read the samples. IoError / ConfigError naming the file.
  TiffPlaneSource(const std::filesystem::path& file, const PlaneChoice& choice);

  void read_row(std::size_t y, std::byte* out) override;

 private:
  // Each makes the chosen directory current and sets m_sample and the choice-related fields of m_info.
  void choose_ome_directory(const std::string& ome_xml, const PlaneChoice& choice);
  void choose_plain_directory(const PlaneChoice& choice);
  void read_sample_layout();
  void load_tile_band(std::size_t band);

  TiffHandle m_tiff;
  std::size_t m_samples_per_pixel = 1;
  std::size_t m_sample = 0;         // the chosen channel's sample within a pixel
  bool m_separate_planes = false;   // PLANARCONFIG_SEPARATE: each sample stored as its own plane
  bool m_tiled = false;
  // Stripped: libtiff decodes a compressed strip only forwards, one row after another, from its first row.
  bool m_compressed = false;
  std::size_t m_rows_per_strip = 1;
  std::size_t m_next_row = 0;  // the row libtiff's scanline reader is positioned at
  std::size_t m_tile_width = 0, m_tile_height = 0;
  std::vector<std::byte> m_decoded;            // one scanline or one tile, as libtiff decodes it
  std::vector<std::byte> m_band;               // tiled: the chosen channel of one row of tiles
  std::optional<std::size_t> m_band_loaded;    // which row of tiles m_band holds
};

}  // namespace voxfeat::io::microscopy
