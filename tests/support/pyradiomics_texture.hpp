#pragma once
// What the tests of PyRadiomics' texture classes share: brain1 discretised as those classes see it in the default
// configuration (the input of tests/data/pyradiomics/brain1_<class>.npy), the comparison of per-angle matrices with
// such a file, and running a computation on a given number of threads.
#include <filesystem>
#include <utility>

#include <tbb/task_arena.h>

#include "pyradiomics/angle_matrices.hpp"
#include "pyradiomics/binning.hpp"

namespace voxfeat::test {

/// brain1_image.nrrd within label 1 of brain1_label.nrrd, binned with width 25 and cropped to the mask's bounding
/// box (kernels/pyradiomics/binning.hpp). Read once.
const kernels::pyradiomics::GreyLevels& brain1_grey_levels();

/// EXPECT that `m` has the shape (rows, cols, angles) of the .npy file `npy` (PyRadiomics' P_glcm or P_glrlm of one
/// ROI) and each element within `tolerance` of it.
void expect_matches_npy(const kernels::pyradiomics::AngleMatrices& m, const std::filesystem::path& npy,
                        double tolerance);

/// `compute()` run in a TBB arena of `threads` threads (what the engine does for ExecutionContext::threads).
template <class Compute>
auto with_threads(int threads, Compute&& compute) {
  tbb::task_arena arena(threads);
  return arena.execute(std::forward<Compute>(compute));
}

}  // namespace voxfeat::test
