#pragma once
// The reference images of tests/data/microscopy/ (tests/reference/microscopy/README.md): a label plane (uint16) and
// its intensity plane (uint16 or float32, exact as float), read with the engine's microscopy reader. Shared by the
// CPU tests and the GPU parity tests, which pass the data folder they found.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/microscopy/plane_reader.hpp"
#include "microscopy/plane_view.hpp"

namespace voxfeat::test::microscopy {

struct ReferencePlanes {
  std::int32_t width = 0, height = 0;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensity;

  [[nodiscard]] kernels::microscopy::PlaneView<std::uint32_t> label_view() const { return {labels.data(), width, height}; }
  [[nodiscard]] kernels::microscopy::PlaneView<float> intensity_view() const { return {intensity.data(), width, height}; }
};

/// `<dir>/<name>_labels.tif` and `<dir>/<name>_intensity.tif`.
inline ReferencePlanes read_reference_planes(const std::filesystem::path& dir, const std::string& name) {
  ReferencePlanes p;
  io::microscopy::PlaneInfo labels_info, intensity_info;
  p.labels = io::microscopy::read_label_plane(dir / (name + "_labels.tif"), {}, &labels_info);
  p.intensity = io::microscopy::read_intensity_plane(dir / (name + "_intensity.tif"), {}, &intensity_info);
  if (labels_info.width != intensity_info.width || labels_info.height != intensity_info.height)
    throw std::runtime_error(name + ": label and intensity planes differ in size");
  p.width = std::int32_t(labels_info.width);
  p.height = std::int32_t(labels_info.height);
  return p;
}

}  // namespace voxfeat::test::microscopy
