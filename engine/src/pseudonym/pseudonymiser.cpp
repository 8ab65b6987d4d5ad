#include "pseudonym/pseudonymiser.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>

#include "pseudonym/hmac_sha256.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

// Public on purpose: anyone can recompute pseudonyms made with it, which is why runs using it are marked as demo
// runs and `voxfeat extract` refuses it unless --demo-key is given. Never use it for patient data.
constexpr std::string_view demo_key_text = "voxfeat PUBLIC demo key v1 -- NOT SECRET, never use it for patient data";
static_assert(demo_key_text.size() >= Pseudonymiser::minimum_key_bytes);

constexpr std::string_view fingerprint_message = "voxfeat key fingerprint v1";

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

Pseudonymiser Pseudonymiser::from_key_file(const std::filesystem::path& key_file) {
  std::error_code ec;
  const auto status = std::filesystem::status(key_file, ec);
  if (!std::filesystem::exists(status))
    throw KeyError(key_file.string() + ": key file not found (create one with `openssl rand -hex 32 > " +
                   key_file.string() + "` and keep it private)");
  if (std::filesystem::is_directory(status)) throw KeyError(key_file.string() + ": key file is a folder");
  std::ifstream in(key_file, std::ios::binary);
  if (!in) throw KeyError(key_file.string() + ": key file cannot be opened for reading");
  std::string key{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw KeyError(key_file.string() + ": read error in key file");
  // Editors add a final newline; dropping exactly one keeps `echo`-made and editor-made files equivalent.
  if (!key.empty() && key.back() == '\n') key.pop_back();
  if (key.size() < minimum_key_bytes)
    throw KeyError(key_file.string() + ": key is " + std::to_string(key.size()) + " bytes, at least " +
                   std::to_string(minimum_key_bytes) + " are required (e.g. `openssl rand -hex 32`)");
  return Pseudonymiser(std::move(key), false);
}

Pseudonymiser Pseudonymiser::demo() { return Pseudonymiser(std::string(demo_key_text), true); }

Pseudonymiser Pseudonymiser::resolve(const std::string& key_file_option, bool allow_demo_key) {
  if (!key_file_option.empty()) return from_key_file(key_file_option);
  if (const char* env = std::getenv("VOXFEAT_KEY_FILE"); env != nullptr && *env != '\0') {
    return from_key_file(env);
  }
  if (allow_demo_key) return demo();
  throw KeyError(
      "no pseudonymisation key: pass --key-file FILE, or set VOXFEAT_KEY_FILE=FILE, or (demos only, pseudonyms "
      "not protected) pass --demo-key. A key file holds at least 32 random bytes, e.g. `openssl rand -hex 32`");
}

std::string Pseudonymiser::normalise(std::string_view id) {
  while (!id.empty() && is_ascii_space(id.front())) id.remove_prefix(1);
  while (!id.empty() && is_ascii_space(id.back())) id.remove_suffix(1);
  std::string out(id);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');  // ASCII only: locale-independent, UTF-8 bytes untouched
  return out;
}

std::string Pseudonymiser::pseudonym(std::string_view id) const {
  const std::string normalised = normalise(id);
  if (normalised.empty()) return {};
  return hmac_sha256_hex(m_key, normalised);
}

std::string Pseudonymiser::fingerprint() const { return hmac_sha256_hex(m_key, fingerprint_message); }

}  // namespace voxfeat::detail
