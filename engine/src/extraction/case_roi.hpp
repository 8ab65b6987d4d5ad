#pragma once
// The engine's RoiContext: one ROI of one case after IBSI image processing (processing/roi_processing.hpp), cropped
// to its bounding box plus the local-intensity margin, with the intermediate products families share computed
// once, on first use, thread-safely.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <typeindex>
#include <vector>

#include <tbb/collaborative_call_once.h>

#include "extraction/shared_products.hpp"
#include "intensity/histogram_ref.hpp"
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
  const Volume<std::uint8_t>& intensity_mask() const override {
    return m_resegmented_mask.empty() ? m_morphological_mask : m_resegmented_mask;
  }
  std::span<const double> roi_intensities() const override { return m_intensities; }
  std::span<const double> sorted_roi_intensities() const override;
  const DiscretisedRoi& discretised() const override;
  const ExecutionContext& execution() const override { return m_execution; }
  IntensityRange resegmentation_range() const override { return m_resegmentation_range; }

  [[nodiscard]] std::size_t roi_voxel_count() const { return m_intensities.size(); }

 protected:
  std::shared_ptr<const void> shared_product(const std::string& key, const std::type_info& type,
                                             const std::function<std::shared_ptr<const void>()>& make) const override;

 private:
  Volume<float> m_image;
  Volume<std::uint8_t> m_morphological_mask;
  /// Empty without re-segmentation: the intensity mask is then the morphological mask (ProcessedRoi).
  Volume<std::uint8_t> m_resegmented_mask;
  /// Per x row of the box (index y + size_y · z): [lo, hi) holds every intensity-mask voxel of the row.
  struct MaskRow {
    std::uint32_t lo = 0, hi = 0;
  };
  std::vector<MaskRow> m_mask_rows;
  std::vector<double> m_intensities;
  /// Of m_intensities, found as they are gathered: the range the discretisation needs, and whether every intensity
  /// is an integer (CT, rounded images), which lets it look levels up per intensity value.
  double m_lowest = 0.0, m_highest = 0.0;
  bool m_integer_intensities = true;
  DiscretisationSettings m_discretisation;
  IntensityRange m_resegmentation_range;

  ExecutionContext m_execution;

  void discretise() const;
  /// Sorts m_sorted on the GPU when the execution sends work there; false when it did not run there.
  bool sort_on_gpu() const;
  /// The discretisation on the GPU when the execution sends work there; false when it did not run there.
  bool discretise_on_gpu(const kernels::DiscretisationSpec& spec) const;

  // Collaborative: families run as concurrent tasks, and one that needs a product another is computing joins that
  // computation's parallel loops instead of blocking its thread (std::call_once would leave a core idle).
  mutable tbb::collaborative_once_flag m_sorted_once;
  mutable std::vector<double> m_sorted;
  mutable tbb::collaborative_once_flag m_discretised_once;
  mutable DiscretisedRoi m_discretised;

  SharedProducts m_shared;
};

}  // namespace voxfeat::detail
