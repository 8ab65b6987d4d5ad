#pragma once
// Cluster sharding: shard K of N processes cases K, K+N, K+2N, ... (0-based case order of the manifest).
#include <optional>
#include <string>

namespace voxfeat::detail {

struct Shard {
  int index = 0;  ///< K, 0-based
  int count = 1;  ///< N
  [[nodiscard]] bool owns(std::size_t case_index) const { return case_index % std::size_t(count) == std::size_t(index); }
  [[nodiscard]] std::string describe() const { return std::to_string(index) + "/" + std::to_string(count); }
};

/// From "K/N", else from Slurm's SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN when set) and
/// SLURM_ARRAY_TASK_COUNT, else none (all cases). Throws ConfigError on malformed values or K outside [0, N).
std::optional<Shard> resolve_shard(const std::string& option);

}  // namespace voxfeat::detail
