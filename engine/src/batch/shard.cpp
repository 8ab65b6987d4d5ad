#include "batch/shard.hpp"

#include <cstdlib>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

int parse_int(const std::string& text, const std::string& where) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < 0 || v > 1000000) throw ConfigError(where + ": '" + text + "' is not a valid number");
  return int(v);
}

Shard checked(Shard s, const std::string& where) {
  if (s.count < 1) throw ConfigError(where + ": shard count must be at least 1");
  if (s.index < 0 || s.index >= s.count)
    throw ConfigError(where + ": shard index " + std::to_string(s.index) + " is outside [0, " +
                      std::to_string(s.count) + ")");
  return s;
}

}  // namespace

std::optional<Shard> resolve_shard(const std::string& option) {
  if (!option.empty()) {
    const auto slash = option.find('/');
    if (slash == std::string::npos) throw ConfigError("--shard: expected K/N, got '" + option + "'");
    return checked({parse_int(option.substr(0, slash), "--shard"), parse_int(option.substr(slash + 1), "--shard")},
                   "--shard " + option);
  }
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  if (!id || !count) return std::nullopt;
  const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
  const int first = min ? parse_int(min, "SLURM_ARRAY_TASK_MIN") : 0;
  return checked({parse_int(id, "SLURM_ARRAY_TASK_ID") - first, parse_int(count, "SLURM_ARRAY_TASK_COUNT")},
                 "Slurm array task " + std::string(id) + " of " + count);
}

}  // namespace voxfeat::detail
