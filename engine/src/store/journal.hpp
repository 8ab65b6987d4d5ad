#pragma once
// The append-only journal next to a store (`<store>.journal`): what makes each case durable the moment
// append_case returns, without touching the published HDF5 file. Layout (docs/feature-store.md):
//   header  "voxfeat-journal 1\n" <journal id, 32 hex> "\n" <key fingerprint, 64 hex> "\n"
//   record  <payload length: u32 LE> <CRC-32 of length bytes and payload: u32 LE> <payload>
// Each append is one write() followed by fdatasync(). A record torn by a crash fails its length or checksum test;
// it and everything after it are ignored on reading.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace voxfeat::detail {

struct JournalHeader {
  std::string journal_id;       ///< random, new for every journal; the HDF5 file names the journal it contains
  std::string key_fingerprint;  ///< of the store's key
};

class JournalWriter {
 public:
  /// Creates (truncating) the journal, writes and syncs the header, syncs the folder. Throws IoError.
  static JournalWriter create(const std::filesystem::path& path, const JournalHeader& header);
  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&& other) noexcept;
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  ~JournalWriter();

  /// Appends one record and syncs it to disk; durable when it returns. Throws IoError.
  void append(std::string_view payload);
  [[nodiscard]] std::uint64_t records() const { return m_records; }
  [[nodiscard]] const JournalHeader& header() const { return m_header; }
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  JournalWriter(std::filesystem::path path, JournalHeader header, int fd)
      : m_path(std::move(path)), m_header(std::move(header)), m_fd(fd) {}
  std::filesystem::path m_path;
  JournalHeader m_header;
  int m_fd = -1;
  std::uint64_t m_records = 0;
};

struct JournalContents {
  bool header_valid = false;          ///< false: torn or foreign header, no record is trusted
  JournalHeader header;
  std::vector<std::string> payloads;  ///< the intact records, in order
  std::uint64_t ignored_bytes = 0;    ///< torn tail (or whole file when the header is invalid)
};

/// Reads a journal; nullopt when there is none. Throws IoError when it exists but cannot be read.
std::optional<JournalContents> read_journal(const std::filesystem::path& path);

/// `<store>.journal`
std::filesystem::path journal_path(const std::filesystem::path& store);
/// A fresh random journal id (32 hex digits).
std::string new_journal_id();
/// CRC-32 (IEEE 802.3, as zlib's crc32) of data, continuing from crc.
std::uint32_t crc32(std::string_view data, std::uint32_t crc = 0);

}  // namespace voxfeat::detail
