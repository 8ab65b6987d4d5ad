#include "extraction/case_roi.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <tbb/parallel_sort.h>

#include "intensity/histogram_ref.hpp"
#include "support/view_of.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

IndexBox bounding_box(const Volume<std::uint8_t>& mask) {
  const Index3& n = mask.size();
  IndexBox box{{n[0], n[1], n[2]}, {0, 0, 0}};
  for (std::size_t z = 0; z < n[2]; ++z)
    for (std::size_t y = 0; y < n[1]; ++y) {
      const std::uint8_t* row = &mask(0, y, z);
      for (std::size_t x = 0; x < n[0]; ++x)
        if (row[x]) {
          box.lo = {std::min(box.lo[0], x), std::min(box.lo[1], y), std::min(box.lo[2], z)};
          box.hi = {std::max(box.hi[0], x + 1), std::max(box.hi[1], y + 1), std::max(box.hi[2], z + 1)};
        }
    }
  return box;
}

IndexBox with_margin(IndexBox box, const Geometry& g, double margin_mm) {
  for (int a = 0; a < 3; ++a) {
    const auto m = std::size_t(std::ceil(margin_mm / g.spacing[a]));
    box.lo[a] = box.lo[a] > m ? box.lo[a] - m : 0;
    box.hi[a] = std::min(g.size[a], box.hi[a] + m);
  }
  return box;
}

}  // namespace

CaseRoi::CaseRoi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
                 ExecutionContext execution, const std::string& case_name)
    : m_discretisation(settings.discretisation), m_execution(execution) {
  const IndexBox roi_box = bounding_box(mask);
  if (roi_box.empty()) throw InputError(case_name + ": the mask selects no voxel (empty ROI)");
  const IndexBox box = with_margin(roi_box, image.geometry(), local_intensity_margin_mm);
  m_image = crop(image, box);
  m_mask = crop(mask, box);

  const float* v = m_image.data();
  const std::uint8_t* in = m_mask.data();
  for (std::size_t i = 0; i < m_image.voxel_count(); ++i) {
    if (!std::isfinite(v[i])) {
      const Index3& n = m_image.size();
      throw InputError(fmt::format("{}: the image holds a non-finite value ({}) at voxel ({}, {}, {}) {} the ROI",
                                   case_name, v[i], box.lo[0] + i % n[0], box.lo[1] + (i / n[0]) % n[1],
                                   box.lo[2] + i / (n[0] * n[1]), in[i] ? "inside" : "next to"));
    }
    if (in[i]) m_intensities.push_back(double(v[i]));
  }
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
    const auto [lo_it, hi_it] = std::minmax_element(m_intensities.begin(), m_intensities.end());
    kernels::DiscretisationSpec spec;
    spec.x_max = *hi_it;
    if (m_discretisation.method == DiscretisationMethod::fixed_bin_number) {
      spec.method = kernels::DiscretisationMethod::fixed_bin_number;
      spec.x_min = *lo_it;
      spec.bin_number = m_discretisation.bin_number;
    } else {
      spec.method = kernels::DiscretisationMethod::fixed_bin_size;
      spec.x_min = m_discretisation.lower_bound.value_or(*lo_it);
      spec.bin_width = m_discretisation.bin_size;
      if (spec.x_min > spec.x_max) spec.x_max = spec.x_min;  // the whole ROI lies below the lower bound: level 1
    }
    try {
      kernels::check_discretisation(spec);
    } catch (const std::invalid_argument& e) {
      throw ConfigError(std::string("discretisation settings cannot be used for this ROI: ") + e.what());
    }
    m_discretised.levels = Volume<std::int32_t>(m_image.geometry(), 0);
    m_discretised.level_count = kernels::level_count(spec);
    kernels::level_histogram_ref(plugins::view_of(m_image), plugins::view_of(m_mask), spec,
                                 {m_discretised.levels.data(), m_discretised.levels.voxel_count()});
  });
  return m_discretised;
}

}  // namespace voxfeat::detail
