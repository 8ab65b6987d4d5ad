#include "io/image_reader.hpp"

#include <itkImageFileReader.h>  // also registers the IO factories (ITK_IO_FACTORY_REGISTER_MANAGER)
#include <itkImageIOBase.h>
#include <itkImageIOFactory.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "io/metaimage_check.hpp"
#include "io/nifti_voxels.hpp"
#include "io/voxel_sha1.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

void require_readable(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw IoError(path.string() + ": file does not exist");
  if (std::filesystem::is_directory(path, ec))
    throw IoError(path.string() + ": is a folder; DICOM series are not supported yet, give a NIfTI/NRRD/MetaImage file");
  if (!is_supported_image_path(path))
    throw IoError(path.string() + ": unsupported format (voxfeat reads .nii, .nii.gz, .nrrd, .nhdr, .mha, .mhd)");
}

/// Opens the file's ImageIO and reads its header; geometry comes from the IO so that the voxel buffer can be ours.
itk::ImageIOBase::Pointer open_image_io(const std::filesystem::path& path) {
  require_readable(path);
  itk::ImageIOBase::Pointer image_io =
      itk::ImageIOFactory::CreateImageIO(path.c_str(), itk::ImageIOFactory::IOFileModeEnum::ReadMode);
  if (!image_io) throw IoError(path.string() + ": not a readable image (unknown or corrupt header)");
  try {
    image_io->SetFileName(path.string());
    image_io->ReadImageInformation();
  } catch (const itk::ExceptionObject& e) {
    throw IoError(path.string() + ": cannot read header: " + std::string(e.GetDescription()));
  }
  const unsigned dims = image_io->GetNumberOfDimensions();
  if (dims < 2 || dims > 3)
    throw IoError(path.string() + ": has " + std::to_string(dims) + " dimensions; voxfeat reads 2D and 3D images");
  if (image_io->GetNumberOfComponents() != 1)
    throw IoError(path.string() + ": has " + std::to_string(image_io->GetNumberOfComponents()) +
                  " components per voxel; voxfeat reads scalar images");
  return image_io;
}

Geometry geometry_of(const itk::ImageIOBase& io, const std::filesystem::path& path) {
  Geometry g;
  const unsigned dims = io.GetNumberOfDimensions();
  g.direction = {0, 0, 0, 0, 0, 0, 0, 0, 0};
  for (unsigned a = 0; a < 3; ++a) {
    g.size[a] = a < dims ? io.GetDimensions(a) : 1;
    g.spacing[a] = a < dims ? io.GetSpacing(a) : 1.0;
    g.origin[a] = a < dims ? io.GetOrigin(a) : 0.0;
    for (unsigned b = 0; b < 3; ++b) {
      // Column b of the direction matrix is the IO's direction vector of axis b.
      const double identity = a == b ? 1.0 : 0.0;
      g.direction[a * 3 + b] = (a < dims && b < dims) ? io.GetDirection(b)[a] : identity;
    }
    if (!(g.spacing[a] > 0.0))
      throw IoError(path.string() + ": voxel spacing " + std::to_string(g.spacing[a]) + " along axis " +
                    std::to_string(a) + " is not positive");
  }
  return g;
}

/// Calls f(tag) with a value of the C++ type of the file's voxel component (what ImageIO::Read writes).
template <class F>
decltype(auto) with_component_type(const itk::ImageIOBase& io, const std::filesystem::path& path, F&& f) {
  using Component = itk::IOComponentEnum;
  switch (io.GetComponentType()) {
    case Component::UCHAR: return f(std::uint8_t{});
    case Component::CHAR: return f(std::int8_t{});
    case Component::USHORT: return f(std::uint16_t{});
    case Component::SHORT: return f(std::int16_t{});
    case Component::UINT: return f(std::uint32_t{});
    case Component::INT: return f(std::int32_t{});
    case Component::ULONG:
    case Component::ULONGLONG: return f(std::uint64_t{});
    case Component::LONG:
    case Component::LONGLONG: return f(std::int64_t{});
    case Component::FLOAT: return f(float{});
    case Component::DOUBLE: return f(double{});
    default: throw IoError(path.string() + ": unsupported voxel type " + io.GetComponentTypeAsString(io.GetComponentType()));
  }
}

/// Reads the voxels in the file's own type through the ImageIO (no ITK image, no pipeline) and converts them to T.
/// When the types match, ITK writes straight into the Volume's buffer; otherwise one temporary of the file's type
/// exists during the conversion. Either way peak memory is the decoded file plus one Volume<T>, not more.
template <class T>
Volume<T> read_voxels(const std::filesystem::path& path, itk::ImageIOBase::Pointer image_io, VoxelSha1* sha1) {
  Volume<T> out(geometry_of(*image_io, path));
  const unsigned dims = image_io->GetNumberOfDimensions();
  itk::ImageIORegion region(dims);
  for (unsigned a = 0; a < dims; ++a) {
    region.SetIndex(a, 0);
    region.SetSize(a, image_io->GetDimensions(a));
  }
  image_io->SetIORegion(region);
  if (is_metaimage_path(path))
    check_metaimage_voxel_data(path, std::uint64_t(out.voxel_count()) * image_io->GetComponentSize());
  with_component_type(*image_io, path, [&](auto tag) {
    using Native = decltype(tag);
    try {
      if constexpr (std::is_same_v<Native, T>) {
        image_io->Read(out.data());
        if (sha1) sha1->update(out.data(), out.voxel_count() * sizeof(T));
      } else {
        std::vector<Native> native(out.voxel_count());
        image_io->Read(native.data());
        if (sha1) sha1->update(native.data(), native.size() * sizeof(Native));
        std::transform(native.begin(), native.end(), out.data(), [](Native v) { return T(v); });
      }
    } catch (const itk::ExceptionObject& e) {
      throw IoError(path.string() + ": cannot read voxel data (corrupt or truncated file): " +
                    std::string(e.GetDescription()));
    }
  });
  return out;
}

}  // namespace

bool is_supported_image_path(const std::filesystem::path& path) {
  const std::string name = lower(path.filename().string());
  for (const char* ext : {".nii", ".nii.gz", ".nrrd", ".nhdr", ".mha", ".mhd"}) {
    const std::string e(ext);
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

Volume<float> read_image(const std::filesystem::path& path, std::string* voxel_sha1) {
  auto image_io = open_image_io(path);
  std::optional<VoxelSha1> sha1;
  if (voxel_sha1) sha1.emplace();
  if (is_nifti_path(path)) {
    Volume<float> image(geometry_of(*image_io, path));
    // Refuses NaN/Inf and short data itself.
    decode_nifti_voxels(path, image.voxel_count(), image.data(), sha1 ? &*sha1 : nullptr);
    if (voxel_sha1) *voxel_sha1 = sha1->hex();
    return image;
  }
  Volume<float> image = read_voxels<float>(path, image_io, sha1 ? &*sha1 : nullptr);
  if (voxel_sha1) *voxel_sha1 = sha1->hex();
  const float* v = image.data();
  for (std::size_t i = 0; i < image.voxel_count(); ++i)
    if (!std::isfinite(v[i]))
      throw IoError(path.string() + ": non-finite voxel value (" + std::to_string(v[i]) + ") at voxel index " +
                    std::to_string(i));
  return image;
}

StoredPixelType read_stored_pixel_type(const std::filesystem::path& path) {
  auto image_io = open_image_io(path);
  return with_component_type(*image_io, path, [](auto tag) {
    using Native = decltype(tag);
    StoredPixelType t;
    t.integer = std::is_integral_v<Native>;
    t.bytes = sizeof(Native);
    t.name = std::string(t.integer ? (std::is_signed_v<Native> ? "int" : "uint") : "float") +
             std::to_string(8 * sizeof(Native));
    if (t.integer) {
      t.min = double(std::numeric_limits<Native>::lowest());
      t.max = double(std::numeric_limits<Native>::max());
    }
    return t;
  });
}

MaskReadResult read_mask(const std::filesystem::path& path, const LabelSelector& label, bool hash_voxels) {
  auto image_io = open_image_io(path);
  std::optional<VoxelSha1> sha1;
  if (hash_voxels) sha1.emplace();
  std::set<long long> present;
  // Runs of one value are the rule in masks: the label test and the set of labels are redone only when it changes.
  double last_value = 0.0;
  bool last_in = label.matches(0.0);
  const auto select = [&](MaskReadResult& result, std::size_t i, double value) {
    if (value != last_value) {
      if (!std::isfinite(value))
        throw IoError(path.string() + ": mask holds a non-finite value at voxel index " + std::to_string(i));
      last_value = value;
      last_in = label.matches(value);
      const auto rounded = (long long)std::nearbyint(value);
      if (rounded != 0 && present.size() < 64) present.insert(rounded);
    }
    result.mask.data()[i] = last_in ? 1 : 0;
    result.selected_voxels += last_in ? 1 : 0;
  };
  if (is_nifti_path(path)) {
    MaskReadResult result;
    result.mask = Volume<std::uint8_t>(geometry_of(*image_io, path));
    decode_nifti_voxels(
        path, result.mask.voxel_count(),
        [&](std::uint64_t first, std::span<const double> values) {
          for (std::size_t k = 0; k < values.size(); ++k) select(result, std::size_t(first) + k, values[k]);
        },
        sha1 ? &*sha1 : nullptr);
    result.labels_present.assign(present.begin(), present.end());
    if (sha1) result.voxel_sha1 = sha1->hex();
    return result;
  }
  // Read in the file's own type (it holds every label exactly), then reduce to the selection.
  return with_component_type(*image_io, path, [&](auto tag) {
    using Native = decltype(tag);
    const Volume<Native> raw = read_voxels<Native>(path, image_io, sha1 ? &*sha1 : nullptr);
    MaskReadResult result;
    result.mask = Volume<std::uint8_t>(raw.geometry());
    const Native* v = raw.data();
    for (std::size_t i = 0; i < raw.voxel_count(); ++i) select(result, i, double(v[i]));
    result.labels_present.assign(present.begin(), present.end());
    if (sha1) result.voxel_sha1 = sha1->hex();
    return result;
  });
}

}  // namespace voxfeat::io
