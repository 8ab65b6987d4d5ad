#pragma once
// The one rule by which PlaneChoice picks along every dimension (page, channel, z, t), and its messages.
#include <cstddef>
#include <filesystem>
#include <optional>

namespace voxfeat::io::microscopy {

enum class Dimension { page, channel, z, t };

/// The index `requested` names along a dimension with `count` entries: the request when it is below count, 0 when
/// nothing was requested and count is 1. Throws ConfigError naming the file and what it has when the request is
/// out of range, or missing while count > 1.
std::size_t choose_index(const std::filesystem::path& file, Dimension dimension,
                         const std::optional<std::size_t>& requested, std::size_t count);

}  // namespace voxfeat::io::microscopy
