#pragma once
#include <span>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::microscopy_shape {

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out);

}  // namespace voxfeat::plugins::microscopy_shape
