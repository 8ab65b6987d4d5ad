#pragma once
// The one bridge from the engine's Volume to a kernel's plain view.
#include "common/views.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::plugins {

template <class T>
kernels::View3<T> view_of(const Volume<T>& v) {
  const Geometry& g = v.geometry();
  return {v.data(), {g.size[0], g.size[1], g.size[2]}, {g.spacing[0], g.spacing[1], g.spacing[2]}};
}

}  // namespace voxfeat::plugins
