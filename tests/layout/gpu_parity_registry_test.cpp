// Issue 6: every family that declares a CUDA function has a family-level parity test, by the convention
// tests/gpu/<family>_family_parity_test.cpp (the CPU and CUDA functions of the family on the same seeded ROIs). A
// family given a compute_cuda without one fails here, on every machine, GPU or not.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_paths.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::test {
namespace {

TEST(GpuParityRegistry, EveryFamilyWithACudaFunctionHasAParityTest) {
  const Registry registry = Registry::with_builtin_families();
  std::size_t with_cuda = 0;
  for (const FamilyDescriptor* family : registry.families()) {
    if (!family->compute_cuda && !family->compute_objects_cuda) continue;  // ROI or per-object GPU path
    ++with_cuda;
    const auto test = source_dir() / "tests/gpu" / (family->name + "_family_parity_test.cpp");
    EXPECT_TRUE(std::filesystem::exists(test))
        << "family " << family->name << " declares a CUDA function but has no parity test " << test.string();
  }
  RecordProperty("families_with_cuda", int(with_cuda));
}

}  // namespace
}  // namespace voxfeat::test
