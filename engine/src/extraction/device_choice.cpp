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

bool runs_on_gpu(const ExecutionContext& execution, const FamilyDescriptor& family, std::size_t roi_voxels) {
  // Callers that did not go through choose_device still never reach CUDA on a machine without a device.
  if (!family.compute_cuda || execution.backend == Backend::cpu || !cuda_usable().first) return false;
  if (execution.backend == Backend::cuda) return true;
  return execution.backend == Backend::automatic && roi_voxels >= auto_gpu_minimum_voxels;
}

}  // namespace voxfeat::detail
