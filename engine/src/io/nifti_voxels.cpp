#include "io/nifti_voxels.hpp"

#include <zlib.h>

#include <algorithm>
#include <cmath>
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
  int datatype = 0;
  int bytes_per_voxel = 0;
  bool swap = false;
  double slope = 1.0, intercept = 0.0;
  bool scaled = false;
};

/// Reads what decoding needs from a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header, either byte order.
NiftiLayout parse_header(const unsigned char* h, int got, const std::string& name) {
  if (got < 348) throw IoError(name + ": NIfTI header is truncated (" + std::to_string(got) + " bytes)");
  NiftiLayout layout;
  const auto size1 = load<std::int32_t>(h, false);
  const auto size1_swapped = load<std::int32_t>(h, true);
  if (size1 == 348 || size1_swapped == 348) {
    layout.swap = size1 != 348;
    const int ndim = load<std::int16_t>(h + 40, layout.swap);
    if (ndim < 1 || ndim > 7) throw IoError(name + ": NIfTI header has " + std::to_string(ndim) + " dimensions");
    for (int d = 1; d <= ndim; ++d)
      layout.voxel_count *= std::uint64_t(std::max<std::int16_t>(1, load<std::int16_t>(h + 40 + 2 * d, layout.swap)));
    layout.datatype = load<std::int16_t>(h + 70, layout.swap);
    layout.bytes_per_voxel = load<std::int16_t>(h + 72, layout.swap) / 8;
    layout.voxel_offset = std::uint64_t(std::max(352.0f, load<float>(h + 108, layout.swap)));
    layout.slope = load<float>(h + 112, layout.swap);
    layout.intercept = load<float>(h + 116, layout.swap);
  } else if (size1 == 540 || size1_swapped == 540) {
    if (got < 540) throw IoError(name + ": NIfTI-2 header is truncated");
    layout.swap = size1 != 540;
    layout.datatype = load<std::int16_t>(h + 12, layout.swap);
    layout.bytes_per_voxel = load<std::int16_t>(h + 14, layout.swap) / 8;
    const auto ndim = load<std::int64_t>(h + 16, layout.swap);
    if (ndim < 1 || ndim > 7) throw IoError(name + ": NIfTI header has " + std::to_string(ndim) + " dimensions");
    for (int d = 1; d <= ndim; ++d)
      layout.voxel_count *= std::uint64_t(std::max<std::int64_t>(1, load<std::int64_t>(h + 16 + 8 * d, layout.swap)));
    layout.voxel_offset = std::uint64_t(std::max<std::int64_t>(544, load<std::int64_t>(h + 168, layout.swap)));
    layout.slope = load<double>(h + 176, layout.swap);
    layout.intercept = load<double>(h + 184, layout.swap);
  } else {
    throw IoError(name + ": not a NIfTI file (bad header size field)");
  }
  // NIfTI: scl_slope 0 (or not finite) means "no scaling"; ITK applies it otherwise.
  layout.scaled = std::isfinite(layout.slope) && std::isfinite(layout.intercept) && layout.slope != 0.0 &&
                  !(layout.slope == 1.0 && layout.intercept == 0.0);
  return layout;
}

/// Converts `count` voxels of `l.datatype` at `p` to double: one switch per chunk, a tight loop per type.
void convert_voxels(const unsigned char* p, std::size_t count, const NiftiLayout& l, double* out) {
  const auto as = [&](auto tag) {
    using T = decltype(tag);
    for (std::size_t i = 0; i < count; ++i) out[i] = double(load<T>(p + i * sizeof(T), l.swap));
  };
  switch (l.datatype) {
    case 2: as(std::uint8_t{}); break;
    case 256: as(std::int8_t{}); break;
    case 4: as(std::int16_t{}); break;
    case 512: as(std::uint16_t{}); break;
    case 8: as(std::int32_t{}); break;
    case 768: as(std::uint32_t{}); break;
    case 1024: as(std::int64_t{}); break;
    case 1280: as(std::uint64_t{}); break;
    case 16: as(float{}); break;
    case 64: as(double{}); break;
    default: std::fill(out, out + count, 0.0);
  }
}

bool supported_datatype(int datatype) {
  for (int t : {2, 256, 4, 512, 8, 768, 1024, 1280, 16, 64})
    if (t == datatype) return true;
  return false;
}

/// Feeds `sha1` the chunk as ITK would hold it (see decode_nifti_voxels).
void hash_chunk(VoxelSha1& sha1, const unsigned char* p, std::size_t count, const NiftiLayout& l,
                std::span<const double> values) {
  const auto bytes = std::size_t(l.bytes_per_voxel);
  if (l.scaled) {
    std::vector<float> rescaled(values.begin(), values.end());
    sha1.update(rescaled.data(), rescaled.size() * sizeof(float));
  } else if (l.swap) {
    std::vector<unsigned char> swapped(p, p + count * bytes);
    for (std::size_t v = 0; v < count; ++v) std::reverse(swapped.begin() + std::ptrdiff_t(v * bytes),
                                                         swapped.begin() + std::ptrdiff_t((v + 1) * bytes));
    sha1.update(swapped.data(), swapped.size());
  } else {
    sha1.update(p, count * bytes);
  }
}

template <class Visit>
void decode(const std::filesystem::path& path, std::uint64_t expected_voxels, Visit&& visit, VoxelSha1* sha1) {
  const std::string name = path.string();
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(name.c_str(), "rb"));  // reads plain files too
  if (!file) throw IoError(name + ": cannot open for reading");
  gzbuffer(file.get(), 1 << 18);
  unsigned char header[544];
  const int got = gzread(file.get(), header, sizeof header);
  if (got < 0) throw IoError(name + ": not a readable gzip/NIfTI stream");
  const NiftiLayout layout = parse_header(header, got, name);
  if (!supported_datatype(layout.datatype))
    throw IoError(name + ": NIfTI datatype " + std::to_string(layout.datatype) +
                  " is not a real scalar type (complex and RGB images are not supported)");
  if (layout.voxel_count != expected_voxels)
    throw IoError(name + ": the header describes " + std::to_string(layout.voxel_count) + " voxels, " +
                  std::to_string(expected_voxels) + " expected (more than one volume or component?)");
  const auto bytes = std::size_t(layout.bytes_per_voxel);
  const bool is_float = layout.datatype == 16 || layout.datatype == 64;

  // Bytes of the header read that already lie past voxel_offset are voxel data.
  std::vector<unsigned char> pending;
  std::uint64_t position = std::uint64_t(got);
  if (position > layout.voxel_offset) pending.assign(header + layout.voxel_offset, header + position);
  std::vector<unsigned char> buffer(1 << 20);
  while (position < layout.voxel_offset) {
    const auto want = unsigned(std::min<std::uint64_t>(buffer.size(), layout.voxel_offset - position));
    const int n = gzread(file.get(), buffer.data(), want);
    if (n <= 0) throw IoError(name + ": NIfTI file ends before its voxel data");
    position += std::uint64_t(n);
  }

  std::uint64_t voxel = 0, non_finite = 0, first_bad = 0;
  std::vector<double> values(buffer.size() / std::max<std::size_t>(bytes, 1) + 1);
  const auto consume = [&](const unsigned char* p, std::size_t n) {
    const auto count = std::size_t(std::min<std::uint64_t>(n / bytes, expected_voxels - voxel));
    convert_voxels(p, count, layout, values.data());
    if (is_float)
      for (std::size_t i = 0; i < count; ++i)
        if (!std::isfinite(values[i])) {
          if (!non_finite) first_bad = voxel + i;
          ++non_finite;
        }
    if (layout.scaled)
      for (std::size_t i = 0; i < count; ++i) values[i] = values[i] * layout.slope + layout.intercept;
    if (sha1) hash_chunk(*sha1, p, count, layout, std::span<const double>(values.data(), count));
    visit(voxel, std::span<const double>(values.data(), count));
    voxel += count;
    return count * bytes;  // bytes used; a partial voxel stays for the next read
  };
  pending.erase(pending.begin(), pending.begin() + std::ptrdiff_t(consume(pending.data(), pending.size())));
  while (voxel < expected_voxels) {
    const std::size_t keep = pending.size();
    std::copy(pending.begin(), pending.end(), buffer.begin());
    const int n = gzread(file.get(), buffer.data() + keep, unsigned(buffer.size() - keep));
    if (n < 0) {
      int code = 0;
      const char* message = gzerror(file.get(), &code);
      throw IoError(name + ": corrupt or truncated compressed data after " + std::to_string(voxel) + " of " +
                    std::to_string(expected_voxels) + " voxels (" + (message ? message : "zlib error") + ")");
    }
    if (n == 0) break;
    const std::size_t available = keep + std::size_t(n);
    const std::size_t used = consume(buffer.data(), available);
    pending.assign(buffer.begin() + std::ptrdiff_t(used), buffer.begin() + std::ptrdiff_t(available));
  }
  if (voxel < expected_voxels)
    throw IoError(name + ": truncated: " + std::to_string(voxel * bytes) + " of " +
                  std::to_string(expected_voxels * bytes) + " voxel bytes present");
  if (non_finite)
    throw IoError(name + ": " + std::to_string(non_finite) + " non-finite voxel value(s) (NaN or infinite), the " +
                  "first at voxel index " + std::to_string(first_bad));
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

void decode_nifti_voxels(const std::filesystem::path& path, std::uint64_t expected_voxels,
                         const std::function<void(std::uint64_t, std::span<const double>)>& visit,
                         VoxelSha1* sha1) {
  decode(path, expected_voxels, visit, sha1);
}

void decode_nifti_voxels(const std::filesystem::path& path, std::uint64_t expected_voxels, float* out,
                         VoxelSha1* sha1) {
  decode(
      path, expected_voxels,
      [out](std::uint64_t first, std::span<const double> values) {
        std::transform(values.begin(), values.end(), out + first, [](double v) { return float(v); });
      },
      sha1);
}

}  // namespace voxfeat::io
