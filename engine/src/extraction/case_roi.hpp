#pragma once
// The engine's RoiContext: one ROI of one case after IBSI image processing (processing/roi_processing.hpp), cropped
// to its bounding box plus the local-intensity margin, with the intermediate products families share computed
// once, on first use, thread-safely.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "processing/roi_processing.hpp"
#include "voxfeat/roi_context.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::detail {

class CaseRoi final : public RoiContext {
 public:
  /// `mask` holds 1 for ROI voxels on the image grid (already checked to match). Throws InputError when the mask is
  /// empty, the ROI vanishes after interpolation or the image holds NaN/Inf in the region that features read;
  /// `case_name` prefixes the messages.
  CaseRoi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
          ExecutionContext execution, const std::string& case_name);
  /// An ROI already processed.
  CaseRoi(ProcessedRoi processed, const Settings& settings, ExecutionContext execution);

  const Volume<float>& image() const override { return m_image; }
  const Volume<std::uint8_t>& morphological_mask() const override { return m_morphological_mask; }
  const Volume<std::uint8_t>& intensity_mask() const override { return m_intensity_mask; }
  std::span<const double> roi_intensities() const override { return m_intensities; }
  std::span<const double> sorted_roi_intensities() const override;
  const DiscretisedRoi& discretised() const override;
  const ExecutionContext& execution() const override { return m_execution; }
  IntensityRange resegmentation_range() const override { return m_resegmentation_range; }

  [[nodiscard]] std::size_t roi_voxel_count() const { return m_intensities.size(); }

 private:
  Volume<float> m_image;
  Volume<std::uint8_t> m_morphological_mask;
  Volume<std::uint8_t> m_intensity_mask;
  std::vector<double> m_intensities;
  DiscretisationSettings m_discretisation;
  IntensityRange m_resegmentation_range;

  ExecutionContext m_execution;

  mutable std::once_flag m_sorted_once;
  mutable std::vector<double> m_sorted;
  mutable std::once_flag m_discretised_once;
  mutable DiscretisedRoi m_discretised;
};

}  // namespace voxfeat::detail
