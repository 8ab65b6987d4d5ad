#include "processing/roi_box.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include <tbb/parallel_for.h>

namespace voxfeat::detail {

IndexBox bounding_box(const Volume<std::uint8_t>& mask) {
  // memchr/memrchr scan whole rows with SIMD; one box per z-slice (in parallel), then their union.
  const Index3& n = mask.size();
  const IndexBox none{{n[0], n[1], n[2]}, {0, 0, 0}};
  std::vector<IndexBox> slices(n[2], none);
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    IndexBox& box = slices[z];
    for (std::size_t y = 0; y < n[1]; ++y) {
      const std::uint8_t* row = &mask(0, y, z);
      const auto* first = static_cast<const std::uint8_t*>(std::memchr(row, 1, n[0]));
      if (!first) continue;
      const auto* last = static_cast<const std::uint8_t*>(::memrchr(row, 1, n[0]));
      const auto x0 = std::size_t(first - row), x1 = std::size_t(last - row) + 1;
      box.lo = {std::min(box.lo[0], x0), std::min(box.lo[1], y), z};
      box.hi = {std::max(box.hi[0], x1), std::max(box.hi[1], y + 1), z + 1};
    }
  });
  IndexBox box = none;
  for (const IndexBox& s : slices)
    if (!s.empty())
      for (int a = 0; a < 3; ++a) box.lo[a] = std::min(box.lo[a], s.lo[a]), box.hi[a] = std::max(box.hi[a], s.hi[a]);
  return box;
}

template <class T>
Volume<T> crop_parallel(const Volume<T>& source, const IndexBox& box) {
  Geometry g = source.geometry();
  g.origin = g.index_to_physical(double(box.lo[0]), double(box.lo[1]), double(box.lo[2]));
  g.size = box.extent();
  Volume<T> out(g);
  tbb::parallel_for(box.lo[2], box.hi[2], [&](std::size_t z) {
    T* dst = &out(0, 0, z - box.lo[2]);
    for (std::size_t y = box.lo[1]; y < box.hi[1]; ++y, dst += g.size[0])
      std::copy_n(&source(box.lo[0], y, z), g.size[0], dst);
  });
  return out;
}

template Volume<float> crop_parallel(const Volume<float>&, const IndexBox&);
template Volume<std::uint8_t> crop_parallel(const Volume<std::uint8_t>&, const IndexBox&);

}  // namespace voxfeat::detail
