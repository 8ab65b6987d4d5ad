#include "io/image_reader.hpp"

#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkImageIOBase.h>
#include <itkImageIOFactory.h>

#include <algorithm>
#include <set>
#include <string>

#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

using ItkImage3 = itk::Image<float, 3>;

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

/// Reads any supported file into a 3D float ITK image; 2D files become one-slice volumes.
Volume<float> read_as_float_volume(const std::filesystem::path& path) {
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

  auto reader = itk::ImageFileReader<ItkImage3>::New();
  reader->SetFileName(path.string());
  reader->SetImageIO(image_io);
  try {
    reader->Update();
  } catch (const itk::ExceptionObject& e) {
    throw IoError(path.string() + ": cannot read voxel data (corrupt or truncated file): " +
                  std::string(e.GetDescription()));
  }
  ItkImage3::Pointer image = reader->GetOutput();
  const auto region = image->GetLargestPossibleRegion();
  Geometry g;
  for (unsigned a = 0; a < 3; ++a) {
    g.size[a] = region.GetSize()[a];
    g.spacing[a] = image->GetSpacing()[a];
    g.origin[a] = image->GetOrigin()[a];
    for (unsigned b = 0; b < 3; ++b) g.direction[a * 3 + b] = image->GetDirection()[a][b];
  }
  for (unsigned a = 0; a < 3; ++a)
    if (!(g.spacing[a] > 0.0))
      throw IoError(path.string() + ": voxel spacing " + std::to_string(g.spacing[a]) + " along axis " +
                    std::to_string(a) + " is not positive");
  Volume<float> out(g);
  const float* src = image->GetBufferPointer();
  std::copy(src, src + g.voxel_count(), out.data());
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

Volume<float> read_image(const std::filesystem::path& path) { return read_as_float_volume(path); }

MaskReadResult read_mask(const std::filesystem::path& path, const LabelSelector& label) {
  // float holds every integer label up to 2^24 exactly, more than label images use.
  const Volume<float> raw = read_as_float_volume(path);
  MaskReadResult result;
  result.mask = Volume<std::uint8_t>(raw.geometry());
  std::set<long long> present;
  const float* src = raw.data();
  std::uint8_t* dst = result.mask.data();
  for (std::size_t i = 0; i < raw.voxel_count(); ++i) {
    const double v = src[i];
    if (!std::isfinite(v))
      throw IoError(path.string() + ": mask holds a non-finite value at voxel index " + std::to_string(i));
    const bool in = label.matches(v);
    dst[i] = in ? 1 : 0;
    result.selected_voxels += in ? 1 : 0;
    const long long rounded = (long long)std::nearbyint(v);
    if (rounded != 0 && present.size() < 64) present.insert(rounded);
  }
  result.labels_present.assign(present.begin(), present.end());
  return result;
}

}  // namespace voxfeat::io
