#include "intensity_histogram/compute.hpp"

#include <stdexcept>
#include <string>

#include "intensity/intensity_histogram.hpp"
#include "support/view_of.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins::intensity_histogram {

void compute_cpu(const RoiContext& roi, const ParamValues& /*params*/, const AggregationSpec& /*aggregation*/,
                 std::span<double> out) {
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel (re-segmentation kept none): every feature stays NaN
  std::vector<std::uint64_t> counts;
  try {
    counts = kernels::level_histogram(view_of(d.levels), d.level_count);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("intensity_histogram: ") + e.what());
  }
  const kernels::IntensityHistogramFeatures h = kernels::intensity_histogram_features(counts);
  const kernels::FirstOrderFeatures& f = h.first_order;
  out[mean] = f.mean;
  out[variance] = f.variance;
  out[skewness] = f.skewness;
  out[kurtosis] = f.kurtosis;
  out[median] = f.median;
  out[minimum] = f.minimum;
  out[p10] = f.p10;
  out[p90] = f.p90;
  out[maximum] = f.maximum;
  out[mode] = h.mode;
  out[interquartile_range] = f.interquartile_range;
  out[range] = f.range;
  out[mean_absolute_deviation] = f.mean_absolute_deviation;
  out[robust_mean_absolute_deviation] = f.robust_mean_absolute_deviation;
  out[median_absolute_deviation] = f.median_absolute_deviation;
  out[coefficient_of_variation] = f.coefficient_of_variation;
  out[quartile_coefficient_of_dispersion] = f.quartile_coefficient_of_dispersion;
  out[entropy] = h.entropy;
  out[uniformity] = h.uniformity;
  out[max_histogram_gradient] = h.gradient.maximum;
  out[max_histogram_gradient_intensity] = h.gradient.maximum_level;
  out[min_histogram_gradient] = h.gradient.minimum;
  out[min_histogram_gradient_intensity] = h.gradient.minimum_level;
}

}  // namespace voxfeat::plugins::intensity_histogram
