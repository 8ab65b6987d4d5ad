#pragma once
// Image and mask must describe the same voxel grid. Tolerance: origins and spacings may differ by at most
// `tolerance` × the image's voxel spacing along each axis (default 1e-3 voxel, which absorbs float32 round-off in
// NIfTI headers), direction cosines by at most `tolerance`; sizes must be equal.
#include <string>

#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

/// The first mismatch between the grids as text ("spacing along axis 0: …"), or empty when they match.
std::string grid_mismatch(const Geometry& image, const Geometry& mask, double tolerance);

/// Throws InputError naming both files and the first mismatch (which field, both values).
void check_same_grid(const Geometry& image, const Geometry& mask, double tolerance, const std::string& image_name,
                     const std::string& mask_name);

}  // namespace voxfeat::detail
