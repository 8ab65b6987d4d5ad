#include "io/itk_resample.hpp"

#include <itkBSplineInterpolateImageFunction.h>
#include <itkIdentityTransform.h>
#include <itkImage.h>
#include <itkLinearInterpolateImageFunction.h>
#include <itkNearestNeighborInterpolateImageFunction.h>
#include <itkResampleImageFilter.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "io/itk_geometry.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

template <class T>
using ItkImage = itk::Image<T, 3>;

/// An ITK image over the volume's own buffer (no copy; ITK's filters only read their input).
template <class T>
typename ItkImage<T>::Pointer itk_view(const Volume<T>& volume) {
  auto image = ItkImage<T>::New();
  set_itk_geometry(*image, volume.geometry());
  image->GetPixelContainer()->SetImportPointer(const_cast<T*>(volume.data()), volume.voxel_count(), false);
  return image;
}

/// The resampled values in double, as ITK's filter computes them before any cast to the output type.
template <class T, class Interpolator>
std::vector<double> resample(const Volume<T>& source, const Geometry& target,
                             typename Interpolator::Pointer interpolator, const char* what) {
  using Filter = itk::ResampleImageFilter<ItkImage<T>, ItkImage<double>, double, double>;
  auto filter = Filter::New();
  filter->SetInput(itk_view(source));
  filter->SetTransform(itk::IdentityTransform<double, 3>::New());
  filter->SetInterpolator(interpolator);
  filter->SetDefaultPixelValue(0);
  auto reference = ItkImage<double>::New();  // the output grid; never allocated
  set_itk_geometry(*reference, target);
  filter->SetOutputParametersFromImage(reference);
  try {
    filter->Update();
  } catch (const itk::ExceptionObject& e) {
    throw Error(std::string("resampling ") + what + " failed: " + e.GetDescription());
  }
  const double* out = filter->GetOutput()->GetBufferPointer();
  return {out, out + target.voxel_count()};
}

}  // namespace

Volume<float> resample_with_itk(const Volume<float>& image, const Geometry& target, ItkInterpolator how,
                                std::optional<std::pair<double, double>> integer_range) {
  using Source = ItkImage<float>;
  std::vector<double> values;
  switch (how) {
    case ItkInterpolator::nearest:
      values = resample<float, itk::NearestNeighborInterpolateImageFunction<Source, double>>(
          image, target, itk::NearestNeighborInterpolateImageFunction<Source, double>::New(), "the image");
      break;
    case ItkInterpolator::linear:
      values = resample<float, itk::LinearInterpolateImageFunction<Source, double>>(
          image, target, itk::LinearInterpolateImageFunction<Source, double>::New(), "the image");
      break;
    case ItkInterpolator::bspline:
      // SimpleITK's sitkBSpline: cubic B-spline, coefficients in double.
      values = resample<float, itk::BSplineInterpolateImageFunction<Source, double, double>>(
          image, target, itk::BSplineInterpolateImageFunction<Source, double, double>::New(), "the image");
      break;
  }
  // ITK's ResampleImageFilter into an integer type: clamp, then static_cast (truncation toward zero).
  if (integer_range)
    for (double& v : values) v = std::trunc(std::clamp(v, integer_range->first, integer_range->second));
  Volume<float> out(target);
  std::transform(values.begin(), values.end(), out.data(), [](double v) { return float(v); });
  return out;
}

Volume<std::uint8_t> resample_mask_with_itk(const Volume<std::uint8_t>& mask, const Geometry& target) {
  using Source = ItkImage<std::uint8_t>;
  const auto values = resample<std::uint8_t, itk::NearestNeighborInterpolateImageFunction<Source, double>>(
      mask, target, itk::NearestNeighborInterpolateImageFunction<Source, double>::New(), "the mask");
  Volume<std::uint8_t> out(target);
  std::transform(values.begin(), values.end(), out.data(), [](double v) { return std::uint8_t(v); });
  return out;
}

}  // namespace voxfeat::io
