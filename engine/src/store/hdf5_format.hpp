#pragma once
// The store's HDF5 schema (docs/feature-store.md): StoreData to and from one HDF5 file.
#include <cstdint>
#include <filesystem>
#include <string>

#include "store/store_model.hpp"

namespace voxfeat::detail {

inline constexpr const char* store_format_name = "voxfeat-feature-store";
/// 2: objects tables (one row per object, docs/feature-store.md); a store without one is still written as 1.
inline constexpr std::uint64_t store_format_version = 2;

/// Which journal the file already contains, and how many of its records: replay starts after them.
struct JournalMark {
  std::string journal_id;  ///< empty: none
  std::uint64_t records = 0;
};

struct StoreFile {
  StoreData data;
  JournalMark mark;
};

/// Reads a store. Throws IoError naming the file when it is not an HDF5 file, not a voxfeat store, from a newer
/// format version, or inconsistent.
StoreFile read_store_file(const std::filesystem::path& path);

/// Writes data to `<target>.tmp`, syncs it, and renames it over target (atomic; the old file stays intact until
/// the rename). Throws IoError.
void publish_store_file(const std::filesystem::path& target, const StoreData& data, const JournalMark& mark);

}  // namespace voxfeat::detail
