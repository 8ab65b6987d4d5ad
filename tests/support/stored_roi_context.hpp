#pragma once
// The RoiContext test fixtures hand to families: an image and one mask held as given (morphological mask = intensity
// mask: no re-segmentation), the mask's intensities in storage order and sorted, and a discretisation the fixture
// fills in. Header-only, with no engine dependency, so that tests/gpu (which does not link the engine) uses it too.
#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "voxfeat/roi_context.hpp"

namespace voxfeat::test {

class StoredRoiContext : public RoiContext {
 public:
  StoredRoiContext(Volume<float> image, Volume<std::uint8_t> mask, ExecutionContext execution = {})
      : m_image(std::move(image)), m_mask(std::move(mask)), m_execution(execution) {
    for (std::size_t i = 0; i < m_mask.voxel_count(); ++i)
      if (m_mask.data()[i]) m_intensities.push_back(double(m_image.data()[i]));
    m_sorted = m_intensities;
    std::sort(m_sorted.begin(), m_sorted.end());
  }

  const Volume<float>& image() const override { return m_image; }
  const Volume<std::uint8_t>& morphological_mask() const override { return m_mask; }
  const Volume<std::uint8_t>& intensity_mask() const override { return m_mask; }
  std::span<const double> roi_intensities() const override { return m_intensities; }
  std::span<const double> sorted_roi_intensities() const override { return m_sorted; }
  const DiscretisedRoi& discretised() const override { return m_discretised; }
  const ExecutionContext& execution() const override { return m_execution; }

 protected:
  DiscretisedRoi m_discretised;  ///< empty (no levels) unless the fixture fills it

 private:
  Volume<float> m_image;
  Volume<std::uint8_t> m_mask;
  ExecutionContext m_execution;
  std::vector<double> m_intensities, m_sorted;
};

}  // namespace voxfeat::test
