#include "pseudonym/hmac_sha256.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>

#include "util/sha256.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  // HMAC() takes the key length as int; keys are read from small files, so this only guards against misuse.
  if (key.size() > std::size_t(INT_MAX)) throw KeyError("HMAC-SHA256: key longer than INT_MAX bytes");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  if (HMAC(EVP_sha256(), key.data(), int(key.size()), data, message.size(), digest, &length) == nullptr)
    throw Error("OpenSSL: HMAC-SHA256 failed");
  return to_hex(digest, length);
}

}  // namespace voxfeat::detail
