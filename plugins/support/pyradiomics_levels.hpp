#pragma once
// PyRadiomics' grey levels of one ROI (pyradiomics/binning.hpp), made once per ROI and binning for all its texture
// classes (RoiContext::shared), from the intensity mask (after re-segmentation), as PyRadiomics bins them.
#include <memory>
#include <optional>
#include <string>

#include "pyradiomics/binning.hpp"
#include "support/view_of.hpp"
#include "voxfeat/family.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {

/// binWidth / binCount from a PyRadiomics-profile family's parameters `bin_width` and `bin_count` (0: unset).
inline kernels::pyradiomics::BinSettings pyradiomics_bin_settings(const ParamValues& params) {
  kernels::pyradiomics::BinSettings s;
  s.bin_width = params.real("bin_width");
  if (const long long count = params.integer("bin_count"); count > 0) s.bin_count = int(count);
  return s;
}

inline std::shared_ptr<const kernels::pyradiomics::GreyLevels> pyradiomics_levels(const RoiContext& roi,
                                                                                 const ParamValues& params) {
  const auto s = pyradiomics_bin_settings(params);
  const std::string key = "pyradiomics grey levels: " +
                          (s.bin_count ? "bin count " + std::to_string(*s.bin_count)
                                       : "bin width " + params.text("bin_width"));
  return roi.shared<kernels::pyradiomics::GreyLevels>(key, [&] {
    return kernels::pyradiomics::discretise(view_of(roi.image()), view_of(roi.intensity_mask()), s);
  });
}

}  // namespace voxfeat::plugins
