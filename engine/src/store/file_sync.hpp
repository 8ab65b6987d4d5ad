#pragma once
// Durability primitives for the store: fsync of files and folders, atomic replacement, and the writer lock.
#include <filesystem>

namespace voxfeat::detail {

/// fsync (or fdatasync when data_only) an open descriptor; throws IoError naming path.
void sync_fd(int fd, const std::filesystem::path& path, bool data_only = false);
/// fsync a file by name.
void sync_file(const std::filesystem::path& path);
/// fsync the folder holding path, so that a create, rename or unlink in it is durable.
void sync_parent_folder(const std::filesystem::path& path);
/// Makes `source` (already complete) durable and renames it over `target` in one atomic step: a reader, or the
/// disk after a crash, sees either the old target or the new one, never a mix.
void atomic_replace(const std::filesystem::path& source, const std::filesystem::path& target);
/// Removes path (if present) and syncs its folder.
void remove_durably(const std::filesystem::path& path);

/// Exclusive advisory lock (flock) on `<store>.lock`: one writer per store. Released (and the file removed) when
/// destroyed; a killed process leaves the file behind, unlocked (the kernel drops the flock), which is harmless.
class WriterLock {
 public:
  /// Throws IoError when another process holds the lock.
  explicit WriterLock(const std::filesystem::path& store);
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  ~WriterLock();

 private:
  std::filesystem::path m_path;
  int m_fd = -1;
};

}  // namespace voxfeat::detail
