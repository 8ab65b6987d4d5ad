// engine/src/io/microscopy/plane_writer.cpp: planes written band by band read back exactly (16- and 32-bit labels,
// float intensities, a height that is no multiple of the band), and a label above the declared maximum is refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "io/microscopy/plane_reader.hpp"
#include "io/microscopy/plane_writer.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

namespace mio = io::microscopy;

TEST(PlaneWriter, BandsReadBackExactly) {
  const auto dir = fresh_temp_dir("plane_writer");
  const std::uint32_t width = 37, height = 131;  // 131 = 2 bands of 64 and 3 rows
  for (const std::uint32_t max_label : {60000u, 4000000000u}) {
    const auto label_of = [&](std::uint32_t row, std::uint32_t col) {
      return (row * 7919u + col * 104729u) % (max_label / 1000u) * 1000u;
    };
    const auto file = dir / ("labels_" + std::to_string(max_label) + ".tif");
    mio::write_label_tiff(file, width, height, max_label,
                          [&](std::uint32_t row, std::uint32_t rows, std::span<std::uint32_t> out) {
                            for (std::uint32_t r = 0; r < rows; ++r)
                              for (std::uint32_t c = 0; c < width; ++c) out[r * width + c] = label_of(row + r, c);
                          });
    mio::PlaneInfo info;
    const auto labels = mio::read_label_plane(file, {}, &info);
    EXPECT_EQ(info.bits_per_sample, max_label <= 65535 ? 16 : 32);
    ASSERT_EQ(labels.size(), std::size_t(width) * height);
    for (std::uint32_t r = 0; r < height; ++r)
      for (std::uint32_t c = 0; c < width; ++c) ASSERT_EQ(labels[r * width + c], label_of(r, c)) << r << ", " << c;
  }
  const auto file = dir / "intensity.tif";
  mio::write_intensity_tiff(file, width, height, [&](std::uint32_t row, std::uint32_t rows, std::span<float> out) {
    for (std::uint32_t i = 0; i < rows * width; ++i) out[i] = float(row * width + i) * -0.125f + 1e-3f;
  });
  const auto values = mio::read_intensity_plane(file, {});
  for (std::uint32_t i = 0; i < width * height; ++i) ASSERT_EQ(values[i], float(i) * -0.125f + 1e-3f) << i;
  std::filesystem::remove_all(dir);
}

TEST(PlaneWriter, RefusesALabelAboveTheMaximum) {
  const auto dir = fresh_temp_dir("plane_writer_max");
  try {
    mio::write_label_tiff(dir / "l.tif", 4, 4, 10, [](std::uint32_t, std::uint32_t, std::span<std::uint32_t> out) {
      for (auto& v : out) v = 11;
    });
    FAIL() << "label 11 above 10 was written";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("label 11 above the declared maximum 10"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace voxfeat::test
