// --device auto|cpu|cuda[:N] (engine/src/extraction/device_choice.cpp): parsing, the CPU fallback of a machine
// without a CUDA driver or device (one note, never an error), and which compute function extraction calls.
#include <gtest/gtest.h>

#include "extraction/case_roi.hpp"
#include "extraction/device_choice.hpp"
#include "extraction/extractor.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::test {
namespace {

TEST(DeviceChoice, ParsesTheFourForms) {
  EXPECT_EQ(detail::parse_device("auto").backend, Backend::automatic);
  EXPECT_EQ(detail::parse_device("cpu").backend, Backend::cpu);
  EXPECT_EQ(detail::parse_device("cuda").backend, Backend::cuda);
  EXPECT_EQ(detail::parse_device("cuda").device, 0);
  const auto third = detail::parse_device("cuda:2");
  EXPECT_EQ(third.backend, Backend::cuda);
  EXPECT_EQ(third.device, 2);
  for (const char* bad : {"gpu", "cuda:", "cuda:-1", "cuda:x", "cuda1", "CPU", ""}) {
    try {
      detail::parse_device(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("is not auto, cpu, cuda or cuda:N"), std::string::npos) << e.what();
    }
  }
}

TEST(DeviceChoice, ParsesGpuMemorySizes) {
  EXPECT_EQ(detail::parse_memory_size("2GiB"), std::size_t(2) << 30);
  EXPECT_EQ(detail::parse_memory_size("512MiB"), std::size_t(512) << 20);
  EXPECT_EQ(detail::parse_memory_size("1.5GB"), std::size_t(1500000000));
  EXPECT_EQ(detail::parse_memory_size("4096"), std::size_t(4096));
  for (const char* bad : {"", "0", "-1GiB", "2 GiB", "GiB", "2XB", "1e30"}) {
    try {
      detail::parse_memory_size(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("is not a memory size"), std::string::npos) << e.what();
    }
  }
}

TEST(DeviceChoice, WithoutAUsableGpuTheCpuComputesWithOneNote) {
  const auto cpu = detail::choose_device(detail::parse_device("cpu"));
  EXPECT_EQ(cpu.execution.backend, Backend::cpu);
  EXPECT_TRUE(cpu.note.empty());
  const auto cuda = detail::choose_device(detail::parse_device("cuda"));
  if (cuda.execution.backend == Backend::cpu) {  // build machines and CI: no driver or no device
    EXPECT_NE(cuda.note.find("computing on the CPU"), std::string::npos) << cuda.note;
    EXPECT_EQ(cuda.note.find('\n'), std::string::npos) << "one line";
  } else {
    EXPECT_EQ(cuda.execution.backend, Backend::cuda);
    EXPECT_TRUE(cuda.note.empty()) << cuda.note;
    EXPECT_THROW(detail::choose_device(detail::parse_device("cuda:999")), ConfigError);
  }
}

/// A family whose CPU function writes 1 and CUDA function 2: which one extraction called.
Registry toy_registry() {
  Registry r;
  FamilyDescriptor f;
  f.name = "toy";
  f.version = "1.0.0";
  f.column_prefix = "toy";
  f.outputs = {{"which", "1", "", "1 from the CPU function, 2 from the CUDA one"}};
  f.compute_cpu = [](const RoiContext&, const ParamValues&, const AggregationSpec&, std::span<double> out) {
    out[0] = 1;
  };
  f.compute_cuda = [](const RoiContext&, const ParamValues&, const AggregationSpec&, std::span<double> out) {
    out[0] = 2;
  };
  r.add(f);
  return r;
}

double which(const ExecutionContext& execution, std::size_t side) {
  const Registry registry = toy_registry();
  const Settings settings = Settings::parse("families: {toy: {}}", registry, "toy");
  Geometry g;
  g.size = {side, side, side};
  Volume<float> image(g, 1.0f);
  Volume<std::uint8_t> mask(g, 1);
  return detail::extract_roi(image, mask, settings, registry, execution).value("toy_which");
}

TEST(DeviceChoice, ExtractionCallsTheCudaFunctionOnlyWhereAGpuComputes) {
  const auto cpu = detail::choose_device(detail::parse_device("cpu")).execution;
  const auto cuda = detail::choose_device(detail::parse_device("cuda")).execution;
  const auto automatic = detail::choose_device(detail::parse_device("auto")).execution;
  const bool gpu = cuda.backend == Backend::cuda;
  EXPECT_EQ(which(cpu, 40), 1.0);
  EXPECT_EQ(which(cuda, 40), gpu ? 2.0 : 1.0);
  // auto: a 64k-voxel ROI (>= auto_gpu_minimum_voxels) on the GPU when there is one, an 8-voxel ROI never.
  static_assert(detail::auto_gpu_minimum_voxels <= 40 * 40 * 40);
  EXPECT_EQ(which(automatic, 40), gpu ? 2.0 : 1.0);
  EXPECT_EQ(which(automatic, 2), 1.0);
  // A context that never went through choose_device does not reach CUDA without a device either.
  ExecutionContext unchecked;
  unchecked.backend = Backend::cuda;
  EXPECT_EQ(which(unchecked, 40), gpu ? 2.0 : 1.0);
}

TEST(DeviceChoice, TheGpusDiscretisationGivesTheCpusLevels) {
  // ROI preparation's discretisation on the GPU (cuda/histogram.hpp) equals the CPU's, level for level, for fixed
  // bin number and fixed bin size. Skips without a usable GPU.
  const auto device = detail::choose_device(detail::parse_device("cuda"));
  if (device.execution.backend != Backend::cuda) GTEST_SKIP() << device.note;
  Geometry g;
  g.size = {60, 50, 40};
  Volume<float> image(g);
  Volume<std::uint8_t> mask(g, 0);
  for (std::size_t i = 0; i < image.voxel_count(); ++i) {
    image.data()[i] = float((i * 2654435761u) % 4001) - 1000.0f;  // spread, many values
    mask.data()[i] = (i * 40503u) % 7 != 0 ? 1 : 0;
  }
  for (const char* discretisation : {"{method: fixed_bin_number, bin_number: 32}",
                                     "{method: fixed_bin_size, bin_size: 25}"}) {
    const Settings settings =
        Settings::parse(std::string("discretisation: ") + discretisation, Registry::with_builtin_families(), "s");
    const detail::CaseRoi cpu(image, mask, settings, detail::parse_device("cpu"), "cpu");
    const detail::CaseRoi gpu(image, mask, settings, device.execution, "gpu");
    EXPECT_EQ(cpu.discretised().level_count, gpu.discretised().level_count) << discretisation;
    EXPECT_EQ(cpu.discretised().levels.values(), gpu.discretised().levels.values()) << discretisation;
  }
}

TEST(DeviceChoice, TheGpusSortGivesTheCpusSortedIntensities) {
  // The sorted ROI intensities (shared by the intensity statistics, histogram and IVH families) from the GPU's radix
  // sort (cuda/sort.hpp) equal std::sort's, value for value: non-integer intensities with repeats, negatives and
  // zeros of both signs. Skips without a usable GPU.
  const auto device = detail::choose_device(detail::parse_device("cuda"));
  if (device.execution.backend != Backend::cuda) GTEST_SKIP() << device.note;
  Geometry g;
  g.size = {70, 60, 30};
  Volume<float> image(g);
  Volume<std::uint8_t> mask(g, 0);
  for (std::size_t i = 0; i < image.voxel_count(); ++i) {
    image.data()[i] = (float((i * 2654435761u) % 9001) - 4500.0f) * 0.137f;
    if (i % 97 == 0) image.data()[i] = (i % 2) ? 0.0f : -0.0f;
    mask.data()[i] = (i * 40503u) % 5 != 0 ? 1 : 0;
  }
  const Settings settings = Settings::parse("{}", Registry::with_builtin_families(), "s");
  const detail::CaseRoi cpu(image, mask, settings, detail::parse_device("cpu"), "cpu");
  const detail::CaseRoi gpu(image, mask, settings, device.execution, "gpu");
  const auto a = cpu.sorted_roi_intensities(), b = gpu.sorted_roi_intensities();
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GE(a.size(), detail::auto_gpu_minimum_voxels);
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], b[i]) << "position " << i;
}

}  // namespace
}  // namespace voxfeat::test
