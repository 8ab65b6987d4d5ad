#pragma once
// GLRLM feature slots (IBSI 1 section 3.7, TP0I) of a grey level run length matrix (row = grey level i − 1,
// column = run length j − 1). Their values come from size_zone_formulas.hpp (g++ and nvcc), with runs for zones.
#include <cstddef>

#include "texture/size_zone_formulas.hpp"

namespace voxfeat::kernels::texture::glrlm {

/// Feature slots, in the order of the family's outputs.
enum Feature : std::size_t {
  short_runs_emphasis,
  long_runs_emphasis,
  low_grey_level_run_emphasis,
  high_grey_level_run_emphasis,
  short_run_low_grey_level_emphasis,
  short_run_high_grey_level_emphasis,
  long_run_low_grey_level_emphasis,
  long_run_high_grey_level_emphasis,
  grey_level_non_uniformity,
  normalised_grey_level_non_uniformity,
  run_length_non_uniformity,
  normalised_run_length_non_uniformity,
  run_percentage,
  grey_level_variance,
  run_length_variance,
  run_entropy,
  feature_count
};

// The values are the size-zone formulas (size_zone_formulas.hpp) with "run" for "zone": slot k of this enum is slot
// k of SizeZoneFeature, so GLRLM, GLSZM and GLDZM share one implementation.
static_assert(std::size_t(feature_count) == std::size_t(size_zone_feature_count));
static_assert(std::size_t(run_percentage) == std::size_t(zone_percentage));
static_assert(std::size_t(run_entropy) == std::size_t(size_entropy));

}  // namespace voxfeat::kernels::texture::glrlm
