#pragma once
// Which processor computes a run: `--device auto|cpu|cuda[:N]`. A machine without a CUDA driver or device computes
// on the CPU, with one line saying why, never an error; `auto` sends a family to the GPU only where it has a CUDA
// function and the ROI is large enough to pay for the transfer.
#include <cstddef>
#include <string>

#include "voxfeat/execution.hpp"
#include "voxfeat/family.hpp"

namespace voxfeat::detail {

/// ROIs smaller than this stay on the CPU under `auto`. Provisional: to be measured on the H200 (issue 6: the
/// threshold is measured, not guessed); the transfer of a 50k-voxel ROI is about 0.25 MB.
inline constexpr std::size_t auto_gpu_minimum_voxels = 50000;

/// Parses "auto", "cpu", "cuda" or "cuda:N" (N >= 0). Throws ConfigError naming the text otherwise.
ExecutionContext parse_device(const std::string& text);

/// Parses a memory size: a number with an optional unit B, kB/MB/GB/TB (powers of 1000) or KiB/MiB/GiB/TiB (powers
/// of 1024), e.g. "2GiB", "512MiB", "1.5GB". Throws ConfigError naming the text otherwise or for 0.
std::size_t parse_memory_size(const std::string& text);

struct DeviceChoice {
  ExecutionContext execution;
  std::string note;  ///< one line for the log when the request could not be met as asked (else empty)
};

/// What a run uses for `requested`: the CPU when asked, or when no CUDA device can be used (built without CUDA, no
/// driver, no device; `note` says which). Throws ConfigError for a device ordinal the machine does not have.
DeviceChoice choose_device(const ExecutionContext& requested);

/// Whether work of `voxels` voxels that has a GPU path runs on the GPU under `execution`: a device can be used, and
/// the backend is cuda, or automatic with at least auto_gpu_minimum_voxels.
bool gpu_computes(const ExecutionContext& execution, std::size_t voxels);

/// Whether `family` runs on the GPU for an ROI of `roi_voxels` intensity-mask voxels under `execution`: it has a
/// CUDA function, a device can be used, and the backend is cuda, or automatic with a large enough ROI.
bool runs_on_gpu(const ExecutionContext& execution, const FamilyDescriptor& family, std::size_t roi_voxels);

}  // namespace voxfeat::detail
