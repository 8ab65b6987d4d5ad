#pragma once
// PyRadiomics' principal component analysis of the ROI (shape.py and shape2D.py, _initSegmentBasedCalculation):
// eigenvalues of the covariance of the voxel centres' physical coordinates (index × spacing), normalised by N (the
// population covariance; IBSI's consensus uses N − 1: morphology/voxel_moments.hpp).
#include <array>
#include <cstdint>

#include "common/views.hpp"

namespace voxfeat::kernels::pyradiomics {

/// Eigenvalues (mm²), ascending, of the non-zero voxels of `mask`. An axis along which every voxel has the same
/// index has an exactly zero row and column; it contributes an exact 0, and the others are the eigenvalues of the
/// remaining block, so a flat or linear ROI gets exact zeros as numpy does. Values in (−1e-10, 0) become 0 and
/// more negative ones stay (PyRadiomics' rule: the features built on them are then NaN). A single voxel gives
/// zeros; an empty mask NaN.
std::array<double, 3> principal_eigenvalues(const View3<std::uint8_t>& mask);

}  // namespace voxfeat::kernels::pyradiomics
