#include "io/microscopy/plane_writer.hpp"

#include <tiffio.h>

#include <algorithm>
#include <string>
#include <vector>

#include "io/microscopy/tiff_handle.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io::microscopy {
namespace {

constexpr std::uint32_t kBandRows = 64;  // rows generated and written at a time

/// "w", or "w8" (BigTIFF) when the plane's samples pass 2 GiB.
const char* write_mode(std::uint32_t width, std::uint32_t height, int bits) {
  return std::uint64_t(width) * height * std::uint64_t(bits / 8) > (std::uint64_t(1) << 31) ? "w8" : "w";
}

/// Describes a single-sample plane of `bits` per sample in `format`, strips of kBandRows rows.
void set_plane_fields(TiffHandle& tiff, std::uint32_t width, std::uint32_t height, int bits, int format) {
  TIFF* t = tiff.get();
  const bool ok = TIFFSetField(t, TIFFTAG_IMAGEWIDTH, width) && TIFFSetField(t, TIFFTAG_IMAGELENGTH, height) &&
                  TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1) && TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, bits) &&
                  TIFFSetField(t, TIFFTAG_SAMPLEFORMAT, format) &&
                  TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK) &&
                  TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) &&
                  TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE) &&
                  TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, kBandRows);
  if (!ok) tiff.fail("cannot set the TIFF fields");
}

/// Writes the plane band by band; `encode` turns a band of T into the file's samples.
template <class T, class Sample, class Encode>
void write_bands(TiffHandle& tiff, std::uint32_t width, std::uint32_t height, const RowBandSource<T>& rows,
                 Encode encode) {
  std::vector<T> band(std::size_t(width) * kBandRows);
  std::vector<Sample> samples(band.size());
  for (std::uint32_t row = 0; row < height; row += kBandRows) {
    const std::uint32_t count = std::min(kBandRows, height - row);
    const std::size_t n = std::size_t(width) * count;
    rows(row, count, std::span<T>(band.data(), n));
    for (std::size_t i = 0; i < n; ++i) samples[i] = encode(band[i]);
    if (TIFFWriteEncodedStrip(tiff.get(), row / kBandRows, samples.data(), tmsize_t(n * sizeof(Sample))) < 0)
      tiff.fail("cannot write rows " + std::to_string(row) + " to " + std::to_string(row + count));
  }
  if (!TIFFFlush(tiff.get())) tiff.fail("cannot finish the file (disk full?)");
}

}  // namespace

void write_label_tiff(const std::filesystem::path& file, std::uint32_t width, std::uint32_t height,
                      std::uint32_t max_label, const RowBandSource<std::uint32_t>& rows) {
  const auto check = [&](std::uint32_t label) {
    if (label > max_label)
      throw InputError(file.string() + ": label " + std::to_string(label) + " above the declared maximum " +
                       std::to_string(max_label));
    return label;
  };
  if (max_label <= 0xffffu) {
    TiffHandle tiff(file, write_mode(width, height, 16));
    set_plane_fields(tiff, width, height, 16, SAMPLEFORMAT_UINT);
    write_bands<std::uint32_t, std::uint16_t>(tiff, width, height, rows,
                                              [&](std::uint32_t v) { return std::uint16_t(check(v)); });
  } else {
    TiffHandle tiff(file, write_mode(width, height, 32));
    set_plane_fields(tiff, width, height, 32, SAMPLEFORMAT_UINT);
    write_bands<std::uint32_t, std::uint32_t>(tiff, width, height, rows, check);
  }
}

void write_intensity_tiff(const std::filesystem::path& file, std::uint32_t width, std::uint32_t height,
                          const RowBandSource<float>& rows) {
  TiffHandle tiff(file, write_mode(width, height, 32));
  set_plane_fields(tiff, width, height, 32, SAMPLEFORMAT_IEEEFP);
  write_bands<float, float>(tiff, width, height, rows, [](float v) { return v; });
}

}  // namespace voxfeat::io::microscopy
