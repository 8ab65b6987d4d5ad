#pragma once
// Pseudonyms: HMAC-SHA256(key, normalised id) as lowercase hex, through OpenSSL (DESIGN.md, Pseudonymisation).
// The key never leaves this object; stores keep only its fingerprint.
#include <filesystem>
#include <string>
#include <string_view>

namespace voxfeat::detail {

class Pseudonymiser {
 public:
  static constexpr std::size_t minimum_key_bytes = 32;

  /// Reads the key file (raw bytes; one trailing newline is dropped). Throws KeyError naming the file when it is
  /// missing, unreadable or shorter than 32 bytes.
  static Pseudonymiser from_key_file(const std::filesystem::path& key_file);
  /// The fixed, public demo key: pseudonyms made with it are NOT protected. Callers must warn and mark the run.
  static Pseudonymiser demo();
  /// Resolution used by `voxfeat extract`: --key-file, else $VOXFEAT_KEY_FILE, else demo when allowed, else throws
  /// KeyError explaining the three options.
  static Pseudonymiser resolve(const std::string& key_file_option, bool allow_demo_key);

  /// Identifiers are normalised before hashing: surrounding white space removed, ASCII letters upper-cased, so that
  /// " p-001" and "P-001" are the same patient. An empty id gives an empty pseudonym (optional columns).
  [[nodiscard]] static std::string normalise(std::string_view id);
  [[nodiscard]] std::string pseudonym(std::string_view id) const;
  /// Identifies the key without revealing it: HMAC-SHA256(key, "voxfeat key fingerprint v1"), hex.
  [[nodiscard]] std::string fingerprint() const;
  [[nodiscard]] bool is_demo() const { return m_demo; }

 private:
  Pseudonymiser(std::string key, bool demo) : m_key(std::move(key)), m_demo(demo) {}
  std::string m_key;
  bool m_demo = false;
};

}  // namespace voxfeat::detail
