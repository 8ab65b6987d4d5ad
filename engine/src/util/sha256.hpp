#pragma once
// SHA-256 of text and of files (OpenSSL EVP), as lowercase hex.
#include <filesystem>
#include <string>
#include <string_view>

namespace voxfeat::detail {

std::string sha256_hex(std::string_view data);
/// Streams the file; throws IoError naming it when it cannot be read. A folder is hashed over its regular files in
/// sorted name order (name and content of each), so a DICOM series has one hash too.
std::string sha256_file_hex(const std::filesystem::path& path);
std::string to_hex(const unsigned char* bytes, std::size_t n);

}  // namespace voxfeat::detail
