#pragma once
// GPU sort of a ROI's intensities (CUB's device radix sort): the sorted sample that the intensity statistics,
// percentiles and the intensity-volume histogram share (RoiContext::sorted_roi_intensities). A sort has one answer,
// so the result equals std::sort's element for element (−0.0 before +0.0, which compare equal).
#include <span>

#include "cuda_error.hpp"

namespace voxfeat::cuda {

/// Sorts `values` (host memory, no NaN: the ROI's intensities are checked before) in ascending order on the current
/// device: one copy in, a radix sort, one copy out; synchronises `stream` before returning. No CUDA call for fewer
/// than two values.
void sort_values(std::span<double> values, cudaStream_t stream = nullptr);

}  // namespace voxfeat::cuda
