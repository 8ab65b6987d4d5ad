// Family-level parity of "microscopy_zernike" (plugins/microscopy_zernike/compute.cpp): compute_objects_cuda, whose
// per-object sums the GPU makes for every object in one launch (cuda/microscopy_moments.hpp), gives compute_objects'
// magnitudes within 1e-12 (summation order; the host finishes both with the same formulas), on the seeded
// synthetic cells and with both radius rules. Skips without a GPU.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "gpu_test_support.hpp"
#include "microscopy_zernike/compute.hpp"
#include "support/plane_object_context.hpp"

namespace voxfeat::test {
namespace {

class MicroscopyZernikeFamilyParity : public GpuTest {};

TEST_F(MicroscopyZernikeFamilyParity, EveryObjectAndRadiusRuleEqualsTheCpu) {
  ExecutionContext execution;
  execution.backend = Backend::cuda;
  const PlaneObjectContext objects = synthetic_cells(512, 150, 11, execution);
  const std::size_t outputs = plugins::microscopy_zernike::outputs().size();
  const std::size_t n = objects.objects().objects.size();
  ASSERT_GT(n, 100u);
  for (const char* radius : {"largest_distance", "bounding_box_side"}) {
    const ParamValues params(std::map<std::string, std::string>{{"radius", radius}});
    std::vector<double> cpu(n * outputs, std::nan("")), gpu(n * outputs, std::nan(""));
    plugins::microscopy_zernike::compute_objects(objects, params, cpu);
    plugins::microscopy_zernike::compute_objects_cuda(objects, params, gpu);
    for (std::size_t k = 0; k < cpu.size(); ++k) {
      if (std::isnan(cpu[k])) {
        EXPECT_TRUE(std::isnan(gpu[k])) << radius << " value " << k;
      } else {
        EXPECT_NEAR(gpu[k], cpu[k], 1e-12 * std::max(1.0, std::fabs(cpu[k]))) << radius << " value " << k;
      }
    }
  }
}

}  // namespace
}  // namespace voxfeat::test
