#pragma once
// `voxfeat inspect`: a readable summary of a store for people (not a format for programs: use export for those).
#include <filesystem>
#include <ostream>

namespace voxfeat::detail {

/// Reads the store (and a killed run's journal, without changing either) and writes the summary. Throws IoError.
void write_store_summary(const std::filesystem::path& store, std::ostream& out);

}  // namespace voxfeat::detail
