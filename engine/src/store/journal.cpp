#include "store/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <utility>

#include "store/file_sync.hpp"
#include "util/sha256.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

constexpr std::string_view magic = "voxfeat-journal 1\n";
constexpr std::size_t id_hex = 32;
constexpr std::size_t fingerprint_hex = 64;
constexpr std::size_t header_bytes = magic.size() + id_hex + 1 + fingerprint_hex + 1;
// A case row is a few kB, but an objects case holds a row per object: 200k objects × 301 columns are 480 MB. Anything
// past 2 GiB is a corrupt length field, not a record.
constexpr std::uint32_t max_record_bytes = 2u << 30;

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
constexpr std::array<std::uint32_t, 256> crc_table = make_crc_table();

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(char((v >> (8 * i)) & 0xFFu));
}

std::uint32_t get_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= std::uint32_t(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::optional<JournalHeader> parse_header(std::string_view data) {
  if (data.size() < header_bytes || data.substr(0, magic.size()) != magic) return std::nullopt;
  const std::string_view id = data.substr(magic.size(), id_hex);
  const std::string_view fingerprint = data.substr(magic.size() + id_hex + 1, fingerprint_hex);
  if (data[magic.size() + id_hex] != '\n' || data[header_bytes - 1] != '\n' || !is_hex(id) || !is_hex(fingerprint))
    return std::nullopt;
  return JournalHeader{std::string(id), std::string(fingerprint)};
}

void write_all(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw IoError(path.string() + ": cannot append to journal: " + std::strerror(errno));
    }
    data.remove_prefix(std::size_t(n));
  }
}

}  // namespace

std::uint32_t crc32(std::string_view data, std::uint32_t crc) {
  crc = ~crc;
  for (char ch : data) crc = crc_table[(crc ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

std::filesystem::path journal_path(const std::filesystem::path& store) {
  return std::filesystem::path(store.string() + ".journal");
}

std::string new_journal_id() {
  std::random_device device;  // not a secret: it only has to differ between journals of one store
  std::array<unsigned char, id_hex / 2> bytes{};
  for (auto& b : bytes) b = static_cast<unsigned char>(device() & 0xFFu);
  return to_hex(bytes.data(), bytes.size());
}

JournalWriter JournalWriter::create(const std::filesystem::path& path, const JournalHeader& header) {
  if (header.journal_id.size() != id_hex || header.key_fingerprint.size() != fingerprint_hex)
    throw Error("journal header: malformed id or key fingerprint");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw IoError(path.string() + ": cannot create journal: " + std::strerror(errno));
  JournalWriter writer(path, header, fd);
  std::string text(magic);
  text += header.journal_id + "\n" + header.key_fingerprint + "\n";
  write_all(fd, text, path);
  sync_fd(fd, path);
  sync_parent_folder(path);  // the journal's name must survive a crash too, not only its blocks
  return writer;
}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_header(std::move(other.m_header)),
      m_fd(std::exchange(other.m_fd, -1)),
      m_records(other.m_records) {}

JournalWriter& JournalWriter::operator=(JournalWriter&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_path = std::move(other.m_path);
    m_header = std::move(other.m_header);
    m_fd = std::exchange(other.m_fd, -1);
    m_records = other.m_records;
  }
  return *this;
}

JournalWriter::~JournalWriter() {
  if (m_fd >= 0) ::close(m_fd);
}

void JournalWriter::append(std::string_view payload) {
  if (payload.empty() || payload.size() > max_record_bytes)
    throw Error(m_path.string() + ": journal record of " + std::to_string(payload.size()) + " bytes");
  std::string header;
  put_u32(header, std::uint32_t(payload.size()));
  const std::uint32_t crc = crc32(payload, crc32(header));
  put_u32(header, crc);
  // Length and CRC, then the payload as it is (no copy of a large objects record). Records never interleave (the
  // store writes under its lock); a crash leaves at most this record torn, which its length or CRC exposes.
  write_all(m_fd, header, m_path);
  write_all(m_fd, payload, m_path);
  sync_fd(m_fd, m_path, /*data_only=*/true);
  ++m_records;
}

std::optional<JournalContents> read_journal(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path.string() + ": cannot open journal for reading");
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw IoError(path.string() + ": read error in journal");

  JournalContents contents;
  const auto header = parse_header(data);
  if (!header) {
    contents.ignored_bytes = data.size();
    return contents;
  }
  contents.header_valid = true;
  contents.header = *header;
  std::size_t pos = header_bytes;
  while (data.size() - pos >= 8) {
    const std::uint32_t length = get_u32(data.data() + pos);
    const std::uint32_t stored_crc = get_u32(data.data() + pos + 4);
    if (length == 0 || length > max_record_bytes || data.size() - pos - 8 < length) break;
    const std::string_view payload(data.data() + pos + 8, length);
    if (crc32(payload, crc32(std::string_view(data.data() + pos, 4))) != stored_crc) break;
    contents.payloads.emplace_back(payload);
    pos += 8 + std::size_t(length);
  }
  contents.ignored_bytes = data.size() - pos;
  return contents;
}

}  // namespace voxfeat::detail
