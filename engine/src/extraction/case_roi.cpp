#include "extraction/case_roi.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include "extraction/device_choice.hpp"
#include "intensity/histogram_ref.hpp"
#include "voxfeat/error.hpp"

#if VOXFEAT_HAVE_CUDA
#include "histogram.hpp"  // cuda/histogram.hpp
#include "sort.hpp"       // cuda/sort.hpp
#include "support/view_of.hpp"
#endif

namespace voxfeat::detail {
namespace {

/// Range of a run of intensities, and whether all are integers.
struct IntensitySpread {
  double lowest = std::numeric_limits<double>::infinity(), highest = -std::numeric_limits<double>::infinity();
  bool integers = true;
};

/// Appends the intensities of the mask voxels among [lo, hi) of a row to `out`; returns its new end. Restrict: the
/// stores to `out` could otherwise alias the image and mask, re-read every voxel.
double* gather_row(const float* __restrict v, const std::uint8_t* __restrict in, std::size_t lo, std::size_t hi,
                   double* __restrict out) {
  for (std::size_t x = lo; x < hi; ++x)
    if (in[x]) *out++ = double(v[x]);
  return out;
}

/// The spread of values[0, n), branch-free: four independent minima and maxima (not one chain of dependent
/// latencies), and x is an integer when adding and subtracting 1.5 · 2^52 (which rounds it to an integer below 2^51)
/// gives x back; larger integers may fail the test, which only costs the discretisation its table.
IntensitySpread spread_of(const double* __restrict values, std::size_t n) {
  constexpr double inf = std::numeric_limits<double>::infinity(), round = 6755399441055744.0;
  double lo[4] = {inf, inf, inf, inf}, hi[4] = {-inf, -inf, -inf, -inf};
  std::uint32_t fractions = 0;
  const auto take = [&](std::size_t j, double x) {
    lo[j] = x < lo[j] ? x : lo[j];
    hi[j] = x > hi[j] ? x : hi[j];
    fractions |= std::uint32_t((x + round) - round != x);
  };
  std::size_t k = 0;
  for (; k + 4 <= n; k += 4)
    for (std::size_t j = 0; j < 4; ++j) take(j, values[k + j]);
  for (; k < n; ++k) take(0, values[k]);
  return {std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3])),
          std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3])), fractions == 0};
}

}  // namespace

CaseRoi::CaseRoi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
                 ExecutionContext execution, const std::string& case_name)
    : CaseRoi(process_roi(image, mask, settings, ProcessingExtent::roi_neighbourhood, case_name, std::nullopt,
                          execution),
              settings, execution) {}

CaseRoi::CaseRoi(ProcessedRoi processed, const Settings& settings, ExecutionContext execution)
    : m_image(std::move(processed.image)),
      m_morphological_mask(std::move(processed.morphological_mask)),
      m_resegmented_mask(std::move(processed.intensity_mask)),
      m_discretisation(settings.discretisation),
      m_resegmentation_range{settings.resegmentation.min, settings.resegmentation.max},
      m_execution(execution) {
  // Per x row (in parallel over slices): the span of its intensity-mask voxels (memchr/memrchr, SIMD) and their
  // count; then the intensities gathered in storage order at offsets given by the slice counts, so the result does
  // not depend on the thread count. Spans leave out the box's margin and the empty rows around a round ROI, here and
  // in the discretisation. Each slice's intensities, just gathered, give its spread (range, and whether all are
  // integers), combined below (minima, maxima and "all" do not depend on the order).
  const Index3& n = m_image.size();
  const float* const v = m_image.data();
  const std::uint8_t* const in = intensity_mask().data();
  m_mask_rows.assign(n[1] * n[2], MaskRow{});
  std::vector<std::size_t> counts(n[2], 0);
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    std::size_t count = 0;
    for (std::size_t r = z * n[1]; r < (z + 1) * n[1]; ++r) {
      const std::uint8_t* row = in + r * n[0];
      const auto* first = static_cast<const std::uint8_t*>(std::memchr(row, 1, n[0]));
      if (!first) continue;
      const auto* last = static_cast<const std::uint8_t*>(::memrchr(row, 1, n[0]));
      const MaskRow span{std::uint32_t(first - row), std::uint32_t(last - row) + 1};
      for (std::size_t x = span.lo; x < span.hi; ++x) count += row[x];
      m_mask_rows[r] = span;
    }
    counts[z] = count;
  });
  std::vector<std::size_t> offsets(n[2] + 1, 0);
  for (std::size_t z = 0; z < n[2]; ++z) offsets[z + 1] = offsets[z] + counts[z];
  m_intensities.resize(offsets[n[2]]);
  std::vector<IntensitySpread> spreads(n[2]);
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    double* out = m_intensities.data() + offsets[z];
    for (std::size_t r = z * n[1]; r < (z + 1) * n[1]; ++r)
      out = gather_row(v + r * n[0], in + r * n[0], m_mask_rows[r].lo, m_mask_rows[r].hi, out);
    spreads[z] = spread_of(m_intensities.data() + offsets[z], counts[z]);  // just written: in cache
  });
  IntensitySpread all;
  for (const IntensitySpread& r : spreads) {
    all.lowest = std::min(all.lowest, r.lowest);
    all.highest = std::max(all.highest, r.highest);
    all.integers &= r.integers;
  }
  if (!m_intensities.empty()) m_lowest = all.lowest, m_highest = all.highest;
  m_integer_intensities = all.integers;
}

std::span<const double> CaseRoi::sorted_roi_intensities() const {
  tbb::collaborative_call_once(m_sorted_once, [this] {
    m_sorted = m_intensities;
    if (!sort_on_gpu()) tbb::parallel_sort(m_sorted.begin(), m_sorted.end());
  });
  return m_sorted;
}

std::shared_ptr<const void> CaseRoi::shared_product(const std::string& key, const std::type_info& type,
                                                    const std::function<std::shared_ptr<const void>()>& make) const {
  return m_shared.get(key, type, make);
}

bool CaseRoi::sort_on_gpu() const {
#if VOXFEAT_HAVE_CUDA
  // A radix sort on the GPU where the execution sends work there: a sort has one answer, so the same sample.
  if (!gpu_computes(m_execution, m_sorted.size())) return false;
  VOXFEAT_CUDA_CHECK(cudaSetDevice(m_execution.device));
  cuda::sort_values(m_sorted, static_cast<cudaStream_t>(m_execution.stream));
  return true;
#else
  return false;
#endif
}

bool CaseRoi::discretise_on_gpu(const kernels::DiscretisationSpec& spec) const {
#if VOXFEAT_HAVE_CUDA
  // The GPU's discretisation (cuda/histogram.hpp: the same kernels::discretise per voxel, so the same levels; its
  // histogram is not needed here) where the execution sends work there.
  if (!gpu_computes(m_execution, m_intensities.size())) return false;
  try {
    VOXFEAT_CUDA_CHECK(cudaSetDevice(m_execution.device));
    cuda::level_histogram(plugins::view_of(m_image), plugins::view_of(intensity_mask()), spec,
                          std::span<std::int32_t>(m_discretised.levels.values()),
                          static_cast<cudaStream_t>(m_execution.stream));
    return true;
  } catch (const std::invalid_argument&) {  // refused before any CUDA call: the CPU discretises
    return false;
  }
#else
  (void)spec;
  return false;
#endif
}

const DiscretisedRoi& CaseRoi::discretised() const {
  tbb::collaborative_call_once(m_discretised_once, [this] { discretise(); });
  return m_discretised;
}

void CaseRoi::discretise() const {
  m_discretised.levels = Volume<std::int32_t>(m_image.geometry(), 0);
  if (m_intensities.empty()) {  // re-segmentation left no voxel: no level occurs, families report NaN
    m_discretised.level_count = 0;
    return;
  }
  kernels::DiscretisationSpec spec;
  spec.x_max = m_highest;
  if (m_discretisation.method == DiscretisationMethod::fixed_bin_number) {
    spec.method = kernels::DiscretisationMethod::fixed_bin_number;
    spec.x_min = m_lowest;
    spec.bin_number = m_discretisation.bin_number;
  } else {
    spec.method = kernels::DiscretisationMethod::fixed_bin_size;
    // IBSI 2.7: bins start at the re-segmentation range's lower bound when there is one.
    spec.x_min = m_discretisation.lower_bound.value_or(m_resegmentation_range.min.value_or(m_lowest));
    spec.bin_width = m_discretisation.bin_size;
    if (spec.x_min > spec.x_max) spec.x_max = spec.x_min;  // the whole ROI lies below the lower bound: level 1
  }
  try {
    kernels::check_discretisation(spec);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("discretisation settings cannot be used for this ROI: ") + e.what());
  }
  m_discretised.level_count = kernels::level_count(spec);
  if (discretise_on_gpu(spec)) return;
  // The shared formula (kernels::discretise, the one level_histogram_ref and the GPU use) for the mask voxels of the
  // rows' spans, one slice per task. Integer intensities over a range of at most 2^16 values (CT in HU, rounded
  // images) take it from a table of its value at each integer of the range: the same levels, without a division and
  // a floor per voxel.
  const Index3& n = m_image.size();
  const float* const v = m_image.data();
  const std::uint8_t* const in = intensity_mask().data();
  std::int32_t* const out = m_discretised.levels.data();
  const auto write_levels = [&](auto&& level_of) {
    tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
      for (std::size_t r = z * n[1]; r < (z + 1) * n[1]; ++r) {
        // Restrict: the level stores could otherwise alias the span bounds, re-read every voxel.
        const float* __restrict row = v + r * n[0];
        const std::uint8_t* __restrict row_in = in + r * n[0];
        std::int32_t* __restrict row_out = out + r * n[0];
        for (std::size_t x = m_mask_rows[r].lo, end = m_mask_rows[r].hi; x < end; ++x)
          if (row_in[x]) row_out[x] = level_of(row[x]);
      }
    });
  };
  constexpr double table_limit = double(1 << 16), int_limit = double(1 << 30);
  if (m_integer_intensities && m_highest - m_lowest < table_limit && m_lowest > -int_limit && m_highest < int_limit) {
    const auto first = std::int32_t(m_lowest);
    std::vector<std::int32_t> table(std::size_t(std::int32_t(m_highest) - first) + 1);
    for (std::size_t k = 0; k < table.size(); ++k)
      table[k] = kernels::discretise(double(first + std::int32_t(k)), spec);
    const std::int32_t* const level = table.data();
    write_levels([&](float x) { return level[std::int32_t(x) - first]; });
  } else {
    write_levels([&](float x) { return kernels::discretise(double(x), spec); });
  }
}

}  // namespace voxfeat::detail
