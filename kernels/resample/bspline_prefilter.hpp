#pragma once
// Cubic B-spline coefficients of an image (the "tricubic spline" of IBSI 1 is interpolation with these): a causal
// and an anti-causal recursive filter along each resampled axis (Unser, Blu & Thévenaz), mirror-symmetric boundary.
#include <array>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::kernels {

/// Coefficients c with sum_k c[k] β3(x − k) = f at every sample, along the axes where `filter_axis` is true.
/// In double precision: the recursion accumulates. Parallel over lines (TBB); the result does not depend on the
/// thread count.
std::vector<double> cubic_bspline_coefficients(const View3<float>& image, std::array<bool, 3> filter_axis);

}  // namespace voxfeat::kernels
