#include "io/microscopy/tiff_plane_source.hpp"

#include <tiffio.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "io/microscopy/channel_extraction.hpp"
#include "io/microscopy/dimension_choice.hpp"
#include "io/microscopy/ome_xml.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io::microscopy {
namespace {

std::string kind_text(SampleKind kind) {
  switch (kind) {
    case SampleKind::unsigned_integer: return "unsigned integer";
    case SampleKind::signed_integer: return "signed integer";
    case SampleKind::floating_point: return "floating point";
  }
  return "?";
}

bool supported(SampleKind kind, int bits) {
  switch (kind) {
    case SampleKind::unsigned_integer:
      return bits == 1 || bits == 2 || bits == 4 || bits == 8 || bits == 16 || bits == 32;
    case SampleKind::signed_integer: return bits == 8 || bits == 16 || bits == 32;
    case SampleKind::floating_point: return bits == 32 || bits == 64;
  }
  return false;
}

std::uint16_t samples_per_pixel(TIFF* tif) {
  std::uint16_t spp = 1;
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
  return spp;
}

}  // namespace

TiffPlaneSource::TiffPlaneSource(const std::filesystem::path& file, const PlaneChoice& choice)
    : PlaneSource(file), m_tiff(file) {
  TIFF* tif = m_tiff.get();
  // OME-XML lives in the first directory's ImageDescription; copied before libtiff moves to another directory.
  char* description = nullptr;
  std::string ome_xml;
  if (TIFFGetField(tif, TIFFTAG_IMAGEDESCRIPTION, &description) == 1 && description && is_ome_xml(description))
    ome_xml = description;
  m_info.pages = TIFFNumberOfDirectories(tif);
  if (ome_xml.empty())
    choose_plain_directory(choice);
  else
    choose_ome_directory(ome_xml, choice);
  read_sample_layout();
}

void TiffPlaneSource::choose_plain_directory(const PlaneChoice& choice) {
  m_info.format = "TIFF";
  choose_index(m_path, Dimension::z, choice.z, 1);
  choose_index(m_path, Dimension::t, choice.t, 1);
  const std::size_t page = choose_index(m_path, Dimension::page, choice.page, m_info.pages);
  if (page != 0 && !TIFFSetDirectory(m_tiff.get(), static_cast<tdir_t>(page)))
    m_tiff.fail("cannot read page " + std::to_string(page) + " (corrupt or truncated file)");
  m_info.channels = samples_per_pixel(m_tiff.get());
  m_sample = choose_index(m_path, Dimension::channel, choice.channel, m_info.channels);
}

void TiffPlaneSource::choose_ome_directory(const std::string& ome_xml, const PlaneChoice& choice) {
  m_info.format = "OME-TIFF";
  // A page would bypass OME-XML's plane order and silently pick another channel or z plane.
  if (choice.page)
    throw ConfigError(m_path.string() + ": OME-TIFF planes are chosen with channel, z and t, not page");
  const OmePixels pixels = parse_ome_pixels(ome_xml, m_path);
  m_info.channels = pixels.size_c;
  m_info.z_planes = pixels.size_z;
  m_info.time_points = pixels.size_t_points;
  m_info.pixel_size_x_um = pixels.pixel_size_x_um;
  m_info.pixel_size_y_um = pixels.pixel_size_y_um;
  const std::size_t channel = choose_index(m_path, Dimension::channel, choice.channel, pixels.size_c);
  const std::size_t z = choose_index(m_path, Dimension::z, choice.z, pixels.size_z);
  const std::size_t t = choose_index(m_path, Dimension::t, choice.t, pixels.size_t_points);
  // An RGB IFD holds three of SizeC's channels; every IFD of one image has the same samples per pixel.
  const std::size_t samples_per_ifd = samples_per_pixel(m_tiff.get());
  if (pixels.size_c % samples_per_ifd != 0)
    throw IoError(m_path.string() + ": OME-XML SizeC " + std::to_string(pixels.size_c) + " is not a multiple of the " +
                  std::to_string(samples_per_ifd) + " samples per pixel of its IFDs");
  const std::size_t directory = ifd_of_plane(pixels, channel, z, t, samples_per_ifd, m_path);
  if (directory >= m_info.pages)
    throw IoError(m_path.string() + ": OME-XML places channel " + std::to_string(channel) + ", z " +
                  std::to_string(z) + ", t " + std::to_string(t) + " in IFD " + std::to_string(directory) +
                  ", the file has " + std::to_string(m_info.pages) + " IFDs (truncated file?)");
  m_sample = channel % samples_per_ifd;
  if (!TIFFSetDirectory(m_tiff.get(), static_cast<tdir_t>(directory)))
    m_tiff.fail("cannot read IFD " + std::to_string(directory) + " (corrupt or truncated file)");
  if (samples_per_pixel(m_tiff.get()) != samples_per_ifd)
    throw IoError(m_path.string() + ": IFD " + std::to_string(directory) + " has " +
                  std::to_string(samples_per_pixel(m_tiff.get())) + " samples per pixel, the first IFD " +
                  std::to_string(samples_per_ifd));
  std::uint32_t width = 0, height = 0;
  TIFFGetField(m_tiff.get(), TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(m_tiff.get(), TIFFTAG_IMAGELENGTH, &height);
  if (width != pixels.size_x || height != pixels.size_y)
    throw IoError(m_path.string() + ": IFD " + std::to_string(directory) + " is " + std::to_string(width) + " × " +
                  std::to_string(height) + ", OME-XML says " + std::to_string(pixels.size_x) + " × " +
                  std::to_string(pixels.size_y));
}

void TiffPlaneSource::read_sample_layout() {
  TIFF* tif = m_tiff.get();
  std::uint32_t width = 0, height = 0;
  if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height) ||
      width == 0 || height == 0)
    m_tiff.fail("has no image size (corrupt file)");
  m_info.width = width;
  m_info.height = height;

  std::uint16_t bits = 1, format = SAMPLEFORMAT_UINT, planar = PLANARCONFIG_CONTIG, photometric = 0,
                compression = COMPRESSION_NONE;
  TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &format);
  TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
  TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &compression);
  TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
  m_samples_per_pixel = samples_per_pixel(tif);
  m_separate_planes = planar == PLANARCONFIG_SEPARATE && m_samples_per_pixel > 1;
  m_info.bits_per_sample = bits;
  m_info.kind = format == SAMPLEFORMAT_INT      ? SampleKind::signed_integer
                : format == SAMPLEFORMAT_IEEEFP ? SampleKind::floating_point
                                                : SampleKind::unsigned_integer;
  if ((format != SAMPLEFORMAT_UINT && format != SAMPLEFORMAT_INT && format != SAMPLEFORMAT_IEEEFP &&
       format != SAMPLEFORMAT_VOID) ||
      !supported(m_info.kind, bits))
    throw IoError(m_path.string() + ": unsupported samples: " + std::to_string(bits) + "-bit " +
                  (format == SAMPLEFORMAT_COMPLEXINT || format == SAMPLEFORMAT_COMPLEXIEEEFP ? std::string("complex")
                                                                                            : kind_text(m_info.kind)) +
                  " (voxfeat reads 1, 2, 4, 8, 16 and 32-bit unsigned, 8, 16 and 32-bit signed integers, and 32 and "
                  "64-bit floats)");
  if (photometric == PHOTOMETRIC_YCBCR) {
    if (compression != COMPRESSION_JPEG)
      throw IoError(m_path.string() + ": YCbCr samples without JPEG compression are not supported");
    // libtiff's JPEG codec converts to RGB itself; the raw YCbCr rows would be subsampled blocks, not pixels.
    TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
  }

  m_tiled = TIFFIsTiled(tif);
  const std::size_t samples_in_buffer = m_separate_planes ? 1 : m_samples_per_pixel;
  if (m_tiled) {
    std::uint32_t tile_width = 0, tile_height = 0;
    TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tile_width);
    TIFFGetField(tif, TIFFTAG_TILELENGTH, &tile_height);
    if (tile_width == 0 || tile_height == 0) m_tiff.fail("has a zero tile size (corrupt file)");
    m_tile_width = tile_width;
    m_tile_height = tile_height;
    const std::size_t row_bytes = (m_tile_width * samples_in_buffer * bits + 7) / 8;
    const tmsize_t tile_bytes = TIFFTileSize(tif);
    if (tile_bytes <= 0 || std::size_t(tile_bytes) < row_bytes * m_tile_height)
      m_tiff.fail("has an inconsistent tile size");
    m_decoded.resize(std::size_t(tile_bytes));
    m_band.resize(m_info.width * m_tile_height * sample_bytes());
  } else {
    std::uint32_t rows_per_strip = 0;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rows_per_strip);
    m_rows_per_strip = std::clamp<std::size_t>(rows_per_strip, 1, m_info.height);
    m_compressed = compression != COMPRESSION_NONE;
    const tmsize_t row_bytes = TIFFScanlineSize(tif);
    if (row_bytes <= 0 || std::size_t(row_bytes) < (m_info.width * samples_in_buffer * bits + 7) / 8)
      m_tiff.fail("has an inconsistent row size");
    m_decoded.resize(std::size_t(row_bytes));
  }
}

void TiffPlaneSource::read_row(std::size_t y, std::byte* out) {
  const int bits = m_info.bits_per_sample;
  if (!m_tiled) {
    // Compressed strips cannot be entered mid-way ("does not support random access"): a row that does not follow
    // the last one read is reached by decoding from the first row of its strip.
    std::size_t row = y;
    if (m_compressed && y != m_next_row) row = y / m_rows_per_strip * m_rows_per_strip;
    const auto sample = static_cast<std::uint16_t>(m_separate_planes ? m_sample : 0);
    for (; row <= y; ++row)
      if (TIFFReadScanline(m_tiff.get(), m_decoded.data(), static_cast<std::uint32_t>(row), sample) < 0) {
        m_next_row = 0;  // libtiff's position is unknown after a failure; the next read starts its strip again
        m_tiff.fail("cannot read row " + std::to_string(row) + " (corrupt or truncated file)");
      }
    m_next_row = y + 1;
    extract_channel(m_decoded.data(), m_info.width, m_separate_planes ? 1 : m_samples_per_pixel,
                    m_separate_planes ? 0 : m_sample, bits, out);
    return;
  }
  const std::size_t band = y / m_tile_height;
  if (m_band_loaded != band) load_tile_band(band);
  const std::size_t row_bytes = m_info.width * sample_bytes();
  std::memcpy(out, m_band.data() + (y - band * m_tile_height) * row_bytes, row_bytes);
}

void TiffPlaneSource::load_tile_band(std::size_t band) {
  m_band_loaded.reset();  // a failed read must not leave a half-filled band marked as loaded
  TIFF* tif = m_tiff.get();
  const int bits = m_info.bits_per_sample;
  const std::size_t y0 = band * m_tile_height;
  const std::size_t rows = std::min(m_tile_height, m_info.height - y0);
  const std::size_t samples_in_tile = m_separate_planes ? 1 : m_samples_per_pixel;
  const std::size_t sample_in_tile = m_separate_planes ? 0 : m_sample;
  const std::size_t tile_row_bytes = (m_tile_width * samples_in_tile * bits + 7) / 8;
  const auto plane = static_cast<std::uint16_t>(m_separate_planes ? m_sample : 0);
  for (std::size_t x0 = 0; x0 < m_info.width; x0 += m_tile_width) {
    const ttile_t tile = TIFFComputeTile(tif, static_cast<std::uint32_t>(x0), static_cast<std::uint32_t>(y0), 0, plane);
    if (TIFFReadEncodedTile(tif, tile, m_decoded.data(), static_cast<tmsize_t>(m_decoded.size())) < 0)
      m_tiff.fail("cannot read the tile at x " + std::to_string(x0) + ", y " + std::to_string(y0) +
                  " (corrupt or truncated file)");
    // Tiles overhang the right and bottom edges; only the part inside the image is kept.
    const std::size_t columns = std::min(m_tile_width, m_info.width - x0);
    for (std::size_t r = 0; r < rows; ++r)
      extract_channel(m_decoded.data() + r * tile_row_bytes, columns, samples_in_tile, sample_in_tile, bits,
                      m_band.data() + (r * m_info.width + x0) * sample_bytes());
  }
  m_band_loaded = band;
}

}  // namespace voxfeat::io::microscopy
