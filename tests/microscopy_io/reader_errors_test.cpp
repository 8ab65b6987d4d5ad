// Refusals: every error names the file and the problem; corrupt and truncated files are IoErrors (never a crash,
// never a silently short image, and nothing printed by libtiff or libpng), bad choices ConfigErrors, unusable
// values InputErrors.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "io/microscopy/plane_reader.hpp"
#include "microscopy_io/microscopy_test_files.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test::microscopy {
namespace {

namespace mio = voxfeat::io::microscopy;

void expect_mentions(const std::string& message, const std::filesystem::path& file, const std::string& problem) {
  EXPECT_NE(message.find(file.filename().string()), std::string::npos) << "no file name in: " << message;
  EXPECT_NE(message.find(problem), std::string::npos) << "no \"" << problem << "\" in: " << message;
}

TEST(MicroscopyReaderErrors, MissingFile) {
  const auto path = fresh_temp_dir("mio-err") / "absent.tif";
  expect_mentions(message_of<IoError>([&] { mio::read_intensity_plane(path, {}); }), path, "file does not exist");
}

TEST(MicroscopyReaderErrors, NotATiffDespiteTheName) {
  const auto dir = fresh_temp_dir("mio-err");
  std::ofstream(dir / "notes.tif") << "These are my notes, not an image.";
  expect_mentions(message_of<IoError>([&] { mio::read_intensity_plane(dir / "notes.tif", {}); }), dir / "notes.tif",
                  "not a TIFF, OME-TIFF or PNG file");
  std::ofstream(dir / "empty.tif").close();
  expect_mentions(message_of<IoError>([&] { mio::read_intensity_plane(dir / "empty.tif", {}); }), dir / "empty.tif",
                  "the file is empty");
}

TEST(MicroscopyReaderErrors, TruncatedTiffIsRefusedSilently) {
  const auto dir = fresh_temp_dir("mio-err");
  for (const std::size_t tile : {std::size_t(0), std::size_t(16)}) {
    const auto path = dir / ("cut_" + std::to_string(tile) + ".tif");
    TiffPage page;
    page.bits = 16;
    page.tile = tile;
    page.compression = COMPRESSION_ADOBE_DEFLATE;
    write_tiff(path, {page});
    truncate_file(path, std::filesystem::file_size(path) / 2);  // libtiff's IFD, at the end, is lost
    testing::internal::CaptureStderr();
    const auto m = message_of<IoError>([&] { mio::read_intensity_plane(path, {}); });
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "") << "libtiff printed instead of reporting";
    expect_mentions(m, path, "not a readable TIFF file");
  }
}

TEST(MicroscopyReaderErrors, TiffWhosePixelDataIsCutIsRefused) {
  const auto path = fresh_temp_dir("mio-err") / "short.tif";
  const ValueOf value = [](std::size_t x, std::size_t y, std::size_t) { return double(x + y); };
  write_tiff_with_leading_ifd(path, 40, 37, value);
  ASSERT_EQ(mio::read_intensity_plane(path, {}), expected_plane(40, 37, 0, value));  // the hand-written file is valid
  truncate_file(path, std::filesystem::file_size(path) - 40 * 18);                  // 18 of 37 rows are lost
  testing::internal::CaptureStderr();
  const auto m = message_of<IoError>([&] { mio::read_intensity_plane(path, {}); });
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "") << "libtiff printed instead of reporting";
  expect_mentions(m, path, "(corrupt or truncated file)");
}

TEST(MicroscopyReaderErrors, TruncatedPngIsRefusedSilently) {
  const auto dir = fresh_temp_dir("mio-err");
  for (const bool interlaced : {false, true}) {
    const auto path = dir / (interlaced ? "cut_adam7.png" : "cut.png");
    PngImage image;
    image.bit_depth = 16;
    image.interlaced = interlaced;
    // Varied values, so that compression leaves most of the file to the image data that the cut removes.
    image.value = [](std::size_t x, std::size_t y, std::size_t) { return double((x * 7919 + y * 104729) % 65536); };
    write_png(path, image);
    truncate_file(path, std::filesystem::file_size(path) / 2);
    testing::internal::CaptureStderr();
    const auto m = message_of<IoError>([&] { mio::read_intensity_plane(path, {}); });
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    expect_mentions(m, path, "(corrupt or truncated file)");
  }
  // Cut after the image data: the rows decode, the missing end is still noticed.
  const auto path = dir / "no_end.png";
  write_png(path, PngImage{});
  truncate_file(path, std::filesystem::file_size(path) - 12);  // IEND's 12 bytes
  expect_mentions(message_of<IoError>([&] { mio::read_intensity_plane(path, {}); }), path,
                  "corrupt or truncated after the image data");
}

TEST(MicroscopyReaderErrors, FloatLabelImage) {
  const auto path = fresh_temp_dir("mio-err") / "labels.tif";
  TiffPage page;
  page.bits = 32;
  page.sample_format = SAMPLEFORMAT_IEEEFP;
  write_tiff(path, {page});
  expect_mentions(message_of<InputError>([&] { mio::read_label_plane(path, {}); }), path,
                  "label image has floating-point values");
}

TEST(MicroscopyReaderErrors, NegativeLabel) {
  const auto path = fresh_temp_dir("mio-err") / "signed.tif";
  TiffPage page;
  page.bits = 16;
  page.sample_format = SAMPLEFORMAT_INT;
  page.value = [](std::size_t x, std::size_t y, std::size_t) { return x == 5 && y == 9 ? -3.0 : 1.0; };
  write_tiff(path, {page});
  expect_mentions(message_of<InputError>([&] { mio::read_label_plane(path, {}); }), path,
                  "label image has a negative value (-3) at pixel (x 5, y 9)");
}

TEST(MicroscopyReaderErrors, NonFiniteIntensity) {
  const auto path = fresh_temp_dir("mio-err") / "nan.tif";
  TiffPage page;
  page.bits = 32;
  page.sample_format = SAMPLEFORMAT_IEEEFP;
  page.value = [](std::size_t x, std::size_t y, std::size_t) {
    return x == 2 && y == 30 ? std::numeric_limits<double>::quiet_NaN() : 1.0;
  };
  write_tiff(path, {page});
  expect_mentions(message_of<InputError>([&] { mio::read_intensity_plane(path, {}); }), path,
                  "pixel (x 2, y 30) holds nan, which has no finite float value");
}

TEST(MicroscopyReaderErrors, MultiChannelWithoutChannelChoice) {
  const auto dir = fresh_temp_dir("mio-err");
  TiffPage page;
  page.samples = 3;
  write_tiff(dir / "rgb.tif", {page});
  expect_mentions(message_of<ConfigError>([&] { mio::read_intensity_plane(dir / "rgb.tif", {}); }), dir / "rgb.tif",
                  "the image has 3 channels; choose one with channel (0 to 2)");
  PngImage image;
  image.color_type = PNG_COLOR_TYPE_GRAY_ALPHA;  // the alpha channel counts: the rule has no exceptions
  write_png(dir / "gray_alpha.png", image);
  expect_mentions(message_of<ConfigError>([&] { mio::read_intensity_plane(dir / "gray_alpha.png", {}); }),
                  dir / "gray_alpha.png", "the image has 2 channels; choose one with channel (0 to 1)");
}

TEST(MicroscopyReaderErrors, ChoicesOutOfRange) {
  const auto dir = fresh_temp_dir("mio-err");
  write_tiff(dir / "cells.tif", std::vector<TiffPage>(2));
  expect_mentions(message_of<ConfigError>([&] { mio::read_intensity_plane(dir / "cells.tif", {.page = 3}); }),
                  dir / "cells.tif", "page 3 requested, the file has 2 pages");
  expect_mentions(message_of<ConfigError>([&] { mio::read_intensity_plane(dir / "cells.tif", {}); }),
                  dir / "cells.tif", "the file has 2 pages; choose one with page (0 to 1)");
  expect_mentions(
      message_of<ConfigError>([&] { mio::read_intensity_plane(dir / "cells.tif", {.page = 0, .channel = 1}); }),
      dir / "cells.tif", "channel 1 requested, the image has 1 channel");
  expect_mentions(message_of<ConfigError>([&] { mio::read_intensity_plane(dir / "cells.tif", {.page = 1, .z = 1}); }),
                  dir / "cells.tif", "z 1 requested, the image has 1 z plane");
  TiffPage rgb;
  rgb.samples = 3;
  rgb.separate_planes = true;
  write_tiff(dir / "rgb.tif", {rgb});
  expect_mentions(message_of<ConfigError>([&] { mio::read_intensity_plane(dir / "rgb.tif", {.channel = 3}); }),
                  dir / "rgb.tif", "channel 3 requested, the image has 3 channels");
  write_png(dir / "one.png", PngImage{});
  expect_mentions(message_of<ConfigError>([&] { mio::read_intensity_plane(dir / "one.png", {.page = 1}); }),
                  dir / "one.png", "page 1 requested, the file has 1 page");
}

TEST(MicroscopyReaderErrors, RowsOutsideTheImageAreACallersBug) {
  const auto path = fresh_temp_dir("mio-err") / "cells.tif";
  write_tiff(path, {TiffPage{}});
  mio::PlaneReader reader = mio::PlaneReader::open(path, {});
  std::vector<float> rows(40 * 2);
  EXPECT_THROW(reader.read_rows(36, rows), std::invalid_argument);  // row 37 does not exist
  std::vector<float> ragged(41);
  EXPECT_THROW(reader.read_rows(0, ragged), std::invalid_argument);
  EXPECT_NO_THROW(reader.read_rows(35, rows));
}

}  // namespace
}  // namespace voxfeat::test::microscopy
