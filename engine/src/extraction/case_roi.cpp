#include "extraction/case_roi.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include "intensity/histogram_ref.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
CaseRoi::CaseRoi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
                 ExecutionContext execution, const std::string& case_name)
    : CaseRoi(process_roi(image, mask, settings, ProcessingExtent::roi_neighbourhood, case_name), settings,
              execution) {}

CaseRoi::CaseRoi(ProcessedRoi processed, const Settings& settings, ExecutionContext execution)
    : m_image(std::move(processed.image)),
      m_morphological_mask(std::move(processed.morphological_mask)),
      m_intensity_mask(std::move(processed.intensity_mask)),
      m_discretisation(settings.discretisation),
      m_resegmentation_range{settings.resegmentation.min, settings.resegmentation.max},
      m_execution(execution) {
  // Per slice (in parallel): ROI voxel count; then the intensities gathered in storage order at offsets given by
  // the counts, so the result does not depend on the thread count.
  const Index3& n = m_image.size();
  const std::size_t plane = n[0] * n[1];
  const float* v = m_image.data();
  const std::uint8_t* in = m_intensity_mask.data();
  std::vector<std::size_t> counts(n[2], 0);
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    std::size_t count = 0;
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i) count += in[i];
    counts[z] = count;
  });
  std::vector<std::size_t> offsets(n[2] + 1, 0);
  for (std::size_t z = 0; z < n[2]; ++z) offsets[z + 1] = offsets[z] + counts[z];
  m_intensities.resize(offsets[n[2]]);
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    double* out = m_intensities.data() + offsets[z];
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i)
      if (in[i]) *out++ = double(v[i]);
  });
}

std::span<const double> CaseRoi::sorted_roi_intensities() const {
  std::call_once(m_sorted_once, [this] {
    m_sorted = m_intensities;
    tbb::parallel_sort(m_sorted.begin(), m_sorted.end());
  });
  return m_sorted;
}

const DiscretisedRoi& CaseRoi::discretised() const {
  std::call_once(m_discretised_once, [this] {
    m_discretised.levels = Volume<std::int32_t>(m_image.geometry(), 0);
    if (m_intensities.empty()) {  // re-segmentation left no voxel: no level occurs, families report NaN
      m_discretised.level_count = 0;
      return;
    }
    const auto [lo_it, hi_it] = std::minmax_element(m_intensities.begin(), m_intensities.end());
    kernels::DiscretisationSpec spec;
    spec.x_max = *hi_it;
    if (m_discretisation.method == DiscretisationMethod::fixed_bin_number) {
      spec.method = kernels::DiscretisationMethod::fixed_bin_number;
      spec.x_min = *lo_it;
      spec.bin_number = m_discretisation.bin_number;
    } else {
      spec.method = kernels::DiscretisationMethod::fixed_bin_size;
      // IBSI 2.7: bins start at the re-segmentation range's lower bound when there is one.
      spec.x_min = m_discretisation.lower_bound.value_or(m_resegmentation_range.min.value_or(*lo_it));
      spec.bin_width = m_discretisation.bin_size;
      if (spec.x_min > spec.x_max) spec.x_max = spec.x_min;  // the whole ROI lies below the lower bound: level 1
    }
    try {
      kernels::check_discretisation(spec);
    } catch (const std::invalid_argument& e) {
      throw ConfigError(std::string("discretisation settings cannot be used for this ROI: ") + e.what());
    }
    m_discretised.level_count = kernels::level_count(spec);
    // The shared formula (kernels::discretise, the one level_histogram_ref and the GPU use), one slice per task.
    const std::size_t plane = m_image.size()[0] * m_image.size()[1];
    const float* v = m_image.data();
    const std::uint8_t* in = m_intensity_mask.data();
    std::int32_t* out = m_discretised.levels.data();
    tbb::parallel_for(std::size_t(0), m_image.size()[2], [&](std::size_t z) {
      for (std::size_t i = z * plane; i < (z + 1) * plane; ++i)
        if (in[i]) out[i] = kernels::discretise(double(v[i]), spec);
    });
  });
  return m_discretised;
}

}  // namespace voxfeat::detail
