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
namespace {

IndexBox bounding_box(const Volume<std::uint8_t>& mask) {
  // memchr/memrchr scan whole rows with SIMD: the full-size mask is the largest array a case touches.
  const Index3& n = mask.size();
  IndexBox box{{n[0], n[1], n[2]}, {0, 0, 0}};
  for (std::size_t z = 0; z < n[2]; ++z)
    for (std::size_t y = 0; y < n[1]; ++y) {
      const std::uint8_t* row = &mask(0, y, z);
      const auto* first = static_cast<const std::uint8_t*>(std::memchr(row, 1, n[0]));
      if (!first) continue;
      const auto* last = static_cast<const std::uint8_t*>(::memrchr(row, 1, n[0]));
      const auto x0 = std::size_t(first - row), x1 = std::size_t(last - row) + 1;
      box.lo = {std::min(box.lo[0], x0), std::min(box.lo[1], y), std::min(box.lo[2], z)};
      box.hi = {std::max(box.hi[0], x1), std::max(box.hi[1], y + 1), std::max(box.hi[2], z + 1)};
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

/// crop() of volume.hpp, one z-slice per task: the full-size volumes are the largest arrays a case touches.
template <class T>
Volume<T> crop_parallel(const Volume<T>& source, const IndexBox& box) {
  Geometry g = source.geometry();
  g.origin = g.index_to_physical(double(box.lo[0]), double(box.lo[1]), double(box.lo[2]));
  g.size = box.extent();
  Volume<T> out(g);
  tbb::parallel_for(box.lo[2], box.hi[2], [&](std::size_t z) {
    T* dst = &out(0, 0, z - box.lo[2]);
    for (std::size_t y = box.lo[1]; y < box.hi[1]; ++y, dst += g.size[0])
      std::copy_n(&source(box.lo[0], y, z), g.size[0], dst);
  });
  return out;
}

}  // namespace

CaseRoi::CaseRoi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
                 ExecutionContext execution, const std::string& case_name)
    : m_discretisation(settings.discretisation), m_execution(execution) {
  const IndexBox roi_box = bounding_box(mask);
  if (roi_box.empty()) throw InputError(case_name + ": the mask selects no voxel (empty ROI)");
  const IndexBox box = with_margin(roi_box, image.geometry(), local_intensity_margin_mm);
  m_image = crop_parallel(image, box);
  m_mask = crop_parallel(mask, box);

  // Per slice (in parallel): ROI voxel count and the first non-finite voxel; then the intensities gathered in
  // storage order at offsets given by the counts, so the result does not depend on the thread count.
  const Index3& n = m_image.size();
  const std::size_t plane = n[0] * n[1];
  const float* v = m_image.data();
  const std::uint8_t* in = m_mask.data();
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> counts(n[2], 0), first_bad(n[2], none);
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    std::size_t count = 0;
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i) {
      if (!std::isfinite(v[i]) && first_bad[z] == none) first_bad[z] = i;
      count += in[i];
    }
    counts[z] = count;
  });
  for (std::size_t z = 0; z < n[2]; ++z)
    if (const std::size_t i = first_bad[z]; i != none)
      throw InputError(fmt::format("{}: the image holds a non-finite value ({}) at voxel ({}, {}, {}) {} the ROI",
                                   case_name, v[i], box.lo[0] + i % n[0], box.lo[1] + (i / n[0]) % n[1],
                                   box.lo[2] + i / plane, in[i] ? "inside" : "next to"));
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
    // The shared formula (kernels::discretise, the one level_histogram_ref and the GPU use), one slice per task.
    const std::size_t plane = m_image.size()[0] * m_image.size()[1];
    const float* v = m_image.data();
    const std::uint8_t* in = m_mask.data();
    std::int32_t* out = m_discretised.levels.data();
    tbb::parallel_for(std::size_t(0), m_image.size()[2], [&](std::size_t z) {
      for (std::size_t i = z * plane; i < (z + 1) * plane; ++i)
        if (in[i]) out[i] = kernels::discretise(double(v[i]), spec);
    });
  });
  return m_discretised;
}

}  // namespace voxfeat::detail
