#pragma once
#include <span>
#include <vector>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::microscopy_moments {

/// The outputs, in order: raw, central and normalised moments (i, j ≤ 3), Hu's seven, the local centroid, then the
/// same weighted by intensity and the weighted centroid in plane and local coordinates.
std::vector<OutputSpec> outputs();

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out);

}  // namespace voxfeat::plugins::microscopy_moments
