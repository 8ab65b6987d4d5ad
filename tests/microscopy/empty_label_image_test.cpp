// A label image without any object is a clear error naming the file, on both ways of reading a pair (whole, and in
// row bands for large images), never an empty table.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/microscopy/plane_writer.hpp"
#include "microscopy/object_image.hpp"
#include "microscopy/streamed_objects.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

TEST(EmptyLabelImage, IsRefusedNamingTheFileWholeAndStreamed) {
  const auto dir = fresh_temp_dir("empty_labels");
  const auto labels = dir / "empty_labels.tif", intensity = dir / "intensity.tif";
  io::microscopy::write_label_tiff(labels, 40, 30, 1, [](std::uint32_t, std::uint32_t, std::span<std::uint32_t> out) {
    std::fill(out.begin(), out.end(), 0u);
  });
  io::microscopy::write_intensity_tiff(intensity, 40, 30, [](std::uint32_t, std::uint32_t, std::span<float> out) {
    std::fill(out.begin(), out.end(), 1.5f);
  });
  const detail::ObjectImageSource source{intensity, labels};
  try {
    (void)detail::ObjectImage::load(source, {});
    FAIL() << "an empty label image was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("empty_labels.tif: the label image has no object"), std::string::npos)
        << e.what();
  }
  const Registry registry = Registry::with_builtin_families();
  const Settings settings =
      Settings::parse("voxfeat_settings: 1\nfamilies: {microscopy_shape: {}}\n", registry, "test settings");
  try {
    (void)detail::compute_object_features_streamed(source, settings, registry, 8, "pair");
    FAIL() << "an empty label image was accepted when streamed";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("empty_labels.tif: the label image has no object"), std::string::npos)
        << e.what();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace voxfeat::test
