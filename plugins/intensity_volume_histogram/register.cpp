// Built-in family "intensity_volume_histogram" (IBSI 1 section 3.5, P88C): the cumulative intensity-volume
// histogram, evaluated on the range G at steps w_d.
#include "intensity_volume_histogram/compute.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_intensity_volume_histogram(Registry& registry) {
  FamilyDescriptor family{
      .name = "intensity_volume_histogram",
      .version = "1.0.0",
      .ibsi_code = "P88C",
      .column_prefix = "ivh",
      .doc = "Intensity-volume histogram: nu(i) = fraction of ROI voxels with discretised intensity >= i, for the "
             "levels i of the range G; gamma(i) = (i - min G) / (max G - min G). Has its own discretisation, as the "
             "manual recommends per kind of image: none for discrete calibrated intensities (CT: G = [range_min, "
             "range_max], step bin_size), fixed_bin_size for continuous calibrated ones (PET: bin centres, G = "
             "[range_min + w/2, range_max - w/2]), fixed_bin_number for arbitrary units (MR: G = [1, bin_number]).",
      .dims = Dims::d3,
      .params =
          {
              {"discretisation", ParamType::text, "none",
               "none | fixed_bin_size | fixed_bin_number (IBSI 3.5: discrete calibrated, continuous calibrated, "
               "arbitrary intensity units)",
               {"none", "fixed_bin_size", "fixed_bin_number"}},
              {"bin_size", ParamType::real, "1",
               "none: the step w_d between evaluated intensities; fixed_bin_size: the bin width w_b (intensity units)"},
              {"bin_number", ParamType::integer, "1000", "fixed_bin_number: the number of bins N_g"},
              {"range_min", ParamType::real, "auto",
               "Lower intensity bound X_min: min G for none, the re-segmentation lower bound for fixed_bin_size, the "
               "FBN lower bound for fixed_bin_number; auto = the re-segmentation range's lower bound for none and "
               "fixed_bin_size when the settings have one, else the ROI minimum"},
              {"range_max", ParamType::real, "auto",
               "Upper intensity bound X_max, as range_min (auto: the re-segmentation upper bound for none and "
               "fixed_bin_size when set, else the ROI maximum)"},
          },
      .outputs =
          {
              {"v10", "1", "BC2M",
               "Volume fraction at 10% intensity: nu at the first level with gamma >= 0.1; NaN when G is a single "
               "intensity."},
              {"v90", "1", "BC2M", "Volume fraction at 90% intensity; NaN when G is a single intensity."},
              {"i10", "intensity", "GBPN",
               "Intensity at 10% volume: the lowest level with nu <= 0.1 (a bin centre for fixed_bin_size, a bin "
               "number for fixed_bin_number); NaN when no level of G qualifies (e.g. a flat ROI)."},
              {"i90", "intensity", "GBPN", "Intensity at 90% volume, as i10; NaN when no level of G qualifies."},
              {"v10_v90", "1", "DDTU", "V10 - V90."},
              {"i10_i90", "intensity", "CNV2", "I10 - I90."},
              {"area_under_curve", "1", "9CMM",
               "Trapezoidal area under nu(gamma); 0 when the ROI holds one discretised intensity, NaN when G is a "
               "single intensity. IBSI gives no reference value and advises against its use."},
          },
      .compute_cpu = &intensity_volume_histogram::compute_cpu,
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
