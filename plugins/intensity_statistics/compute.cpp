#include "intensity_statistics/compute.hpp"

#include <optional>

#include "intensity/intensity_statistics.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins::intensity_statistics {

void compute_cpu(const RoiContext& roi, const ParamValues& /*params*/, const AggregationSpec& /*aggregation*/,
                 std::span<double> out) {
  if (roi.roi_intensities().empty()) return;  // empty intensity mask: every output stays NaN
  // Integer intensities (CT, rounded images) are counted, not sorted: O(N + range). Otherwise the sorted
  // intensities the RoiContext shares between families (sorted once per ROI).
  const std::optional<kernels::IntensityStatistics> counted =
      kernels::intensity_statistics_counting(roi.roi_intensities());
  const kernels::IntensityStatistics s =
      counted ? *counted : kernels::intensity_statistics(roi.sorted_roi_intensities());
  const kernels::FirstOrderFeatures& f = s.first_order;
  out[mean] = f.mean;
  out[variance] = f.variance;
  out[skewness] = f.skewness;
  out[kurtosis] = f.kurtosis;
  out[median] = f.median;
  out[minimum] = f.minimum;
  out[p10] = f.p10;
  out[p90] = f.p90;
  out[maximum] = f.maximum;
  out[interquartile_range] = f.interquartile_range;
  out[range] = f.range;
  out[mean_absolute_deviation] = f.mean_absolute_deviation;
  out[robust_mean_absolute_deviation] = f.robust_mean_absolute_deviation;
  out[median_absolute_deviation] = f.median_absolute_deviation;
  out[coefficient_of_variation] = f.coefficient_of_variation;
  out[quartile_coefficient_of_dispersion] = f.quartile_coefficient_of_dispersion;
  out[energy] = s.energy;
  out[root_mean_square] = s.root_mean_square;
}

}  // namespace voxfeat::plugins::intensity_statistics
