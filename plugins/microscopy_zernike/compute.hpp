#pragma once
#include <span>
#include <vector>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::microscopy_zernike {

/// |A_nm| up to order 9 of the shape, then of the intensity-weighted object (kernels/microscopy/zernike.hpp).
std::vector<OutputSpec> outputs();

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out);
#if VOXFEAT_HAVE_CUDA
/// The same from the GPU's per-object sums (cuda/microscopy_moments.hpp), every object in one launch.
void compute_objects_cuda(const ObjectContext& objects, const ParamValues& params, std::span<double> out);
#endif

}  // namespace voxfeat::plugins::microscopy_zernike
