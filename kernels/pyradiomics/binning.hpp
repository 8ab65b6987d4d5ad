#pragma once
// PyRadiomics' discretisation (radiomics/imageoperations.py, getBinEdges and binImage), shared by all its classes:
// bin edges as numpy builds them, and numpy.digitize's bin of each value. Fixed bin width counts bins from 0
// (edges at multiples of the width), not from the ROI minimum as IBSI does; a fixed bin count splits [min, max].
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::kernels::pyradiomics {

struct BinSettings {
  double bin_width = 25.0;       ///< binWidth (used when bin_count is unset)
  std::optional<int> bin_count;  ///< binCount: wins over bin_width when set
};

/// The edges PyRadiomics bins `values` (non-empty) with. binWidth: numpy.arange(low, max + 2w, w) with
/// low = min − (min mod w) (Python's mod), so the maximum never falls on the closing edge; a single edge becomes
/// [e − 0.5, e + 0.5]. binCount: numpy.histogram's binCount + 1 equal edges over [min, max] (min ± 0.5 for a flat
/// ROI) with the last edge raised by 1, so the maximum lands in the top bin.
std::vector<double> bin_edges(std::span<const double> values, const BinSettings& settings);

/// numpy.digitize(x, edges): the 1-based i with edges[i−1] <= x < edges[i] (0 below the first edge).
int digitize(double x, std::span<const double> edges);

/// The ROI's grey levels as PyRadiomics' texture classes see them: the image cropped to the mask's bounding box
/// (imageoperations.cropToTumorMask), each mask voxel's bin, 0 outside the mask.
struct GreyLevels {
  std::vector<std::int32_t> levels;  ///< one per voxel of the bounding box, x fastest
  std::array<std::size_t, 3> extent{0, 0, 0};  ///< of the bounding box (x, y, z); 0 for an empty mask
  std::array<double, 3> spacing{1.0, 1.0, 1.0};
  std::vector<int> present;          ///< the distinct levels in the mask, ascending ("grayLevels")
  int ng = 0;                        ///< the highest level present ("Ng"), not the number of levels
  std::size_t voxel_count = 0;       ///< mask voxels ("Np")
};

/// Discretises the voxels of `image` where `mask` is non-zero, within the mask's bounding box. The edges come from
/// those voxels' values. An empty mask gives ng = 0, no level present and an empty box.
GreyLevels discretise(View3<float> image, View3<std::uint8_t> mask, const BinSettings& settings);

}  // namespace voxfeat::kernels::pyradiomics
