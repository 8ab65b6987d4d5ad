#include "microscopy/object_intensity.hpp"

#include <cmath>

#include "intensity/moments.hpp"
#include "intensity/percentiles.hpp"
#include "intensity/sorted_sample.hpp"
#include "microscopy/float_sort.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

// Sorted values, at least one.
IntensityStatistics statistics_of(const std::vector<double>& values) {
  const SortedSample sample{values.data(), nullptr, values.size()};
  const CentralMoments m = central_moments(sample, 0, values.size());
  IntensityStatistics s;
  s.count = values.size();
  CompensatedSum sum;
  for (const double v : values) sum.add(v);
  s.sum = sum.value();
  s.mean = m.mean;
  s.sd = std::sqrt(m.m2);
  s.min = values.front();
  s.max = values.back();
  const double p[5] = {0.10, 0.25, 0.50, 0.75, 0.90};
  double q[5];
  quantiles(sample, p, q, 5);
  s.p10 = q[0], s.p25 = q[1], s.median = q[2], s.p75 = q[3], s.p90 = q[4];
  s.skewness = m.m2 > 0.0 ? skewness(m) : NAN;
  s.kurtosis = m.m2 > 0.0 ? excess_kurtosis(m) : NAN;
  s.mad = mean_absolute_deviation(sample, 0, values.size(), m.mean);
  return s;
}

}  // namespace

ObjectIntensity object_intensity(const ObjectInfo& object, std::span<const RowRun> runs,
                                 const PlaneView<std::uint32_t>& labels, const PlaneView<float>& intensity,
                                 IntensityWorkspace& work) {
  fill_label_crop(labels, object.bbox, 1, work.labels);
  const LabelCrop& crop = work.labels;
  const std::uint32_t label = object.label;
  work.keys.clear();
  work.edge_keys.clear();
  const std::ptrdiff_t stride = crop.cols;
  for (const RowRun& run : runs) {
    const std::uint32_t* p = crop.pixels.data() + crop.index(run.row - crop.row0, run.col_begin - crop.col0);
    for (std::int32_t col = run.col_begin; col < run.col_end; ++col, ++p) {
      const std::uint32_t key = float_sort_key(intensity(run.row, col));
      work.keys.push_back(key);
      if (p[-1] != label || p[1] != label || p[-stride] != label || p[stride] != label) work.edge_keys.push_back(key);
    }
  }
  sort_float_keys(work.keys, work.scratch, work.values);
  sort_float_keys(work.edge_keys, work.scratch, work.edge_values);
  ObjectIntensity out;
  out.all = statistics_of(work.values);
  // Every object has a boundary pixel (its first pixel in raster order has none above of its label).
  const IntensityStatistics edge = statistics_of(work.edge_values);
  out.edge = {edge.count, edge.mean, edge.sd, edge.min, edge.max};
  return out;
}

}  // namespace voxfeat::kernels::microscopy
