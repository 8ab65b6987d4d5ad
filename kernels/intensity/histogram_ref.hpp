#pragma once
// Discretise the intensities of an ROI and count the voxels of each grey level (IBSI 1, section 2.7). The scalar
// loop here is the specification; cuda/histogram.hpp is held to it bit for bit (the counts are integers).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/hd.hpp"
#include "common/views.hpp"
#include "intensity/discretisation.hpp"

namespace voxfeat::kernels {

enum class DiscretisationMethod : int { fixed_bin_number, fixed_bin_size };

/// Everything a voxel's level depends on. Plain data: it is passed by value to GPU kernels.
struct DiscretisationSpec {
  DiscretisationMethod method = DiscretisationMethod::fixed_bin_number;
  /// Fixed bin number: the ROI minimum. Fixed bin size: the lower bound of the re-segmentation range (or the ROI
  /// minimum when there is none).
  double x_min = 0.0;
  /// Fixed bin number: the ROI maximum. Fixed bin size: the largest intensity to expect (the ROI maximum); it fixes
  /// the number of levels Ng, so a voxel above it lands above Ng and is counted in LevelHistogram::above_range.
  double x_max = 0.0;
  int bin_number = 32;    ///< fixed bin number only: Ng
  double bin_width = 1.0;  ///< fixed bin size only: w_b, in intensity units
};

/// No settings need more levels; a bigger count means a mistyped bin width, and would overflow the int levels.
inline constexpr int kMaxLevelCount = 1 << 24;

/// Ng, the number of grey levels the histogram holds. Assumes check_discretisation() passed.
VOXFEAT_HD inline int level_count(const DiscretisationSpec& s) {
  return s.method == DiscretisationMethod::fixed_bin_number
             ? s.bin_number
             : fixed_bin_size_level_count(s.x_min, s.x_max, s.bin_width);
}

/// Level of one intensity: 1..Ng, or above Ng for a fixed-bin-size intensity above x_max. The formulas live in
/// discretisation.hpp; this only chooses between them.
VOXFEAT_HD inline int discretise(double x, const DiscretisationSpec& s) {
  return s.method == DiscretisationMethod::fixed_bin_number
             ? discretise_fixed_bin_number(x, s.x_min, s.x_max, s.bin_number)
             : discretise_fixed_bin_size(x, s.x_min, s.bin_width);
}

/// Throws std::invalid_argument naming the field when the spec cannot be used: non-finite bounds, x_max < x_min,
/// bin number < 1, bin width not > 0, or more than kMaxLevelCount levels.
void check_discretisation(const DiscretisationSpec& spec);

/// Voxel count of each grey level of an ROI.
struct LevelHistogram {
  std::vector<std::uint64_t> counts;  ///< counts[l - 1]: voxels at level l, for l = 1..Ng
  /// ROI voxels whose level is above Ng (fixed bin size with intensities above x_max); not in `counts`. Always 0 for
  /// a fixed bin number, whose formula clamps to Ng. A caller that sized Ng from the ROI maximum treats > 0 as a bug.
  std::uint64_t above_range = 0;

  friend bool operator==(const LevelHistogram&, const LevelHistogram&) = default;
};

/// Reference: discretises every voxel whose mask value is not 0 and counts the levels. Intensities inside the mask
/// must be finite and, for a fixed bin size, less than kMaxLevelCount bins above x_min (the int level would
/// overflow). When `levels` is not empty (it must then hold image.voxel_count() values) it receives the level volume:
/// the voxel's level inside the mask, 0 outside. Throws std::invalid_argument when the image and mask extents differ,
/// `levels` has the wrong size, or the spec is invalid.
LevelHistogram level_histogram_ref(const View3<float>& image, const View3<std::uint8_t>& mask,
                                   const DiscretisationSpec& spec, std::span<std::int32_t> levels = {});

}  // namespace voxfeat::kernels
