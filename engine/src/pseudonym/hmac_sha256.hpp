#pragma once
// HMAC-SHA256 (RFC 2104 with SHA-256) through OpenSSL, as lowercase hex. Kept apart from Pseudonymiser so that tests
// can hold it to the published RFC 4231 vectors, whose messages would not survive id normalisation.
#include <string>
#include <string_view>

namespace voxfeat::detail {

[[nodiscard]] std::string hmac_sha256_hex(std::string_view key, std::string_view message);

}  // namespace voxfeat::detail
