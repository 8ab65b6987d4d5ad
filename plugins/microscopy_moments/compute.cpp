#include "microscopy_moments/compute.hpp"

#include <string>

#include "support/object_measurements.hpp"

#if VOXFEAT_HAVE_CUDA
#include "microscopy_moments.hpp"  // cuda/
#endif

namespace voxfeat::plugins::microscopy_moments {
namespace {

using kernels::microscopy::ObjectMoments;

std::string power_unit(const char* base, int power) {
  if (power == 0) return base[0] == '\0' ? "1" : base;
  const std::string px = power == 1 ? "px" : "px^" + std::to_string(power);
  return base[0] == '\0' ? px : std::string(base) + " " + px;
}

/// One set of moment outputs: `prefix` m/wm, `skimage` moments/moments_weighted, `weight` "" or "intensity".
void add_set(std::vector<OutputSpec>& out, const std::string& prefix, const std::string& skimage, const char* weight,
             const std::string& what) {
  const auto name = [](const std::string& p, int i, int j) {
    return p + "_" + std::to_string(i) + "_" + std::to_string(j);
  };
  const auto sk = [](const std::string& p, int i, int j) {
    return p + "-" + std::to_string(i) + "-" + std::to_string(j);
  };
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      out.push_back({name(prefix, i, j), power_unit(weight, i + j), "",
                     "Raw " + what + "moment Σ r^" + std::to_string(i) + " c^" + std::to_string(j) +
                         " over the bounding-box crop (local coordinates).",
                     sk(skimage, i, j)});
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      out.push_back({name(prefix + "u", i, j), power_unit(weight, i + j), "",
                     "Central " + what + "moment about the centroid.", sk(skimage + "_central", i, j)});
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      out.push_back({name(prefix + "n", i, j), "1", "",
                     "Normalised " + what + "moment μ_ij / μ_00^((i+j)/2+1); NaN for i + j < 2.",
                     sk(skimage + "_normalized", i, j)});
  for (int k = 0; k < 7; ++k)
    out.push_back({prefix + "_hu_" + std::to_string(k + 1), "1", "",
                   "Hu's invariant " + std::to_string(k + 1) + " of the " + what + "normalised moments.",
                   skimage + "_hu-" + std::to_string(k)});
}

void write_set(const ObjectMoments& m, double*& v) {
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) *v++ = m.raw.v[i][j];
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) *v++ = m.central.v[i][j];
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) *v++ = m.normalised.v[i][j];
  for (int k = 0; k < 7; ++k) *v++ = m.hu[std::size_t(k)];
}

/// One object's row from its moments: the shape's, the intensity-weighted ones, and its bounding box.
void write_row(const ObjectMoments& shape, const ObjectMoments& weighted, const kernels::microscopy::BoundingBox& bbox,
               std::span<double> row) {
  double* v = row.data();
  write_set(shape, v);
  *v++ = shape.centroid_row;
  *v++ = shape.centroid_col;
  write_set(weighted, v);
  *v++ = weighted.centroid_row + bbox.row_begin;
  *v++ = weighted.centroid_col + bbox.col_begin;
  *v++ = weighted.centroid_row;
  *v++ = weighted.centroid_col;
}

}  // namespace

std::vector<OutputSpec> outputs() {
  std::vector<OutputSpec> out;
  add_set(out, "m", "moments", "", "");
  out.push_back({"centroid_local_row", "px", "", "Centroid row in the bounding-box crop.", "centroid_local-0"});
  out.push_back({"centroid_local_col", "px", "", "Centroid column in the bounding-box crop.", "centroid_local-1"});
  add_set(out, "wm", "moments_weighted", "intensity", "intensity-weighted ");
  out.push_back({"weighted_centroid_row", "px", "", "Intensity-weighted centroid row.", "centroid_weighted-0"});
  out.push_back({"weighted_centroid_col", "px", "", "Intensity-weighted centroid column.", "centroid_weighted-1"});
  out.push_back({"weighted_centroid_local_row", "px", "", "Intensity-weighted centroid row in the crop.",
                 "centroid_weighted_local-0"});
  out.push_back({"weighted_centroid_local_col", "px", "", "Intensity-weighted centroid column in the crop.",
                 "centroid_weighted_local-1"});
  return out;
}

void compute_objects(const ObjectContext& objects, const ParamValues& /*params*/, std::span<double> out) {
  const auto measured = object_measurements(objects);
  const std::size_t n = measured->size(), count = outputs().size();
  fill_rows(n, count, out, [&](std::size_t i, std::span<double> row) {
    const auto& m = (*measured)[i];
    write_row(m.moments, m.weighted_moments, m.shape.bbox, row);
  });
}

#if VOXFEAT_HAVE_CUDA
void compute_objects_cuda(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  namespace mk = kernels::microscopy;
  const mk::ObjectTable& table = objects.objects();
  mk::ZernikeOptions zernike;
  zernike.max_order = 0;  // the moments only: one Zernike pair, the least the kernel computes
  try {
    cuda::check_microscopy_moments(table, objects.intensities(), zernike);
  } catch (const std::invalid_argument&) {  // refused before any CUDA call (a huge bounding box): the CPU
    compute_objects(objects, params, out);
    return;
  }
  VOXFEAT_CUDA_CHECK(cudaSetDevice(objects.execution().device));
  const cuda::TableMoments m = cuda::microscopy_moments(table, objects.intensities(), zernike,
                                                        static_cast<cudaStream_t>(objects.execution().stream));
  const std::size_t count = outputs().size();
  fill_rows(table.objects.size(), count, out, [&](std::size_t i, std::span<double> row) {
    write_row(m.shape[i], m.intensity[i], table.objects[i].bbox, row);
  });
}
#endif


}  // namespace voxfeat::plugins::microscopy_moments
