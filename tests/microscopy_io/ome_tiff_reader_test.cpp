// OME-TIFF planes: channel, z and t chosen through OME-XML's DimensionOrder and TiffData, physical pixel size in µm
// from PhysicalSizeX/Y and their units.
#include <gtest/gtest.h>

#include "io/microscopy/plane_reader.hpp"
#include "microscopy_io/microscopy_test_files.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test::microscopy {
namespace {

namespace mio = voxfeat::io::microscopy;

/// The value each plane holds: which channel and z it is, readable in a failure message.
double plane_value(std::size_t c, std::size_t z, std::size_t x, std::size_t y) {
  return double(1000 * z + 100 * c + (x + y) % 100);
}

/// A 2-channel, 3-z-plane OME-TIFF whose IFD i holds the plane that `plane_of_ifd(i)` names, with `pixels_extra`
/// inserted in the Pixels start tag and `tiff_data` inside the Pixels element.
using PlaneOfIfd = std::function<std::pair<std::size_t, std::size_t>(std::size_t ifd)>;  // (c, z)

std::filesystem::path write_ome_tiff(const std::filesystem::path& path, const std::string& order,
                                     const std::string& pixels_extra, const std::string& tiff_data,
                                     const PlaneOfIfd& plane_of_ifd) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by the voxfeat tests; <Pixels SizeX="1"> in a comment must not be read -->
<OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06">
  <Image ID="Image:0" Name="cells">
    <ome:Pixels xmlns:ome="http://www.openmicroscopy.org/Schemas/OME/2016-06" ID="Pixels:0" DimensionOrder=")" +
                          order + R"(" Type="uint16" SizeX="40" SizeY="37" SizeC="2" SizeZ="3" SizeT="1" )" +
                          pixels_extra + R"(>
      <Channel ID="Channel:0:0" SamplesPerPixel="1"/>
      <Channel ID="Channel:0:1" SamplesPerPixel="1"/>
      )" + tiff_data + R"(
    </ome:Pixels>
  </Image>
</OME>)";
  std::vector<TiffPage> pages(6);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto [c, z] = plane_of_ifd(i);
    pages[i].bits = 16;
    pages[i].tile = i % 2 ? 16 : 0;
    pages[i].value = [c, z](std::size_t x, std::size_t y, std::size_t) { return plane_value(c, z, x, y); };
    if (i == 0) pages[i].description = xml;
  }
  write_tiff(path, pages);
  return path;
}

std::vector<float> expected(std::size_t c, std::size_t z) {
  return expected_plane(40, 37, 0,
                        [c, z](std::size_t x, std::size_t y, std::size_t) { return plane_value(c, z, x, y); });
}

TEST(OmeTiffReader, XyczPlaneOrderAndPixelSizeInMicrometres) {
  // XYCZT: C varies fastest, so IFD i holds c = i % 2, z = i / 2.
  const auto path = write_ome_tiff(fresh_temp_dir("mio-ome") / "cells.ome.tif", "XYCZT",
                                   R"(PhysicalSizeX="0.65" PhysicalSizeY="0.65" PhysicalSizeXUnit="µm")", "",
                                   [](std::size_t i) { return std::pair{i % 2, i / 2}; });
  for (std::size_t c = 0; c < 2; ++c)
    for (std::size_t z = 0; z < 3; ++z) {
      mio::PlaneInfo info;
      EXPECT_EQ(mio::read_intensity_plane(path, {.channel = c, .z = z}, &info), expected(c, z))
          << "c " << c << " z " << z;
      EXPECT_EQ(info.format, "OME-TIFF");
      EXPECT_EQ(info.channels, 2u);
      EXPECT_EQ(info.z_planes, 3u);
      EXPECT_EQ(info.time_points, 1u);
      EXPECT_EQ(info.pages, 6u);
      ASSERT_TRUE(info.pixel_size_x_um && info.pixel_size_y_um);
      EXPECT_DOUBLE_EQ(*info.pixel_size_x_um, 0.65);
      EXPECT_DOUBLE_EQ(*info.pixel_size_y_um, 0.65);  // no unit: OME's default, µm
    }
  // t has one entry: 0 may be given.
  EXPECT_EQ(mio::read_intensity_plane(path, {.channel = 1, .z = 2, .t = 0}), expected(1, 2));
}

TEST(OmeTiffReader, XyzcPlaneOrder) {
  // XYZCT: Z varies fastest, so IFD i holds z = i % 3, c = i / 3.
  const auto path = write_ome_tiff(fresh_temp_dir("mio-ome") / "zc.ome.tif", "XYZCT", "", "",
                                   [](std::size_t i) { return std::pair{i / 3, i % 3}; });
  EXPECT_EQ(mio::read_intensity_plane(path, {.channel = 1, .z = 0}), expected(1, 0));
  EXPECT_EQ(mio::read_intensity_plane(path, {.channel = 0, .z = 2}), expected(0, 2));
  mio::PlaneInfo info;
  mio::read_intensity_plane(path, {.channel = 0, .z = 0}, &info);
  EXPECT_FALSE(info.pixel_size_x_um.has_value());
}

TEST(OmeTiffReader, TiffDataMapsPlanesToIfds) {
  // Planes stored in reverse: plane p (XYCZT) in IFD 5 - p, one TiffData per plane.
  std::string tiff_data;
  for (std::size_t p = 0; p < 6; ++p)
    tiff_data += "<TiffData IFD=\"" + std::to_string(5 - p) + "\" FirstC=\"" + std::to_string(p % 2) +
                 "\" FirstZ=\"" + std::to_string(p / 2) + "\" PlaneCount=\"1\"><UUID FileName=\"old-name.ome.tif\">"
                 "urn:uuid:1234</UUID></TiffData>\n";
  const auto path = write_ome_tiff(fresh_temp_dir("mio-ome") / "reversed.ome.tif", "XYCZT", "", tiff_data,
                                   [](std::size_t i) { return std::pair{(5 - i) % 2, (5 - i) / 2}; });
  for (std::size_t c = 0; c < 2; ++c)
    for (std::size_t z = 0; z < 3; ++z)
      EXPECT_EQ(mio::read_intensity_plane(path, {.channel = c, .z = z}), expected(c, z)) << "c " << c << " z " << z;
}

TEST(OmeTiffReader, PhysicalSizeUnitsConvertToMicrometres) {
  const auto dir = fresh_temp_dir("mio-ome-units");
  const auto by_ifd = [](std::size_t i) { return std::pair{i % 2, i / 2}; };
  struct Case {
    const char* attributes;
    double x_um, y_um;
  };
  const Case cases[] = {
      {R"(PhysicalSizeX="650" PhysicalSizeXUnit="nm" PhysicalSizeY="0.00065" PhysicalSizeYUnit="mm")", 0.65, 0.65},
      {R"(PhysicalSizeX="0.65" PhysicalSizeXUnit="&#181;m" PhysicalSizeY="1.3e-6" PhysicalSizeYUnit="m")", 0.65, 1.3},
      {R"(PhysicalSizeX="0.5" PhysicalSizeXUnit="um" PhysicalSizeY="2" PhysicalSizeYUnit="&#x3BC;m")", 0.5, 2.0},
  };
  int n = 0;
  for (const Case& k : cases) {
    const auto path = write_ome_tiff(dir / ("units" + std::to_string(n++) + ".ome.tif"), "XYCZT", k.attributes, "",
                                     by_ifd);
    mio::PlaneInfo info;
    mio::read_intensity_plane(path, {.channel = 0, .z = 0}, &info);
    ASSERT_TRUE(info.pixel_size_x_um && info.pixel_size_y_um) << k.attributes;
    // Unit conversion multiplies by a power of ten: a few ulps of 1 µm cover its rounding.
    EXPECT_NEAR(*info.pixel_size_x_um, k.x_um, 1e-12) << k.attributes;
    EXPECT_NEAR(*info.pixel_size_y_um, k.y_um, 1e-12) << k.attributes;
  }
}

TEST(OmeTiffReader, ChoiceRulesNameWhatTheFileHas) {
  const auto path = write_ome_tiff(fresh_temp_dir("mio-ome") / "stack.ome.tif", "XYCZT", "", "",
                                   [](std::size_t i) { return std::pair{i % 2, i / 2}; });
  const auto no_z = message_of<ConfigError>([&] { mio::read_intensity_plane(path, {.channel = 0}); });
  EXPECT_NE(no_z.find("stack.ome.tif"), std::string::npos) << no_z;
  EXPECT_NE(no_z.find("has 3 z planes; choose one with z (0 to 2)"), std::string::npos) << no_z;
  const auto no_c = message_of<ConfigError>([&] { mio::read_intensity_plane(path, {.z = 1}); });
  EXPECT_NE(no_c.find("has 2 channels; choose one with channel (0 to 1)"), std::string::npos) << no_c;
  const auto far_z = message_of<ConfigError>([&] { mio::read_intensity_plane(path, {.channel = 0, .z = 3}); });
  EXPECT_NE(far_z.find("z 3 requested, the image has 3 z planes"), std::string::npos) << far_z;
  const auto far_t = message_of<ConfigError>([&] { mio::read_intensity_plane(path, {.channel = 0, .z = 0, .t = 1}); });
  EXPECT_NE(far_t.find("t 1 requested, the image has 1 time point"), std::string::npos) << far_t;
  const auto page =
      message_of<ConfigError>([&] { mio::read_intensity_plane(path, {.page = 1, .channel = 0, .z = 0}); });
  EXPECT_NE(page.find("OME-TIFF planes are chosen with channel, z and t, not page"), std::string::npos) << page;
}

TEST(OmeTiffReader, UnknownLengthUnitIsRefused) {
  const auto path = write_ome_tiff(fresh_temp_dir("mio-ome") / "furlong.ome.tif", "XYCZT",
                                   R"(PhysicalSizeX="1" PhysicalSizeXUnit="furlong")", "",
                                   [](std::size_t i) { return std::pair{i % 2, i / 2}; });
  const auto m = message_of<InputError>([&] { mio::read_intensity_plane(path, {.channel = 0, .z = 0}); });
  EXPECT_NE(m.find("furlong.ome.tif"), std::string::npos) << m;
  EXPECT_NE(m.find("PhysicalSizeXUnit \"furlong\" is not a length unit"), std::string::npos) << m;
}

}  // namespace
}  // namespace voxfeat::test::microscopy
