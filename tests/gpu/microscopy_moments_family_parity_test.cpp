// Family-level parity of "microscopy_moments" (plugins/microscopy_moments/compute.cpp): compute_objects_cuda, whose
// per-object sums the GPU makes for every object in one launch (cuda/microscopy_moments.hpp) and the host finishes
// with the CPU's formulas, gives compute_objects' values: the unweighted raw moments exactly (integer sums), the
// others within 1e-9 of their size plus 1e-12 of the object's largest raw moment of the same weighting (summation
// order; central moments cancel terms that large). Skips without a GPU.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "gpu_test_support.hpp"
#include "microscopy_moments/compute.hpp"
#include "support/plane_object_context.hpp"

namespace voxfeat::test {
namespace {

class MicroscopyMomentsFamilyParity : public GpuTest {};

TEST_F(MicroscopyMomentsFamilyParity, EveryObjectEqualsTheCpu) {
  ExecutionContext execution;
  execution.backend = Backend::cuda;
  const PlaneObjectContext objects = synthetic_cells(512, 150, 31, execution);
  const auto outputs = plugins::microscopy_moments::outputs();
  const std::size_t n = objects.objects().objects.size(), width = outputs.size();
  std::vector<double> cpu(n * width, std::nan("")), gpu(n * width, std::nan(""));
  plugins::microscopy_moments::compute_objects(objects, ParamValues(), cpu);
  plugins::microscopy_moments::compute_objects_cuda(objects, ParamValues(), gpu);
  for (std::size_t i = 0; i < n; ++i) {
    double raw_shape = 0, raw_weighted = 0;
    for (std::size_t k = 0; k < width; ++k) {
      const std::string& name = outputs[k].name;
      if (name.rfind("m_", 0) == 0) raw_shape = std::max(raw_shape, std::fabs(cpu[i * width + k]));
      if (name.rfind("wm_", 0) == 0) raw_weighted = std::max(raw_weighted, std::fabs(cpu[i * width + k]));
    }
    for (std::size_t k = 0; k < width; ++k) {
      const std::string& name = outputs[k].name;
      const double c = cpu[i * width + k], g = gpu[i * width + k];
      if (std::isnan(c)) {
        EXPECT_TRUE(std::isnan(g)) << name << " object " << i;
      } else if (name.rfind("m_", 0) == 0) {
        EXPECT_EQ(g, c) << name << " object " << i;
      } else {
        const double raw = name.rfind("w", 0) == 0 ? raw_weighted : raw_shape;
        EXPECT_NEAR(g, c, 1e-9 * std::max(1.0, std::fabs(c)) + 1e-12 * raw) << name << " object " << i;
      }
    }
  }
}

}  // namespace
}  // namespace voxfeat::test
