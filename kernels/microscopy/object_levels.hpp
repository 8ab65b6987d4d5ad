#pragma once
// The grey levels of one object, as the radiomics texture kernels read them: a 1-slice level volume over the
// object's bounding box (x = column, y = row), 0 outside the object, so that pixels of other objects inside the box
// never count. Levels come from IBSI's discretisation formulas (kernels::discretise), with the grey scale chosen
// per object (a fixed bin number over the object's own min..max: texture independent of the object's brightness)
// or per image (one scale for every object: comparable levels across objects).
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "intensity/histogram_ref.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"

namespace voxfeat::kernels::microscopy {

struct ObjectQuantisation {
  enum class Scope { per_object, per_image };
  Scope scope = Scope::per_object;
  int bin_number = 32;             ///< per_object: Ng of the fixed bin number over the object's min..max
  DiscretisationSpec image_spec;   ///< per_image: the image's scale (image_fixed_bin_number / image_fixed_bin_size)

  static ObjectQuantisation per_object(int bin_number) { return {Scope::per_object, bin_number, {}}; }
  static ObjectQuantisation per_image(const DiscretisationSpec& spec) { return {Scope::per_image, 0, spec}; }
};

/// An object's level volume (extent: bbox columns, bbox rows, 1) and Ng, the texture matrices' level count.
/// `levels` points into the caller's buffer: valid until the buffer is refilled.
struct ObjectLevels {
  View3<std::int32_t> levels;
  int level_count = 0;
};

/// Discretises the object's pixels into `buffer` (reused between objects). Throws std::invalid_argument for a
/// non-finite pixel (named), an invalid spec, or a per-image fixed bin size whose x_max lies below one of the
/// object's pixels (its level would exceed Ng).
ObjectLevels object_levels(const ObjectInfo& object, std::span<const RowRun> runs, const PlaneView<float>& intensity,
                           const ObjectQuantisation& quantisation, std::vector<std::int32_t>& buffer);

/// Per-image fixed bin number: Ng bins over the range of every object's pixels (background excluded).
/// Throws std::invalid_argument for a table without objects or a non-finite object pixel.
DiscretisationSpec image_fixed_bin_number(const ObjectTable& table, const PlaneView<float>& intensity, int bin_number);

/// Per-image fixed bin size: bins of `bin_width` from `lower_bound` (the objects' minimum when none), up to the
/// objects' maximum; the engine's rule for an ROI (IBSI 2.7), with every object's pixels as the ROI.
DiscretisationSpec image_fixed_bin_size(const ObjectTable& table, const PlaneView<float>& intensity, double bin_width,
                                        std::optional<double> lower_bound = std::nullopt);

}  // namespace voxfeat::kernels::microscopy
