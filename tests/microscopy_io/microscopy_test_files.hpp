#pragma once
// Small TIFF, OME-TIFF and PNG files for the microscopy reader tests, written with libtiff and libpng (the libraries
// the readers use, so the tests check the readers' handling of layouts, not a second writer's quirks). Pixel values
// come from a function of (x, y, sample), so a test compares what it reads with the same function.
#include <gtest/gtest.h>
#include <png.h>
#include <tiffio.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/microscopy/plane_reader.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test::microscopy {

using ValueOf = std::function<double(std::size_t x, std::size_t y, std::size_t sample)>;

struct TiffPage {
  std::size_t width = 40, height = 37, samples = 1;
  int bits = 8;
  std::uint16_t sample_format = SAMPLEFORMAT_UINT;
  bool separate_planes = false;
  std::size_t tile = 0;  ///< tile width and height; 0 writes strips of 5 rows
  std::uint16_t compression = COMPRESSION_NONE;
  std::string description;  ///< ImageDescription (OME-XML goes in the first page)
  ValueOf value = [](std::size_t x, std::size_t y, std::size_t s) { return double((x + 3 * y + 50 * s) % 256); };
};

/// Stores v in the sample type of `page` at sample index i of `row` (bit-packed, MSB first, below 8 bits).
inline void put_sample(std::vector<unsigned char>& row, std::size_t i, const TiffPage& page, double v) {
  if (page.bits < 8) {
    const std::size_t bit = i * std::size_t(page.bits);
    row[bit / 8] |= static_cast<unsigned char>(unsigned(v) << (8 - page.bits - int(bit % 8)));
    return;
  }
  unsigned char* p = row.data() + i * std::size_t(page.bits / 8);
  const auto store = [p](auto typed) { std::memcpy(p, &typed, sizeof typed); };
  if (page.sample_format == SAMPLEFORMAT_IEEEFP) {
    if (page.bits == 32) store(float(v));
    else store(v);
  } else if (page.sample_format == SAMPLEFORMAT_INT) {
    if (page.bits == 8) store(std::int8_t(v));
    else if (page.bits == 16) store(std::int16_t(v));
    else store(std::int32_t(v));
  } else {
    if (page.bits == 8) store(std::uint8_t(v));
    else if (page.bits == 16) store(std::uint16_t(v));
    else store(std::uint32_t(v));
  }
}

/// One row of `columns` pixels from x0 for sample plane `plane` (separate) or all samples (contiguous).
inline std::vector<unsigned char> encode_row(const TiffPage& page, std::size_t x0, std::size_t columns,
                                             std::size_t y, std::size_t plane) {
  const std::size_t per_pixel = page.separate_planes ? 1 : page.samples;
  std::vector<unsigned char> row((columns * per_pixel * std::size_t(page.bits) + 7) / 8, 0);
  for (std::size_t x = 0; x < columns; ++x)
    for (std::size_t s = 0; s < per_pixel; ++s) {
      const std::size_t sample = page.separate_planes ? plane : s;
      // Pixels outside the image (overhanging tiles) are written as 0.
      const bool inside = x0 + x < page.width && y < page.height;
      put_sample(row, x * per_pixel + s, page, inside ? page.value(x0 + x, y, sample) : 0.0);
    }
  return row;
}

/// Writes the pages as a TIFF. `mode` is libtiff's: "w" classic little-endian, "wb" big-endian, "w8" BigTIFF.
inline void write_tiff(const std::filesystem::path& path, const std::vector<TiffPage>& pages,
                       const char* mode = "w") {
  TIFF* tif = TIFFOpen(path.c_str(), mode);
  if (!tif) throw std::runtime_error("test writer: cannot create " + path.string());
  for (const TiffPage& page : pages) {
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, std::uint32_t(page.width));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, std::uint32_t(page.height));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, std::uint16_t(page.bits));
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, std::uint16_t(page.samples));
    TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, page.sample_format);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, page.separate_planes ? PLANARCONFIG_SEPARATE : PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, page.samples == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, page.compression);
    if (page.compression == COMPRESSION_JPEG && page.samples == 3) {  // colour JPEG as slide scanners store it
      TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
      TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
      TIFFSetField(tif, TIFFTAG_JPEGQUALITY, 100);
    }
    if (page.compression == COMPRESSION_ADOBE_DEFLATE && page.bits >= 8)
      TIFFSetField(tif, TIFFTAG_PREDICTOR,
                   page.sample_format == SAMPLEFORMAT_IEEEFP ? PREDICTOR_FLOATINGPOINT : PREDICTOR_HORIZONTAL);
    if (!page.description.empty()) TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, page.description.c_str());
    if (pages.size() > 1) TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
    const std::size_t planes = page.separate_planes ? page.samples : 1;
    if (page.tile) {
      TIFFSetField(tif, TIFFTAG_TILEWIDTH, std::uint32_t(page.tile));
      TIFFSetField(tif, TIFFTAG_TILELENGTH, std::uint32_t(page.tile));
      for (std::size_t plane = 0; plane < planes; ++plane)
        for (std::size_t y0 = 0; y0 < page.height; y0 += page.tile)
          for (std::size_t x0 = 0; x0 < page.width; x0 += page.tile) {
            std::vector<unsigned char> tile;
            for (std::size_t r = 0; r < page.tile; ++r) {
              const auto row = encode_row(page, x0, page.tile, y0 + r, plane);
              tile.insert(tile.end(), row.begin(), row.end());
            }
            if (TIFFWriteTile(tif, tile.data(), std::uint32_t(x0), std::uint32_t(y0), 0, std::uint16_t(plane)) < 0)
              throw std::runtime_error("test writer: TIFFWriteTile failed for " + path.string());
          }
    } else {
      TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, std::uint32_t(5));
      for (std::size_t plane = 0; plane < planes; ++plane)
        for (std::size_t y = 0; y < page.height; ++y) {
          auto row = encode_row(page, 0, page.width, y, plane);
          if (TIFFWriteScanline(tif, row.data(), std::uint32_t(y), std::uint16_t(plane)) < 0)
            throw std::runtime_error("test writer: TIFFWriteScanline failed for " + path.string());
        }
    }
    if (!TIFFWriteDirectory(tif)) throw std::runtime_error("test writer: TIFFWriteDirectory failed");
  }
  TIFFClose(tif);
}

/// An uncompressed 8-bit gray TIFF written by hand with its IFD before the pixels (libtiff puts it after them), so
/// that cutting the file keeps a valid header and loses only pixel data.
inline void write_tiff_with_leading_ifd(const std::filesystem::path& path, std::uint32_t width, std::uint32_t height,
                                        const ValueOf& value) {
  std::string bytes = "II*";
  bytes += '\0';
  const auto put16 = [&](std::uint16_t v) { bytes.append(reinterpret_cast<const char*>(&v), 2); };
  const auto put32 = [&](std::uint32_t v) { bytes.append(reinterpret_cast<const char*>(&v), 4); };
  put32(8);  // the IFD follows the header
  const std::uint16_t entries = 9;
  const std::uint32_t data_offset = 8 + 2 + entries * 12 + 4;
  put16(entries);
  const auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t value32) {
    put16(tag);
    put16(type);
    put32(1);
    if (type == 3) {  // SHORT: left-justified in the 4-byte value field
      put16(std::uint16_t(value32));
      put16(0);
    } else {
      put32(value32);
    }
  };
  entry(256, 4, width);
  entry(257, 4, height);
  entry(258, 3, 8);                   // BitsPerSample
  entry(259, 3, 1);                   // Compression: none
  entry(262, 3, 1);                   // Photometric: black is zero
  entry(273, 4, data_offset);         // StripOffsets
  entry(277, 3, 1);                   // SamplesPerPixel
  entry(278, 4, height);              // RowsPerStrip: one strip
  entry(279, 4, width * height);      // StripByteCounts
  put32(0);                           // no next IFD
  for (std::uint32_t y = 0; y < height; ++y)
    for (std::uint32_t x = 0; x < width; ++x) bytes += char(std::uint8_t(value(x, y, 0)));
  std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

struct PngImage {
  std::size_t width = 40, height = 37;
  int color_type = PNG_COLOR_TYPE_GRAY;
  int bit_depth = 8;
  bool interlaced = false;
  ValueOf value = [](std::size_t x, std::size_t y, std::size_t c) { return double((x * 5 + y * 11 + c * 70) % 256); };
};

inline int png_channels(int color_type) {
  switch (color_type) {
    case PNG_COLOR_TYPE_GRAY_ALPHA: return 2;
    case PNG_COLOR_TYPE_RGB: return 3;
    case PNG_COLOR_TYPE_RGB_ALPHA: return 4;
    default: return 1;
  }
}

/// libpng's part of write_png: the setjmp lives here, with nothing that has a destructor.
inline bool write_png_rows(std::FILE* file, png_uint_32 width, png_uint_32 height, int bit_depth, int color_type,
                           bool interlaced, png_bytepp rows) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_init_io(png, file);
  png_set_IHDR(png, info, width, height, bit_depth, color_type, interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  if (bit_depth < 8) png_set_packing(png);  // rows hold one sample per byte; the file packs them
  png_write_image(png, rows);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

inline void write_png(const std::filesystem::path& path, const PngImage& image) {
  const std::size_t channels = std::size_t(png_channels(image.color_type));
  const std::size_t bytes = image.bit_depth == 16 ? 2 : 1;
  std::vector<unsigned char> pixels(image.width * image.height * channels * bytes);
  for (std::size_t y = 0; y < image.height; ++y)
    for (std::size_t x = 0; x < image.width; ++x)
      for (std::size_t c = 0; c < channels; ++c) {
        const auto v = unsigned(image.value(x, y, c));
        unsigned char* p = pixels.data() + ((y * image.width + x) * channels + c) * bytes;
        if (bytes == 2) {  // PNG stores 16-bit samples big-endian
          p[0] = static_cast<unsigned char>(v >> 8);
          p[1] = static_cast<unsigned char>(v & 0xFF);
        } else {
          p[0] = static_cast<unsigned char>(v);
        }
      }
  std::vector<png_bytep> rows(image.height);
  for (std::size_t y = 0; y < image.height; ++y) rows[y] = pixels.data() + y * image.width * channels * bytes;

  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) throw std::runtime_error("test writer: cannot create " + path.string());
  const bool written = write_png_rows(file, png_uint_32(image.width), png_uint_32(image.height), image.bit_depth,
                                      image.color_type, image.interlaced, rows.data());
  std::fclose(file);
  if (!written) throw std::runtime_error("test writer: libpng failed for " + path.string());
}

/// Keeps the first `keep` bytes of a file.
inline void truncate_file(const std::filesystem::path& path, std::uintmax_t keep) {
  std::filesystem::resize_file(path, keep);
}

/// The values a test expects: value(x, y, sample) for every pixel, row-major.
inline std::vector<float> expected_plane(std::size_t width, std::size_t height, std::size_t sample,
                                         const ValueOf& value) {
  std::vector<float> out(width * height);
  for (std::size_t y = 0; y < height; ++y)
    for (std::size_t x = 0; x < width; ++x) out[y * width + x] = static_cast<float>(value(x, y, sample));
  return out;
}

/// The message of the E that f throws, or a test failure saying that it threw nothing or something else.
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw another exception type: " << e.what();
    return {};
  }
  ADD_FAILURE() << "threw nothing";
  return {};
}

}  // namespace voxfeat::test::microscopy
