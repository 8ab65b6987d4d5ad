#include "io/voxel_sha1.hpp"

#include <openssl/evp.h>

#include "voxfeat/error.hpp"

namespace voxfeat::io {

struct VoxelSha1::Context {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(md); }
};

VoxelSha1::VoxelSha1() : m_context(std::make_unique<Context>()) {
  if (!m_context->md || EVP_DigestInit_ex(m_context->md, EVP_sha1(), nullptr) != 1)
    throw Error("SHA-1 unavailable (OpenSSL)");
}

VoxelSha1::~VoxelSha1() = default;

void VoxelSha1::update(const void* bytes, std::size_t count) { EVP_DigestUpdate(m_context->md, bytes, count); }

std::string VoxelSha1::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(m_context->md, digest, &length);
  static const char* const digits = "0123456789abcdef";
  std::string text;
  for (unsigned i = 0; i < length; ++i) {
    text += digits[digest[i] >> 4];
    text += digits[digest[i] & 15];
  }
  return text;
}

}  // namespace voxfeat::io
