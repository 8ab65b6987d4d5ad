// PNG planes: 8- and 16-bit gray, RGB and gray+alpha channel choice, interlaced images, row bands in any order.
#include <gtest/gtest.h>

#include "io/microscopy/plane_reader.hpp"
#include "microscopy_io/microscopy_test_files.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test::microscopy {
namespace {

namespace mio = voxfeat::io::microscopy;

TEST(PngReader, EightBitGray) {
  const auto path = fresh_temp_dir("mio-png") / "gray8.png";
  PngImage image;
  write_png(path, image);
  mio::PlaneInfo info;
  EXPECT_EQ(mio::read_intensity_plane(path, {}, &info), expected_plane(40, 37, 0, image.value));
  EXPECT_EQ(info.format, "PNG");
  EXPECT_EQ(info.width, 40u);
  EXPECT_EQ(info.height, 37u);
  EXPECT_EQ(info.bits_per_sample, 8);
  EXPECT_EQ(info.channels, 1u);
  EXPECT_EQ(info.pages, 1u);
  EXPECT_FALSE(info.pixel_size_x_um.has_value());
}

TEST(PngReader, SixteenBitGrayKeepsByteOrder) {
  const auto path = fresh_temp_dir("mio-png") / "gray16.png";
  PngImage image;
  image.bit_depth = 16;
  // High and low bytes differ everywhere, so a missing byte swap cannot pass.
  image.value = [](std::size_t x, std::size_t y, std::size_t) { return double(x * 1601 + y * 3 + 1); };
  write_png(path, image);
  mio::PlaneInfo info;
  EXPECT_EQ(mio::read_intensity_plane(path, {}, &info), expected_plane(40, 37, 0, image.value));
  EXPECT_EQ(info.bits_per_sample, 16);
  std::vector<std::uint32_t> labels = mio::read_label_plane(path, {});
  for (std::size_t i = 0; i < labels.size(); ++i) ASSERT_EQ(labels[i], (i % 40) * 1601 + (i / 40) * 3 + 1);
}

TEST(PngReader, LowBitDepthGrayKeepsStoredValues) {
  const auto dir = fresh_temp_dir("mio-png");
  for (const int bit_depth : {1, 2, 4}) {
    PngImage image;
    image.width = 37;  // rows end mid-byte
    image.bit_depth = bit_depth;
    const unsigned levels = 1u << bit_depth;
    image.value = [levels](std::size_t x, std::size_t y, std::size_t) { return double((x + 2 * y) % levels); };
    const auto path = dir / ("gray" + std::to_string(bit_depth) + ".png");
    write_png(path, image);
    mio::PlaneInfo info;
    const auto labels = mio::read_label_plane(path, {}, &info);
    ASSERT_EQ(labels.size(), 37u * 37u);
    for (std::size_t i = 0; i < labels.size(); ++i)
      ASSERT_EQ(labels[i], (i % 37 + 2 * (i / 37)) % levels) << bit_depth << " bits, pixel " << i;
    EXPECT_EQ(info.bits_per_sample, bit_depth);
  }
}

TEST(PngReader, ChosenChannelOfRgbRgbaAndGrayAlpha) {
  const auto dir = fresh_temp_dir("mio-png");
  for (const int color_type : {PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA, PNG_COLOR_TYPE_GRAY_ALPHA})
    for (const int bit_depth : {8, 16}) {
      PngImage image;
      image.color_type = color_type;
      image.bit_depth = bit_depth;
      image.value = [bit_depth](std::size_t x, std::size_t y, std::size_t c) {
        return double((x * 5 + y * 11 + c * 70) % 256) * (bit_depth == 16 ? 257.0 : 1.0);
      };
      const auto path = dir / ("color" + std::to_string(color_type) + "_" + std::to_string(bit_depth) + ".png");
      write_png(path, image);
      const std::size_t channels = std::size_t(png_channels(color_type));
      for (std::size_t c = 0; c < channels; ++c) {
        mio::PlaneInfo info;
        EXPECT_EQ(mio::read_intensity_plane(path, {.channel = c}, &info), expected_plane(40, 37, c, image.value))
            << path.filename() << " channel " << c;
        EXPECT_EQ(info.channels, channels);
      }
    }
}

TEST(PngReader, InterlacedImageEqualsItsRows) {
  const auto path = fresh_temp_dir("mio-png") / "adam7.png";
  PngImage image;
  image.interlaced = true;
  image.color_type = PNG_COLOR_TYPE_RGB;
  write_png(path, image);
  mio::PlaneReader reader = mio::PlaneReader::open(path, {.channel = 1});
  std::vector<float> row(40);
  for (std::size_t y : {36u, 0u, 17u}) {
    reader.read_rows(y, row);
    for (std::size_t x = 0; x < 40; ++x) ASSERT_EQ(row[x], float(image.value(x, y, 1))) << "x " << x << " y " << y;
  }
}

TEST(PngReader, RowBandsInAnyOrderEqualTheWholePlane) {
  const auto path = fresh_temp_dir("mio-png") / "bands.png";
  PngImage image;
  image.bit_depth = 16;
  image.value = [](std::size_t x, std::size_t y, std::size_t) { return double(x + 300 * y); };
  write_png(path, image);
  const auto whole = mio::read_intensity_plane(path, {});
  ASSERT_EQ(whole, expected_plane(40, 37, 0, image.value));
  mio::PlaneReader reader = mio::PlaneReader::open(path, {});
  std::vector<float> band(40 * 7);
  // Forward, then back to the top (decoding restarts), then the last, short band.
  for (const std::size_t y0 : {std::size_t(7), std::size_t(21), std::size_t(0), std::size_t(14)}) {
    reader.read_rows(y0, band);
    EXPECT_TRUE(std::equal(band.begin(), band.end(), whole.begin() + std::ptrdiff_t(y0 * 40))) << "band at " << y0;
  }
  std::vector<float> last(40 * 2);
  reader.read_rows(35, last);
  EXPECT_TRUE(std::equal(last.begin(), last.end(), whole.begin() + 35 * 40));
}

}  // namespace
}  // namespace voxfeat::test::microscopy
