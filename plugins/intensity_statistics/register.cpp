// Built-in family "intensity_statistics" (IBSI 1 section 3.3, UHIW): first-order statistics of the ROI intensities.
#include "intensity_statistics/compute.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_intensity_statistics(Registry& registry) {
  FamilyDescriptor family{
      .name = "intensity_statistics",
      .version = "1.0.0",
      .ibsi_code = "UHIW",
      .column_prefix = "stat",
      .doc = "First-order statistics of the intensities in the ROI intensity mask, without discretisation. "
             "Moments are normalised by N (no bias correction); percentiles interpolate linearly between order "
             "statistics (numpy's default, the rule behind the IBSI reference values).",
      .dims = Dims::d3,
      .outputs =
          {
              {"mean", "intensity", "Q4LE", "Mean intensity."},
              {"variance", "intensity^2", "ECT3", "Variance (1/N)."},
              {"skewness", "1", "KE2A", "Skewness; 0 for a flat ROI (zero variance)."},
              {"kurtosis", "1", "IPH6", "Excess kurtosis (minus 3); 0 for a flat ROI (zero variance)."},
              {"median", "intensity", "Y12H", "Median intensity."},
              {"minimum", "intensity", "1GSF", "Minimum intensity."},
              {"p10", "intensity", "QG58", "10th percentile."},
              {"p90", "intensity", "8DWT", "90th percentile."},
              {"maximum", "intensity", "84IY", "Maximum intensity."},
              {"interquartile_range", "intensity", "SALO", "P75 - P25."},
              {"range", "intensity", "2OJQ", "Maximum - minimum."},
              {"mean_absolute_deviation", "intensity", "4FUA", "Mean absolute deviation from the mean."},
              {"robust_mean_absolute_deviation", "intensity", "1128",
               "Mean absolute deviation of the intensities in [P10, P90] from their mean; NaN when none lies there "
               "(two distinct voxels only)."},
              {"median_absolute_deviation", "intensity", "N72L", "Mean absolute deviation from the median."},
              {"coefficient_of_variation", "1", "7TET", "Standard deviation / mean; NaN when the mean is 0."},
              {"quartile_coefficient_of_dispersion", "1", "9S40",
               "(P75 - P25) / (P75 + P25); NaN when P75 + P25 is 0."},
              {"energy", "intensity^2", "N8CA", "Sum of squared intensities."},
              {"root_mean_square", "intensity", "5ZWQ", "Square root of the mean squared intensity."},
          },
      .dependencies = {"sorted_intensities"},
      .compute_cpu = &intensity_statistics::compute_cpu,
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
