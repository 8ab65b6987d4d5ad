// Built-in family "pyradiomics_firstorder": PyRadiomics' firstorder class, with its definitions and column names
// (docs/pyradiomics.md), for users moving from PyRadiomics. Not in the default settings: a PyRadiomics parameter
// file enables it (profile "pyradiomics").
#include <cmath>
#include <span>
#include <stdexcept>
#include <string>

#include "pyradiomics/firstorder.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {
namespace {

void compute_pyradiomics_firstorder(const RoiContext& roi, const ParamValues& params,
                                    const AggregationSpec& /*aggregation*/, std::span<double> out) {
  if (roi.roi_intensities().empty()) return;  // empty intensity mask: every output stays NaN
  kernels::pyradiomics::FirstOrderSettings s;
  s.bin_width = params.real("bin_width");
  if (const long long count = params.integer("bin_count"); count > 0) s.bin_count = int(count);
  s.voxel_array_shift = params.real("voxel_array_shift");
  s.voxel_volume = roi.image().geometry().voxel_volume();
  const auto f = kernels::pyradiomics::firstorder_features(roi.roi_intensities(), roi.sorted_roi_intensities(), s);
  const double values[] = {f.energy,  f.total_energy,        f.entropy,
                           f.minimum, f.p10,                 f.p90,
                           f.maximum, f.mean,                f.median,
                           f.interquartile_range,            f.range,
                           f.mean_absolute_deviation,        f.robust_mean_absolute_deviation,
                           f.root_mean_squared,              f.skewness,
                           f.kurtosis,                       f.variance,
                           f.uniformity};
  std::copy(std::begin(values), std::end(values), out.begin());
}

}  // namespace

void register_pyradiomics_firstorder(Registry& registry) {
  FamilyDescriptor family{
      .name = "pyradiomics_firstorder",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "original_firstorder",
      .doc = "PyRadiomics' firstorder class (radiomics/firstorder.py) with its own definitions where they differ "
             "from IBSI: fixed-width bins counted from 0, plain (not excess) kurtosis, energies of intensities "
             "shifted by voxelArrayShift, TotalEnergy = Energy × voxel volume, log2(p + eps) in the entropy. "
             "Column names as PyRadiomics writes them.",
      .dims = Dims::d3,
      .params =
          {
              {"bin_width", ParamType::real, "25", "binWidth: bin width for Entropy and Uniformity", {}, 1e-12},
              {"bin_count", ParamType::integer, "0", "binCount: a fixed number of bins instead (0: use bin_width)",
               {}, 0, 65536},
              {"voxel_array_shift", ParamType::real, "0", "voxelArrayShift: added before squaring (energies)"},
          },
      .outputs =
          {
              {"Energy", "intensity^2", "", "Sum of (X + voxelArrayShift)²."},
              {"TotalEnergy", "intensity^2 mm^3", "", "Energy × voxel volume."},
              {"Entropy", "1", "", "-Σ p log2(p + eps) over the fixed-width (or fixed-count) bins."},
              {"Minimum", "intensity", "", "Minimum."},
              {"10Percentile", "intensity", "", "10th percentile (linear interpolation)."},
              {"90Percentile", "intensity", "", "90th percentile (linear interpolation)."},
              {"Maximum", "intensity", "", "Maximum."},
              {"Mean", "intensity", "", "Mean."},
              {"Median", "intensity", "", "Median."},
              {"InterquartileRange", "intensity", "", "P75 - P25."},
              {"Range", "intensity", "", "Maximum - minimum."},
              {"MeanAbsoluteDeviation", "intensity", "", "Mean |X - mean|."},
              {"RobustMeanAbsoluteDeviation", "intensity", "",
               "Mean absolute deviation of the values in [P10, P90] from their mean."},
              {"RootMeanSquared", "intensity", "", "sqrt(Energy / N)."},
              {"Skewness", "1", "", "Skewness; 0 for a flat ROI (as PyRadiomics)."},
              {"Kurtosis", "1", "", "Kurtosis (not excess: IBSI's + 3); 0 for a flat ROI (as PyRadiomics)."},
              {"Variance", "intensity^2", "", "Variance (1/N)."},
              {"Uniformity", "1", "", "Σ p² over the bins."},
          },
      .compute_cpu = &compute_pyradiomics_firstorder,
      .profile = "pyradiomics",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
