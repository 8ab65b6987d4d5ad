#include "store/file_sync.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

std::string errno_text() { return std::strerror(errno); }

std::filesystem::path parent_folder(const std::filesystem::path& path) {
  const auto parent = path.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

}  // namespace

void sync_fd(int fd, const std::filesystem::path& path, bool data_only) {
  const int status = data_only ? ::fdatasync(fd) : ::fsync(fd);
  if (status != 0) throw IoError(path.string() + ": cannot sync to disk: " + errno_text());
}

void sync_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(path.string() + ": cannot open to sync: " + errno_text());
  const int status = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (status != 0) throw IoError(path.string() + ": cannot sync to disk: " + std::strerror(saved));
}

void sync_parent_folder(const std::filesystem::path& path) {
  const auto folder = parent_folder(path);
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw IoError(folder.string() + ": cannot open folder to sync: " + errno_text());
  const int status = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  // Some file systems refuse fsync on folders (EINVAL); they order metadata themselves.
  if (status != 0 && saved != EINVAL)
    throw IoError(folder.string() + ": cannot sync folder to disk: " + std::strerror(saved));
}

void atomic_replace(const std::filesystem::path& source, const std::filesystem::path& target) {
  sync_file(source);
  if (std::rename(source.c_str(), target.c_str()) != 0)
    throw IoError(target.string() + ": cannot replace with " + source.string() + ": " + errno_text());
  sync_parent_folder(target);
}

void remove_durably(const std::filesystem::path& path) {
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return;
    throw IoError(path.string() + ": cannot remove: " + errno_text());
  }
  sync_parent_folder(path);
}

WriterLock::WriterLock(const std::filesystem::path& store) : m_path(store.string() + ".lock") {
  // The lock file is removed on release, so a file we locked may have been unlinked (and another created) between
  // our open and our flock: only a lock on the inode the name still points to counts.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw IoError(m_path.string() + ": cannot create the store's lock file: " + errno_text());
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int saved = errno;
      ::close(fd);
      if (saved == EWOULDBLOCK)
        throw IoError(store.string() + ": another voxfeat process is writing this store (lock " + m_path.string() +
                      " is held); wait for it, or give each shard its own --out and merge them");
      throw IoError(m_path.string() + ": cannot lock: " + std::strerror(saved));
    }
    struct stat held {};
    struct stat named {};
    if (::fstat(fd, &held) == 0 && ::stat(m_path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
        held.st_ino == named.st_ino) {
      m_fd = fd;
      return;
    }
    ::close(fd);  // released and removed meanwhile: try again with the current file
  }
  throw IoError(m_path.string() + ": cannot lock (lock file keeps changing)");
}

WriterLock::~WriterLock() {
  if (m_fd < 0) return;
  // Unlink while still holding the lock: a process that opened the old file will see it is no longer the named one.
  ::unlink(m_path.c_str());
  ::close(m_fd);
}

}  // namespace voxfeat::detail
