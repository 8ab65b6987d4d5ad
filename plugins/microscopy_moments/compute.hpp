#pragma once
#include <span>
#include <vector>

#include "voxfeat/family.hpp"

namespace voxfeat::plugins::microscopy_moments {

/// The outputs, in order: raw, central and normalised moments (i, j ≤ 3), Hu's seven, the local centroid, then the
/// same weighted by intensity and the weighted centroid in plane and local coordinates.
std::vector<OutputSpec> outputs();

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out);
#if VOXFEAT_HAVE_CUDA
/// The same moments summed on the GPU for every object in one launch (cuda/microscopy_moments.hpp), finished by the
/// same formulas: unweighted raw moments exact, the rest within summation-order rounding.
void compute_objects_cuda(const ObjectContext& objects, const ParamValues& params, std::span<double> out);
#endif

}  // namespace voxfeat::plugins::microscopy_moments
