#include "io/nifti_check.hpp"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};

template <class T>
T load(const unsigned char* p, bool swap) {
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, p, sizeof(T));
  if (swap) std::reverse(bytes, bytes + sizeof(T));
  T v;
  std::memcpy(&v, bytes, sizeof(T));
  return v;
}

struct NiftiLayout {
  std::uint64_t voxel_offset = 0;
  std::uint64_t voxel_count = 1;
  int bytes_per_voxel = 0;
  int float_bytes = 0;  // 4 or 8 for float32/float64 data, 0 otherwise
  bool swap = false;
};

/// Reads what the check needs from a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header, either byte order.
NiftiLayout parse_header(const unsigned char* h, int got, const std::string& name) {
  if (got < 348) throw IoError(name + ": NIfTI header is truncated (" + std::to_string(got) + " bytes)");
  NiftiLayout layout;
  const auto size1 = load<std::int32_t>(h, false);
  const auto size1_swapped = load<std::int32_t>(h, true);
  int datatype = 0;
  if (size1 == 348 || size1_swapped == 348) {
    layout.swap = size1 != 348;
    const int ndim = load<std::int16_t>(h + 40, layout.swap);
    if (ndim < 1 || ndim > 7) throw IoError(name + ": NIfTI header has " + std::to_string(ndim) + " dimensions");
    for (int d = 1; d <= ndim; ++d) layout.voxel_count *= std::uint64_t(std::max<std::int16_t>(1, load<std::int16_t>(h + 40 + 2 * d, layout.swap)));
    datatype = load<std::int16_t>(h + 70, layout.swap);
    layout.bytes_per_voxel = load<std::int16_t>(h + 72, layout.swap) / 8;
    layout.voxel_offset = std::uint64_t(std::max(352.0f, load<float>(h + 108, layout.swap)));
  } else if (size1 == 540 || size1_swapped == 540) {
    if (got < 540) throw IoError(name + ": NIfTI-2 header is truncated");
    layout.swap = size1 != 540;
    datatype = load<std::int16_t>(h + 12, layout.swap);
    layout.bytes_per_voxel = load<std::int16_t>(h + 14, layout.swap) / 8;
    const auto ndim = load<std::int64_t>(h + 16, layout.swap);
    if (ndim < 1 || ndim > 7) throw IoError(name + ": NIfTI header has " + std::to_string(ndim) + " dimensions");
    for (int d = 1; d <= ndim; ++d)
      layout.voxel_count *= std::uint64_t(std::max<std::int64_t>(1, load<std::int64_t>(h + 16 + 8 * d, layout.swap)));
    layout.voxel_offset = std::uint64_t(std::max<std::int64_t>(544, load<std::int64_t>(h + 168, layout.swap)));
  } else {
    throw IoError(name + ": not a NIfTI file (bad header size field)");
  }
  if (datatype == 16) layout.float_bytes = 4;
  if (datatype == 64) layout.float_bytes = 8;
  if (layout.bytes_per_voxel <= 0) throw IoError(name + ": NIfTI header has an invalid bitpix");
  return layout;
}

}  // namespace

bool is_nifti_path(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  const auto ends_with = [&](const std::string& e) {
    return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  return ends_with(".nii") || ends_with(".nii.gz");
}

void check_nifti_voxel_data(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(name.c_str(), "rb"));  // reads plain files too
  if (!file) throw IoError(name + ": cannot open for reading");
  gzbuffer(file.get(), 1 << 18);
  unsigned char header[544];
  const int got = gzread(file.get(), header, sizeof header);
  if (got < 0) throw IoError(name + ": not a readable gzip/NIfTI stream");
  const NiftiLayout layout = parse_header(header, got, name);

  const std::uint64_t expected = layout.voxel_count * std::uint64_t(layout.bytes_per_voxel);
  // Skip to the voxel data: what of the header read lies past voxel_offset is already data.
  std::uint64_t position = std::uint64_t(got);
  std::vector<unsigned char> buffer(1 << 20);
  std::vector<unsigned char> carry;  // the bytes of a voxel split across two reads
  if (position > layout.voxel_offset)
    carry.assign(header + layout.voxel_offset, header + position);
  while (position < layout.voxel_offset) {
    const auto want = unsigned(std::min<std::uint64_t>(buffer.size(), layout.voxel_offset - position));
    const int n = gzread(file.get(), buffer.data(), want);
    if (n <= 0) throw IoError(name + ": NIfTI file ends before its voxel data");
    position += std::uint64_t(n);
  }

  std::uint64_t data_bytes = 0, non_finite = 0, first_bad = 0;
  const auto scan = [&](const unsigned char* p, std::size_t n) {
    if (!layout.float_bytes) return;
    for (std::size_t i = 0; i + std::size_t(layout.float_bytes) <= n; i += std::size_t(layout.float_bytes)) {
      const double v = layout.float_bytes == 4 ? double(load<float>(p + i, layout.swap)) : load<double>(p + i, layout.swap);
      if (!std::isfinite(v)) {
        if (!non_finite) first_bad = (data_bytes + i) / std::uint64_t(layout.float_bytes);
        ++non_finite;
      }
    }
  };
  // Work in whole voxels: keep a partial voxel for the next read.
  const auto consume = [&](const unsigned char* p, std::size_t n) {
    carry.insert(carry.end(), p, p + n);
    const std::size_t whole = carry.size() - carry.size() % std::size_t(layout.bytes_per_voxel);
    const std::size_t useful = std::size_t(std::min<std::uint64_t>(whole, expected - std::min(expected, data_bytes)));
    scan(carry.data(), useful);
    data_bytes += useful;
    carry.erase(carry.begin(), carry.begin() + std::ptrdiff_t(whole));
  };
  consume(nullptr, 0);
  while (data_bytes < expected) {
    const int n = gzread(file.get(), buffer.data(), unsigned(buffer.size()));
    if (n < 0) {
      int code = 0;
      const char* message = gzerror(file.get(), &code);
      throw IoError(name + ": corrupt or truncated compressed data after " + std::to_string(data_bytes) + " of " +
                    std::to_string(expected) + " voxel bytes (" + (message ? message : "zlib error") + ")");
    }
    if (n == 0) break;
    consume(buffer.data(), std::size_t(n));
  }
  if (data_bytes < expected)
    throw IoError(name + ": truncated: " + std::to_string(data_bytes) + " of " + std::to_string(expected) +
                  " voxel bytes present");
  if (non_finite)
    throw IoError(name + ": " + std::to_string(non_finite) + " non-finite voxel value(s) (NaN or infinite), the " +
                  "first at voxel index " + std::to_string(first_bad) + "; voxfeat refuses them rather than let the " +
                  "NIfTI reader turn them into 0");
}

}  // namespace voxfeat::io
