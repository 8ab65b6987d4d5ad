#pragma once
// The IBSI 1 digital phantom (tests/data/ibsi, 5×4×4 voxels of 2 mm, 74 ROI voxels) and a RoiContext over it that
// prepares what the engine would for config "dig": no re-segmentation, fixed bin size 1 from the ROI minimum (the
// discretised levels then equal the intensities 1, 3, 4, 6). Header-only: tests/<area>/ compiles *_test.cpp only.
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "intensity/discretisation.hpp"
#include "io/image_reader.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::test {

/// A RoiContext over an image and intensity mask given whole (morphological mask = intensity mask), discretised
/// with a fixed bin size from the ROI minimum.
class SimpleRoiContext final : public RoiContext {
 public:
  SimpleRoiContext(Volume<float> image, Volume<std::uint8_t> mask, double bin_size = 1.0)
      : m_image(std::move(image)), m_mask(std::move(mask)) {
    for (std::size_t i = 0; i < m_image.voxel_count(); ++i)
      if (m_mask.data()[i]) m_intensities.push_back(double(m_image.data()[i]));
    m_sorted = m_intensities;
    std::sort(m_sorted.begin(), m_sorted.end());
    m_discretised.levels = Volume<std::int32_t>(m_image.geometry(), 0);
    if (m_sorted.empty()) return;
    const double lower = m_sorted.front();
    for (std::size_t i = 0; i < m_image.voxel_count(); ++i)
      if (m_mask.data()[i])
        m_discretised.levels.data()[i] = kernels::discretise_fixed_bin_size(m_image.data()[i], lower, bin_size);
    m_discretised.level_count = kernels::fixed_bin_size_level_count(lower, m_sorted.back(), bin_size);
  }

  const Volume<float>& image() const override { return m_image; }
  const Volume<std::uint8_t>& morphological_mask() const override { return m_mask; }
  const Volume<std::uint8_t>& intensity_mask() const override { return m_mask; }
  std::span<const double> roi_intensities() const override { return m_intensities; }
  std::span<const double> sorted_roi_intensities() const override { return m_sorted; }
  const DiscretisedRoi& discretised() const override { return m_discretised; }
  const ExecutionContext& execution() const override { return m_execution; }

 private:
  Volume<float> m_image;
  Volume<std::uint8_t> m_mask;
  std::vector<double> m_intensities;
  std::vector<double> m_sorted;
  DiscretisedRoi m_discretised;
  ExecutionContext m_execution;
};

inline const SimpleRoiContext& digital_phantom() {
  static const SimpleRoiContext roi(io::read_image(data_dir() / "ibsi" / "phantom.nii.gz"),
                                    io::read_mask(data_dir() / "ibsi" / "mask.nii.gz", LabelSelector{}).mask);
  return roi;
}

}  // namespace voxfeat::test
