// TIFF planes: every supported sample type, stripped and tiled (16 × 16 tiles overhanging a 40 × 37 image), with and
// without compression, read back exactly; page and channel choice; row bands equal the whole plane.
#include <gtest/gtest.h>

#include <cmath>

#include "io/microscopy/plane_reader.hpp"
#include "microscopy_io/microscopy_test_files.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test::microscopy {
namespace {

namespace mio = voxfeat::io::microscopy;

struct SampleType {
  const char* name;
  int bits;
  std::uint16_t format;
  ValueOf value;  // integers below 2^24 and float32 values are exact in float, so reads compare with ==
};

using Index = std::size_t;

const SampleType sample_types[] = {
    {"uint8", 8, SAMPLEFORMAT_UINT, [](Index x, Index y, Index) { return double((x * 7 + y * 13) % 256); }},
    {"uint16", 16, SAMPLEFORMAT_UINT, [](Index x, Index y, Index) { return double(x * 1000 + y * 37); }},
    {"uint32", 32, SAMPLEFORMAT_UINT, [](Index x, Index y, Index) { return double((x + 40 * y) * 4096); }},
    {"int16", 16, SAMPLEFORMAT_INT, [](Index x, Index y, Index) { return -100.0 * double(x) + 3.0 * double(y); }},
    {"float32", 32, SAMPLEFORMAT_IEEEFP, [](Index x, Index y, Index) { return 0.5 * double(x) - 0.25 * double(y); }},
    // Not exact in float: the reader and expected_plane both round the double to the nearest float.
    {"float64", 64, SAMPLEFORMAT_IEEEFP, [](Index x, Index y, Index) { return -1.5 * double(x) + 1.024 * double(y); }},
};

struct Layout {
  const char* name;
  std::size_t tile;
  std::uint16_t compression;
};

const Layout layouts[] = {{"stripped", 0, COMPRESSION_NONE},
                          {"stripped_deflate", 0, COMPRESSION_ADOBE_DEFLATE},
                          {"tiled", 16, COMPRESSION_NONE},
                          {"tiled_deflate", 16, COMPRESSION_ADOBE_DEFLATE}};

class TiffSamples : public ::testing::TestWithParam<std::tuple<SampleType, Layout>> {};

TEST_P(TiffSamples, ReadBackExactly) {
  const auto& [type, layout] = GetParam();
  const auto path = fresh_temp_dir("mio-tiff") / "cells.tif";
  TiffPage page;
  page.bits = type.bits;
  page.sample_format = type.format;
  page.tile = layout.tile;
  page.compression = layout.compression;
  page.value = type.value;
  write_tiff(path, {page});

  mio::PlaneInfo info;
  const std::vector<float> plane = mio::read_intensity_plane(path, {}, &info);
  EXPECT_EQ(plane, expected_plane(40, 37, 0, type.value));
  EXPECT_EQ(info.format, "TIFF");
  EXPECT_EQ(info.width, 40u);
  EXPECT_EQ(info.height, 37u);
  EXPECT_EQ(info.bits_per_sample, type.bits);
  EXPECT_EQ(info.kind, type.format == SAMPLEFORMAT_IEEEFP ? mio::SampleKind::floating_point
                       : type.format == SAMPLEFORMAT_INT  ? mio::SampleKind::signed_integer
                                                          : mio::SampleKind::unsigned_integer);
  EXPECT_EQ(info.channels, 1u);
  EXPECT_EQ(info.pages, 1u);
  EXPECT_FALSE(info.pixel_size_x_um.has_value());  // plain TIFF resolution tags are print DPI, not used
}

INSTANTIATE_TEST_SUITE_P(TypesAndLayouts, TiffSamples,
                         ::testing::Combine(::testing::ValuesIn(sample_types), ::testing::ValuesIn(layouts)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param).name) + "_" + std::get<1>(info.param).name;
                         });

TEST(TiffReader, IntegerLabelsReadExactlyIncludingValuesAboveFloatPrecision) {
  const auto dir = fresh_temp_dir("mio-labels");
  // 2^24 + 1 has no float: labels must come through uint32 untouched.
  const ValueOf value = [](std::size_t x, std::size_t y, std::size_t) { return double((1u << 24) + 1 + x + 40 * y); };
  TiffPage page;
  page.bits = 32;
  page.tile = 16;
  page.value = value;
  write_tiff(dir / "labels.tif", {page});
  const std::vector<std::uint32_t> labels = mio::read_label_plane(dir / "labels.tif", {});
  ASSERT_EQ(labels.size(), 40u * 37u);
  for (std::size_t i = 0; i < labels.size(); ++i) ASSERT_EQ(labels[i], (1u << 24) + 1 + i) << "pixel " << i;
  // As intensities the same values round to the nearest float (documented): 2^24 + 1 becomes 2^24.
  EXPECT_EQ(mio::read_intensity_plane(dir / "labels.tif", {})[0], 16777216.0f);

  page.bits = 16;
  page.sample_format = SAMPLEFORMAT_INT;  // signed but non-negative: fine as labels
  page.value = [](std::size_t x, std::size_t y, std::size_t) { return double(x * y % 300); };
  write_tiff(dir / "signed.tif", {page});
  const auto signed_labels = mio::read_label_plane(dir / "signed.tif", {});
  for (std::size_t i = 0; i < signed_labels.size(); ++i) ASSERT_EQ(signed_labels[i], (i % 40) * (i / 40) % 300);
}

TEST(TiffReader, OneBitMaskUnpacked) {
  const auto path = fresh_temp_dir("mio-1bit") / "mask.tif";
  TiffPage page;
  page.width = 37;  // rows end mid-byte
  page.height = 9;
  page.bits = 1;
  page.value = [](std::size_t x, std::size_t y, std::size_t) { return double((x * x + y) % 3 == 0); };
  write_tiff(path, {page});
  std::vector<std::uint32_t> expected(37 * 9);
  for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = ((i % 37) * (i % 37) + i / 37) % 3 == 0;
  mio::PlaneInfo info;
  EXPECT_EQ(mio::read_label_plane(path, {}, &info), expected);
  EXPECT_EQ(info.bits_per_sample, 1);
}

TEST(TiffReader, ChosenPageOfAMultiPageFile) {
  const auto path = fresh_temp_dir("mio-pages") / "stack.tif";
  std::vector<TiffPage> pages(3);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    pages[p].bits = 16;
    pages[p].tile = p == 1 ? 16 : 0;  // layouts may differ from page to page
    pages[p].value = [p](std::size_t x, std::size_t y, std::size_t) { return double(10000 * p + x + 100 * y); };
  }
  write_tiff(path, pages);
  for (std::size_t p = 0; p < 3; ++p) {
    mio::PlaneInfo info;
    EXPECT_EQ(mio::read_intensity_plane(path, {.page = p}, &info), expected_plane(40, 37, 0, pages[p].value))
        << "page " << p;
    EXPECT_EQ(info.pages, 3u);
  }
}

TEST(TiffReader, ChosenChannelOfRgbContiguousAndPlanar) {
  const auto dir = fresh_temp_dir("mio-rgb");
  for (const bool separate : {false, true})
    for (const std::size_t tile : {std::size_t(0), std::size_t(16)}) {
      TiffPage page;
      page.samples = 3;
      page.separate_planes = separate;
      page.tile = tile;
      page.compression = COMPRESSION_ADOBE_DEFLATE;
      const auto path = dir / ("rgb_" + std::to_string(separate) + "_" + std::to_string(tile) + ".tif");
      write_tiff(path, {page});
      for (std::size_t c = 0; c < 3; ++c) {
        mio::PlaneInfo info;
        EXPECT_EQ(mio::read_intensity_plane(path, {.channel = c}, &info), expected_plane(40, 37, c, page.value))
            << path.filename() << " channel " << c;
        EXPECT_EQ(info.channels, 3u);
      }
    }
}

TEST(TiffReader, JpegYcbcrComesBackAsRgb) {
  const auto path = fresh_temp_dir("mio-jpeg") / "slide.tif";
  TiffPage page;
  page.width = 48;
  page.height = 32;
  page.samples = 3;
  page.tile = 16;  // JPEG tiles are multiples of 16
  page.compression = COMPRESSION_JPEG;
  const double rgb[3] = {200, 100, 30};
  page.value = [&rgb](std::size_t, std::size_t, std::size_t s) { return rgb[s]; };
  write_tiff(path, {page});
  for (std::size_t c = 0; c < 3; ++c) {
    const auto plane = mio::read_intensity_plane(path, {.channel = c});
    ASSERT_EQ(plane.size(), 48u * 32u);
    // JPEG at quality 100 with YCbCr rounding moves a flat colour by at most a level or two.
    for (const float v : plane) ASSERT_NEAR(v, rgb[c], 2.0) << "channel " << c;
  }
}

TEST(TiffReader, BigEndianAndBigTiff) {
  const auto dir = fresh_temp_dir("mio-endian");
  TiffPage page;
  page.bits = 16;
  page.value = [](std::size_t x, std::size_t y, std::size_t) { return double(x * 1500 + y); };
  for (const char* mode : {"wb", "w8", "wb8"}) {
    const auto path = dir / (std::string("cells_") + mode + ".tif");
    write_tiff(path, {page}, mode);
    EXPECT_EQ(mio::read_intensity_plane(path, {}), expected_plane(40, 37, 0, page.value)) << mode;
  }
}

/// Reads the plane in bands of `band` rows, in the given order of bands, into one buffer.
std::vector<float> read_in_bands(const std::filesystem::path& path, const mio::PlaneChoice& choice, std::size_t band,
                                 bool backwards) {
  mio::PlaneReader reader = mio::PlaneReader::open(path, choice);
  const std::size_t w = reader.info().width, h = reader.info().height;
  std::vector<float> out(w * h, -1.0f);
  std::vector<std::size_t> starts;
  for (std::size_t y = 0; y < h; y += band) starts.push_back(y);
  if (backwards) std::reverse(starts.begin(), starts.end());
  for (const std::size_t y0 : starts) {
    const std::size_t rows = std::min(band, h - y0);
    reader.read_rows(y0, std::span<float>(out.data() + y0 * w, rows * w));
  }
  return out;
}

TEST(TiffReader, RowBandsEqualTheWholePlane) {
  const auto dir = fresh_temp_dir("mio-bands");
  for (const std::size_t tile : {std::size_t(0), std::size_t(16)})
    for (const std::uint16_t compression : {COMPRESSION_NONE, COMPRESSION_ADOBE_DEFLATE}) {
      TiffPage page;
      page.samples = 3;
      page.bits = 16;
      page.tile = tile;
      page.compression = compression;
      page.value = [](std::size_t x, std::size_t y, std::size_t s) { return double(x + 50 * y + 5000 * s); };
      const auto path = dir / ("bands_" + std::to_string(tile) + "_" + std::to_string(compression) + ".tif");
      write_tiff(path, {page});
      const auto whole = mio::read_intensity_plane(path, {.channel = 2});
      ASSERT_EQ(whole, expected_plane(40, 37, 2, page.value));
      // 7-row bands cross strip (5 rows) and tile (16 rows) boundaries; backwards re-decodes strips and tiles.
      for (const std::size_t band : {std::size_t(1), std::size_t(7), std::size_t(16), std::size_t(37)})
        for (const bool backwards : {false, true})
          EXPECT_EQ(read_in_bands(path, {.channel = 2}, band, backwards), whole)
              << path.filename() << " band " << band << (backwards ? " backwards" : "");
    }
}

}  // namespace
}  // namespace voxfeat::test::microscopy
