// Built-in family "intensity_histogram" (IBSI 1 section 3.4, ZVCW): features of the discretised intensities.
#include "intensity_histogram/compute.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_intensity_histogram(Registry& registry) {
  FamilyDescriptor family{
      .name = "intensity_histogram",
      .version = "1.0.0",
      .ibsi_code = "ZVCW",
      .column_prefix = "ih",
      .doc = "Features of the histogram of discretised grey levels (1..Ng, the settings' discretisation) in the ROI "
             "intensity mask. Levels are bin numbers, hence unit 1. Percentiles interpolate linearly between order "
             "statistics (numpy's default, the rule behind the IBSI reference values).",
      .dims = Dims::d3,
      .outputs =
          {
              {"mean", "1", "X6K6", "Mean level."},
              {"variance", "1", "CH89", "Variance of the levels (1/N)."},
              {"skewness", "1", "88K1", "Skewness; 0 when all voxels share one level."},
              {"kurtosis", "1", "C3I7", "Excess kurtosis (minus 3); 0 when all voxels share one level."},
              {"median", "1", "WIFQ", "Median level."},
              {"minimum", "1", "1PR8", "Lowest level present."},
              {"p10", "1", "GPMT", "10th percentile of the levels."},
              {"p90", "1", "OZ0C", "90th percentile of the levels."},
              {"maximum", "1", "3NCY", "Highest level present."},
              {"mode", "1", "AMMC",
               "Most frequent level; of equally frequent ones the closest to the mean, the lower one if equidistant."},
              {"interquartile_range", "1", "WR0O", "P75 - P25."},
              {"range", "1", "5Z3W", "Maximum - minimum level."},
              {"mean_absolute_deviation", "1", "D2ZX", "Mean absolute deviation from the mean."},
              {"robust_mean_absolute_deviation", "1", "WRZB",
               "Mean absolute deviation of the levels in [P10, P90] from their mean; NaN when none lies there."},
              {"median_absolute_deviation", "1", "4RNL", "Mean absolute deviation from the median."},
              {"coefficient_of_variation", "1", "CWYJ", "Standard deviation / mean."},
              {"quartile_coefficient_of_dispersion", "1", "SLWD", "(P75 - P25) / (P75 + P25)."},
              {"entropy", "1", "TLU2", "Shannon entropy of the level probabilities, in bits."},
              {"uniformity", "1", "BJ5W", "Sum of squared level probabilities."},
              {"max_histogram_gradient", "count", "12CE",
               "Maximum of the histogram gradient over levels 1..Ng; NaN when Ng is 1."},
              {"max_histogram_gradient_intensity", "1", "8E6O",
               "Level of the maximum gradient (the lowest when tied); NaN when Ng is 1."},
              {"min_histogram_gradient", "count", "VQB3",
               "Minimum of the histogram gradient over levels 1..Ng; NaN when Ng is 1."},
              {"min_histogram_gradient_intensity", "1", "RHQZ",
               "Level of the minimum gradient (the lowest when tied); NaN when Ng is 1."},
          },
      .dependencies = {"discretised"},
      .compute_cpu = &intensity_histogram::compute_cpu,
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
