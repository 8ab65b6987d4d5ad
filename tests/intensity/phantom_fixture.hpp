#pragma once
// The IBSI 1 digital phantom (tests/data/ibsi, 5×4×4 voxels of 2 mm, 74 ROI voxels) and a RoiContext over it that
// prepares what the engine would for config "dig": no re-segmentation, fixed bin size 1 from the ROI minimum (the
// discretised levels then equal the intensities 1, 3, 4, 6). Header-only: tests/<area>/ compiles *_test.cpp only.
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "intensity/discretisation.hpp"
#include "io/image_reader.hpp"
#include "support/stored_roi_context.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::test {

/// A RoiContext over an image and intensity mask given whole (morphological mask = intensity mask), discretised
/// with a fixed bin size from the ROI minimum.
class SimpleRoiContext final : public StoredRoiContext {
 public:
  SimpleRoiContext(Volume<float> image, Volume<std::uint8_t> mask, double bin_size = 1.0)
      : StoredRoiContext(std::move(image), std::move(mask)) {
    m_discretised.levels = Volume<std::int32_t>(this->image().geometry(), 0);
    const auto sorted = sorted_roi_intensities();
    if (sorted.empty()) return;
    const double lower = sorted.front();
    const float* v = this->image().data();
    const std::uint8_t* in = intensity_mask().data();
    for (std::size_t i = 0; i < this->image().voxel_count(); ++i)
      if (in[i]) m_discretised.levels.data()[i] = kernels::discretise_fixed_bin_size(v[i], lower, bin_size);
    m_discretised.level_count = kernels::fixed_bin_size_level_count(lower, sorted.back(), bin_size);
  }
};

inline const SimpleRoiContext& digital_phantom() {
  static const SimpleRoiContext roi(io::read_image(data_dir() / "ibsi" / "phantom.nii.gz"),
                                    io::read_mask(data_dir() / "ibsi" / "mask.nii.gz", LabelSelector{}).mask);
  return roi;
}

}  // namespace voxfeat::test
