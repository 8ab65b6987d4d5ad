// Image and mask readers: every supported format round-trips voxels and geometry (spacing, origin, a non-identity
// direction), 2D images become one-slice volumes, label selection, and unsupported or broken files are refused with
// the file named.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "io/image_reader.hpp"
#include "support/case_files.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

Volume<float> test_volume() {
  Geometry g;
  g.size = {7, 5, 3};
  g.spacing = {0.75, 1.25, 2.5};
  g.origin = {-10.5, 20.25, 3.0};
  // A rotation of 90° about z: index x runs along physical y, index y along −x.
  g.direction = {0, -1, 0, 1, 0, 0, 0, 0, 1};
  Volume<float> v(g);
  for (std::size_t i = 0; i < v.voxel_count(); ++i) v.data()[i] = float(i) * 1.5f - 40.0f;
  return v;
}

class FormatRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(FormatRoundTrip, VoxelsAndGeometrySurvive) {
  const auto dir = fresh_temp_dir("io");
  const auto path = dir / ("image" + GetParam());
  const Volume<float> original = test_volume();
  io::write_image(path, original);
  const Volume<float> read = io::read_image(path);
  EXPECT_EQ(read.values(), original.values());
  const Geometry& a = read.geometry();
  const Geometry& b = original.geometry();
  EXPECT_EQ(a.size, b.size);
  for (int i = 0; i < 3; ++i) {
    // NIfTI stores spacing and origin as float32: 1e-5 mm covers that rounding.
    EXPECT_NEAR(a.spacing[i], b.spacing[i], 1e-5);
    EXPECT_NEAR(a.origin[i], b.origin[i], 1e-5);
  }
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(a.direction[i], b.direction[i], 1e-6) << "direction[" << i << "]";
}

INSTANTIATE_TEST_SUITE_P(Formats, FormatRoundTrip, ::testing::Values(".nii", ".nii.gz", ".nrrd", ".mha", ".mhd"),
                         [](const auto& info) { return info.param.substr(1) == "nii.gz" ? std::string("nii_gz")
                                                                                        : info.param.substr(1); });

TEST(Readers, MaskLabelSelectionAndLabelsPresent) {
  const auto dir = fresh_temp_dir("io-mask");
  Geometry g;
  g.size = {4, 4, 2};
  Volume<float> labels(g, 0.0f);
  labels(0, 0, 0) = 1;
  labels(1, 0, 0) = 2;
  labels(2, 0, 0) = 2;
  labels(3, 3, 1) = 7.0f;
  io::write_image(dir / "labels.nrrd", labels);
  const auto any = io::read_mask(dir / "labels.nrrd", {});
  EXPECT_EQ(any.selected_voxels, 4u);
  EXPECT_EQ(any.labels_present, (std::vector<long long>{1, 2, 7}));
  const auto two = io::read_mask(dir / "labels.nrrd", LabelSelector::parse("2", "test"));
  EXPECT_EQ(two.selected_voxels, 2u);
  EXPECT_EQ(two.mask(1, 0, 0), 1);
  EXPECT_EQ(two.mask(0, 0, 0), 0);
  EXPECT_EQ(io::read_mask(dir / "labels.nrrd", LabelSelector::parse("5", "test")).selected_voxels, 0u);
}

TEST(Readers, TwoDimensionalImagesBecomeOneSliceVolumes) {
  const auto dir = fresh_temp_dir("io-2d");
  // A 2D MetaImage written by hand: NDims = 2.
  std::ofstream(dir / "slice.mhd") << "ObjectType = Image\nNDims = 2\nDimSize = 3 2\nElementSpacing = 0.5 0.25\n"
                                      "ElementType = MET_SHORT\nElementDataFile = slice.raw\n";
  const std::int16_t data[6] = {1, 2, 3, 4, 5, -6};
  std::ofstream(dir / "slice.raw", std::ios::binary).write(reinterpret_cast<const char*>(data), sizeof data);
  const auto v = io::read_image(dir / "slice.mhd");
  EXPECT_EQ(v.size(), (Index3{3, 2, 1}));
  EXPECT_EQ(v.geometry().spacing[0], 0.5);
  EXPECT_EQ(v(2, 1, 0), -6.0f);
}

TEST(Readers, BrokenFilesAreRefusedWithTheFileNamed) {
  const auto dir = fresh_temp_dir("io-bad");
  const auto expect_io_error = [](const std::filesystem::path& p, const std::string& needle) {
    try {
      (void)io::read_image(p);
      ADD_FAILURE() << "read " << p;
    } catch (const IoError& e) {
      EXPECT_NE(std::string(e.what()).find(p.string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expect_io_error(dir / "absent.nii.gz", "does not exist");
  std::ofstream(dir / "image.png") << "png";
  expect_io_error(dir / "image.png", "unsupported format");
  std::ofstream(dir / "garbage.nrrd") << "not a nrrd";
  expect_io_error(dir / "garbage.nrrd", "");
  // A MetaImage whose raw data file is too short.
  std::ofstream(dir / "short.mhd") << "ObjectType = Image\nNDims = 3\nDimSize = 10 10 10\nElementType = MET_FLOAT\n"
                                      "ElementDataFile = short.raw\n";
  std::ofstream(dir / "short.raw") << "only a few bytes";
  expect_io_error(dir / "short.mhd", "truncated: 16 of 4000 voxel bytes");
  // An uncompressed NIfTI cut in half.
  io::write_image(dir / "full.nii", test_volume());
  const std::string bytes = read_bytes(dir / "full.nii");
  std::ofstream(dir / "half.nii", std::ios::binary) << bytes.substr(0, 352 + (bytes.size() - 352) / 2);
  expect_io_error(dir / "half.nii", "truncated");
  expect_io_error(dir, "is a folder");
}

}  // namespace
}  // namespace voxfeat::test
