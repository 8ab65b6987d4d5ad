// Built-in family "microscopy_intensity": per-object intensity statistics of 2D microscopy images (IBSI's
// intensity-statistics set where it applies: numpy's definitions, the reference tables' source) and the statistics
// of each object's boundary pixels.
#include "microscopy_intensity/compute.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_microscopy_intensity(Registry& registry) {
  FamilyDescriptor family{
      .name = "microscopy_intensity",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "int2d",
      .doc = "Per-object intensity statistics over the object's pixels, and over its boundary pixels (object pixels "
             "with a 4-neighbour of another label, background or outside the image): one row per object. SD and "
             "moments are population ones (1/N); percentiles interpolate linearly (numpy's default).",
      .dims = Dims::d2,
      .outputs =
          {
              {"count", "count", "", "Pixels of the object.", ""},
              {"integrated", "intensity", "", "Sum of the intensities (integrated intensity).", ""},
              {"mean", "intensity", "Q4LE", "Mean intensity.", "intensity_mean"},
              {"median", "intensity", "Y12H", "Median intensity.", ""},
              {"sd", "intensity", "", "Standard deviation (1/N).", ""},
              {"minimum", "intensity", "1GSF", "Minimum intensity.", "intensity_min"},
              {"maximum", "intensity", "84IY", "Maximum intensity.", "intensity_max"},
              {"p10", "intensity", "QG58", "10th percentile.", ""},
              {"p25", "intensity", "", "25th percentile.", ""},
              {"p75", "intensity", "", "75th percentile.", ""},
              {"p90", "intensity", "8DWT", "90th percentile.", ""},
              {"skewness", "1", "", "Skewness m3 / m2^1.5; NaN for a flat object (IBSI would give 0).", ""},
              {"kurtosis", "1", "", "Excess kurtosis m4 / m2² − 3; NaN for a flat object (IBSI would give 0).", ""},
              {"mean_absolute_deviation", "intensity", "4FUA", "Mean absolute deviation from the mean.", ""},
              {"edge_count", "count", "", "Boundary pixels.", ""},
              {"edge_mean", "intensity", "", "Mean intensity of the boundary pixels.", ""},
              {"edge_sd", "intensity", "", "Standard deviation (1/N) of the boundary pixels' intensities.", ""},
              {"edge_minimum", "intensity", "", "Minimum intensity of the boundary pixels.", ""},
              {"edge_maximum", "intensity", "", "Maximum intensity of the boundary pixels.", ""},
          },
      .aggregations = {per_object_2d()},
      .compute_objects = &microscopy_intensity::compute_objects,
      .profile = "microscopy",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
