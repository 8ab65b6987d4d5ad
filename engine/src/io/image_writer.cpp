#include <itkImage.h>
#include <itkImageFileWriter.h>

#include <algorithm>

#include "io/image_reader.hpp"
#include "io/itk_geometry.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

template <class T>
void write_itk(const std::filesystem::path& path, const Volume<T>& volume) {
  using ItkImage = itk::Image<T, 3>;
  auto image = ItkImage::New();
  set_itk_geometry(*image, volume.geometry());
  image->Allocate();
  std::copy(volume.data(), volume.data() + volume.voxel_count(), image->GetBufferPointer());
  auto writer = itk::ImageFileWriter<ItkImage>::New();
  writer->SetFileName(path.string());
  writer->SetInput(image);
  writer->SetUseCompression(true);
  try {
    writer->Update();
  } catch (const itk::ExceptionObject& e) {
    throw IoError(path.string() + ": cannot write image: " + std::string(e.GetDescription()));
  }
}

}  // namespace

void write_image(const std::filesystem::path& path, const Volume<float>& image) { write_itk(path, image); }
void write_image(const std::filesystem::path& path, const Volume<std::int16_t>& image) { write_itk(path, image); }
void write_mask(const std::filesystem::path& path, const Volume<std::uint8_t>& mask) { write_itk(path, mask); }

}  // namespace voxfeat::io
