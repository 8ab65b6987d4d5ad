#include "io/image_reader.hpp"

#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkImageIOBase.h>
#include <itkImageIOFactory.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "io/nifti_check.hpp"
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

/// Reads the voxels as T straight into a Volume<T>'s buffer (ITK converts from the file's pixel type), so the
/// decoded volume exists once in memory rather than twice.
template <class T>
Volume<T> read_voxels(const std::filesystem::path& path, itk::ImageIOBase::Pointer image_io) {
  using ItkImage = itk::Image<T, 3>;
  Volume<T> out(geometry_of(*image_io, path));
  auto reader = itk::ImageFileReader<ItkImage>::New();
  reader->SetFileName(path.string());
  reader->SetImageIO(image_io);
  // The output adopts our buffer; ITK's Allocate keeps an imported buffer that is large enough.
  reader->GetOutput()->GetPixelContainer()->SetImportPointer(out.data(), out.voxel_count(), false);
  try {
    reader->Update();
  } catch (const itk::ExceptionObject& e) {
    throw IoError(path.string() + ": cannot read voxel data (corrupt or truncated file): " +
                  std::string(e.GetDescription()));
  }
  const typename ItkImage::Pointer image = reader->GetOutput();
  const auto region = image->GetBufferedRegion();
  for (unsigned a = 0; a < 3; ++a)
    if (region.GetSize()[a] != out.size()[a])
      throw IoError(path.string() + ": voxel data does not match the header's size");
  if (image->GetBufferPointer() != out.data())  // ITK chose its own buffer after all: copy once
    std::copy(image->GetBufferPointer(), image->GetBufferPointer() + out.voxel_count(), out.data());
  return out;
}

/// Applies `visit(value)` to a mask read in a pixel type that holds the file's labels exactly.
template <class Visit>
Geometry visit_mask_voxels(const std::filesystem::path& path, Visit&& visit) {
  auto image_io = open_image_io(path);
  if (is_nifti_path(path)) check_nifti_voxel_data(path);
  const auto dispatch = [&](auto tag) {
    using T = decltype(tag);
    const Volume<T> raw = read_voxels<T>(path, image_io);
    const T* v = raw.data();
    for (std::size_t i = 0; i < raw.voxel_count(); ++i) visit(i, double(v[i]));
    return raw.geometry();
  };
  using Component = itk::IOComponentEnum;
  switch (image_io->GetComponentType()) {
    case Component::UCHAR: return dispatch(std::uint8_t{});
    case Component::CHAR: return dispatch(std::int8_t{});
    case Component::USHORT: return dispatch(std::uint16_t{});
    case Component::SHORT: return dispatch(std::int16_t{});
    case Component::UINT: return dispatch(std::uint32_t{});
    case Component::INT: return dispatch(std::int32_t{});
    default: return dispatch(double{});  // float, double and 64-bit labels
  }
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

Volume<float> read_image(const std::filesystem::path& path) {
  auto image_io = open_image_io(path);
  if (is_nifti_path(path)) check_nifti_voxel_data(path);
  Volume<float> image = read_voxels<float>(path, image_io);
  const float* v = image.data();
  for (std::size_t i = 0; i < image.voxel_count(); ++i)
    if (!std::isfinite(v[i]))
      throw IoError(path.string() + ": non-finite voxel value (" + std::to_string(v[i]) + ") at voxel index " +
                    std::to_string(i));
  return image;
}

MaskReadResult read_mask(const std::filesystem::path& path, const LabelSelector& label) {
  MaskReadResult result;
  std::vector<std::uint8_t> selected;
  std::set<long long> present;
  const Geometry g = visit_mask_voxels(path, [&](std::size_t i, double v) {
    if (selected.empty()) selected.reserve(1 << 20);
    if (!std::isfinite(v))
      throw IoError(path.string() + ": mask holds a non-finite value at voxel index " + std::to_string(i));
    const bool in = label.matches(v);
    selected.push_back(in ? 1 : 0);
    result.selected_voxels += in ? 1 : 0;
    const auto rounded = (long long)std::nearbyint(v);
    if (rounded != 0 && present.size() < 64) present.insert(rounded);
  });
  result.mask = Volume<std::uint8_t>(g);
  std::copy(selected.begin(), selected.end(), result.mask.data());
  result.labels_present.assign(present.begin(), present.end());
  return result;
}

}  // namespace voxfeat::io
