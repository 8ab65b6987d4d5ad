#include "io/microscopy/plane_source.hpp"

#include <array>
#include <cstring>
#include <fstream>

#include "io/microscopy/png_plane_source.hpp"
#include "io/microscopy/tiff_plane_source.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io::microscopy {
namespace {

enum class Signature { tiff, png, unknown };

/// The format the first bytes announce. Names are not trusted: labs save PNGs as .tif and the reverse.
Signature signature_of(const std::array<unsigned char, 8>& head, std::size_t got) {
  static constexpr unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (got == 8 && std::memcmp(head.data(), png, 8) == 0) return Signature::png;
  // Classic TIFF has 42 after the byte-order mark, BigTIFF 43; both little- ("II") and big-endian ("MM").
  if (got >= 4 && head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0)
    return Signature::tiff;
  if (got >= 4 && head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43))
    return Signature::tiff;
  return Signature::unknown;
}

}  // namespace

std::unique_ptr<PlaneSource> open_plane_source(const std::filesystem::path& file, const PlaneChoice& choice) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw IoError(file.string() + ": file does not exist");
  if (std::filesystem::is_directory(file, ec)) throw IoError(file.string() + ": is a folder, not an image file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError(file.string() + ": cannot open for reading");
  std::array<unsigned char, 8> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  const auto got = static_cast<std::size_t>(in.gcount());
  switch (signature_of(head, got)) {
    case Signature::tiff: return std::make_unique<TiffPlaneSource>(file, choice);
    case Signature::png: return std::make_unique<PngPlaneSource>(file, choice);
    case Signature::unknown: break;
  }
  throw IoError(file.string() + ": not a TIFF, OME-TIFF or PNG file (" +
                (got == 0 ? std::string("the file is empty") : std::string("no TIFF or PNG signature at its start")) +
                ")");
}

}  // namespace voxfeat::io::microscopy
