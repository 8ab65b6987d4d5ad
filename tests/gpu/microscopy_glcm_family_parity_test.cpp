// Family-level parity of "microscopy_glcm" (plugins/microscopy_glcm/register.cpp): compute_objects_cuda counts every
// object's co-occurrences on the GPU, many objects per launch (cuda::glcm_matrices_batch), and gives compute_objects'
// values bit for bit (integer matrices, the same aggregation and formulas), for both quantisations, both direction
// rules, distances 1 and 2, and a --gpu-memory budget that splits the objects into several launches. Skips without a
// GPU; the host test checks that counted matrices give the CPU's features.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "gpu_test_support.hpp"
#include "microscopy/object_texture.hpp"
#include "support/plane_object_context.hpp"
#include "texture/directions.hpp"
#include "texture/glcm.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::test {
namespace {

PlaneObjectContext synthetic_objects(ExecutionContext execution) { return synthetic_cells(384, 90, 21, execution); }

void expect_same(const std::vector<double>& gpu, const std::vector<double>& cpu, const std::string& where) {
  ASSERT_EQ(gpu.size(), cpu.size());
  for (std::size_t k = 0; k < cpu.size(); ++k) {
    if (std::isnan(cpu[k])) {
      EXPECT_TRUE(std::isnan(gpu[k])) << where << " value " << k;
    } else {
      EXPECT_EQ(gpu[k], cpu[k]) << where << " value " << k;
    }
  }
}

// No GPU needed: the features of matrices counted elsewhere equal object_glcm's own (the path the GPU's take).
TEST(MicroscopyGlcmHost, CountedMatricesGiveTheSameFeatures) {
  namespace mk = kernels::microscopy;
  const PlaneObjectContext objects = synthetic_objects({});
  const auto& table = objects.objects();
  std::vector<std::int32_t> buffer;
  for (std::size_t i = 0; i < table.objects.size(); ++i) {
    const mk::ObjectLevels levels =
        mk::object_levels(table.objects[i], table.runs_of(i), objects.intensities(), mk::ObjectQuantisation::per_object(16), buffer);
    std::vector<kernels::texture::Offset> offsets;
    for (const auto o : kernels::texture::directions(false)) offsets.push_back(o.scaled(2));
    const auto matrices = kernels::texture::glcm_matrices(levels.levels, offsets, 16, true);
    for (const auto directions : {mk::Directions::averaged, mk::Directions::merged}) {
      std::vector<double> direct(25), counted(25);
      mk::object_glcm(levels, 2, directions, direct);
      mk::object_glcm_features(levels, directions, matrices, counted);
      expect_same(counted, direct, "object " + std::to_string(i));
    }
  }
}

class MicroscopyGlcmFamilyParity : public GpuTest {};

TEST_F(MicroscopyGlcmFamilyParity, EveryObjectEqualsTheCpu) {
  const FamilyDescriptor& family = Registry::with_builtin_families().at("microscopy_glcm");
  ASSERT_TRUE(family.compute_objects_cuda);
  for (const std::size_t budget : {std::size_t(0), std::size_t(200) << 10}) {
    ExecutionContext execution;
    execution.backend = Backend::cuda;
    execution.gpu_memory_bytes = budget;
    const PlaneObjectContext objects = synthetic_objects(execution);
    const std::size_t n = objects.objects().objects.size(), outputs = family.outputs.size();
    for (const char* quantisation : {"per_object", "per_image"})
      for (const char* directions : {"averaged", "merged"})
        for (const char* distance : {"1", "2"}) {
          const ParamValues params(std::map<std::string, std::string>{
              {"quantisation", quantisation}, {"discretisation", "fixed_bin_number"}, {"bin_number", "24"},
              {"bin_size", "25"}, {"lower_bound", "auto"}, {"directions", directions}, {"distance", distance}});
          std::vector<double> cpu(n * outputs, std::nan("")), gpu(n * outputs, std::nan(""));
          family.compute_objects(objects, params, cpu);
          family.compute_objects_cuda(objects, params, gpu);
          expect_same(gpu, cpu, std::string(quantisation) + " " + directions + " d" + distance + " budget " +
                                    std::to_string(budget));
        }
  }
}

}  // namespace
}  // namespace voxfeat::test
