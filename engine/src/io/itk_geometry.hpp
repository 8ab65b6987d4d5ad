#pragma once
// voxfeat's Geometry onto an ITK image (region, spacing, origin, direction), for the io files that hand volumes to
// ITK (writers, resampling).
#include <itkImage.h>

#include "voxfeat/volume.hpp"

namespace voxfeat::io {

template <class T>
void set_itk_geometry(itk::Image<T, 3>& image, const Geometry& g) {
  using Image = itk::Image<T, 3>;
  typename Image::RegionType region;
  typename Image::SpacingType spacing;
  typename Image::PointType origin;
  typename Image::DirectionType direction;
  for (unsigned a = 0; a < 3; ++a) {
    region.SetSize(a, g.size[a]);
    spacing[a] = g.spacing[a];
    origin[a] = g.origin[a];
    for (unsigned b = 0; b < 3; ++b) direction[a][b] = g.direction[a * 3 + b];
  }
  image.SetRegions(region);
  image.SetSpacing(spacing);
  image.SetOrigin(origin);
  image.SetDirection(direction);
}

}  // namespace voxfeat::io
