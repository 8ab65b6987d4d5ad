#include "extraction/device_choice.hpp"

#include <charconv>
#include <string>
#include <utility>

#include "voxfeat/error.hpp"

#if VOXFEAT_HAVE_CUDA
#include "device_info.hpp"
#endif

namespace voxfeat::detail {

ExecutionContext parse_device(const std::string& text) {
  ExecutionContext e;
  if (text == "auto") return e;
  if (text == "cpu") {
    e.backend = Backend::cpu;
    return e;
  }
  if (text.rfind("cuda", 0) == 0) {
    e.backend = Backend::cuda;
    if (text.size() == 4) return e;
    const char* first = text.data() + 5;
    const char* last = text.data() + text.size();
    int ordinal = -1;
    if (text[4] == ':' && first != last) {
      const auto [end, error] = std::from_chars(first, last, ordinal);
      if (error == std::errc() && end == last && ordinal >= 0) {
        e.device = ordinal;
        return e;
      }
    }
  }
  throw ConfigError("--device: '" + text + "' is not auto, cpu, cuda or cuda:N");
}

namespace {

/// Whether a CUDA device can be used, asked once per process; the reason when not.
const std::pair<bool, std::string>& cuda_usable() {
  static const std::pair<bool, std::string> usable = [] {
#if VOXFEAT_HAVE_CUDA
    std::string why;
    if (!cuda::device_available(&why)) return std::pair<bool, std::string>{false, "no CUDA device (" + why + ")"};
    return std::pair<bool, std::string>{true, ""};
#else
    return std::pair<bool, std::string>{false, "this voxfeat was built without CUDA"};
#endif
  }();
  return usable;
}

}  // namespace

std::size_t parse_memory_size(const std::string& text) {
  static const std::pair<const char*, double> units[] = {
      {"TiB", 1099511627776.0}, {"GiB", 1073741824.0}, {"MiB", 1048576.0}, {"KiB", 1024.0}, {"TB", 1e12},
      {"GB", 1e9},              {"MB", 1e6},           {"kB", 1e3},       {"KB", 1e3},     {"B", 1.0}};
  double scale = 1.0;
  std::string number = text;
  for (const auto& [unit, factor] : units) {
    const std::string u(unit);
    if (text.size() > u.size() && text.compare(text.size() - u.size(), u.size(), u) == 0) {
      scale = factor;
      number = text.substr(0, text.size() - u.size());
      break;
    }
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc() || end != number.data() + number.size() || !(value > 0.0) || value * scale < 1.0 ||
      value * scale > 1e18)
    throw ConfigError("--gpu-memory: '" + text + "' is not a memory size such as 2GiB, 512MiB or 1.5GB");
  return std::size_t(value * scale);
}

DeviceChoice choose_device(const ExecutionContext& requested) {
  DeviceChoice choice{requested, {}};
  if (requested.backend == Backend::cpu) return choice;
  const auto on_cpu = [&](const std::string& why) {
    choice.execution.backend = Backend::cpu;
    choice.note = "voxfeat: " + why + ": computing on the CPU";
    return choice;
  };
  if (!cuda_usable().first) return on_cpu(cuda_usable().second);
#if VOXFEAT_HAVE_CUDA
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) return on_cpu("the CUDA runtime cannot count its devices");
  if (requested.device >= count)
    throw ConfigError("--device cuda:" + std::to_string(requested.device) + ": this machine has " +
                      std::to_string(count) + " CUDA device(s), cuda:0 to cuda:" + std::to_string(count - 1));
#endif
  return choice;
}

bool gpu_computes(const ExecutionContext& execution, std::size_t voxels) {
  // Callers that did not go through choose_device still never reach CUDA on a machine without a device.
  // The size rule first: asking the runtime starts it, which a GPU machine pays once per process.
  if (execution.backend == Backend::cpu) return false;
  if (execution.backend == Backend::automatic && voxels < auto_gpu_minimum_voxels) return false;
  return cuda_usable().first;
}

bool runs_on_gpu(const ExecutionContext& execution, const FamilyDescriptor& family, std::size_t roi_voxels) {
  return family.compute_cuda && gpu_computes(execution, roi_voxels);
}

}  // namespace voxfeat::detail
