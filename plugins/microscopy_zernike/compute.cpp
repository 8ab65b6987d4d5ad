#include "microscopy_zernike/compute.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "microscopy/zernike.hpp"
#include "support/object_measurements.hpp"
#include "voxfeat/error.hpp"

#if VOXFEAT_HAVE_CUDA
#include "microscopy_moments.hpp"  // cuda/
#endif

namespace voxfeat::plugins::microscopy_zernike {
namespace {

namespace mk = kernels::microscopy;

constexpr int kOrder = 9;  // the columns are fixed by the descriptor: 30 magnitudes per weighting
constexpr std::size_t kPairs = std::size_t(mk::zernike_pair_count(kOrder));

mk::ZernikeOptions options_of(const ParamValues& params) {
  mk::ZernikeOptions o;
  o.max_order = kOrder;
  const std::string& radius = params.text("radius");
  o.radius = radius == "bounding_box_side" ? mk::ZernikeRadius::bounding_box_side : mk::ZernikeRadius::largest_distance;
  return o;
}

}  // namespace

std::vector<OutputSpec> outputs() {
  std::vector<OutputSpec> out;
  for (const bool weighted : {false, true}) {
    for (int k = 0; k < int(kPairs); ++k) {
      const mk::ZernikePair p = mk::zernike_pair(k);
      const std::string nm = std::to_string(p.n) + ", " + std::to_string(p.m);
      // Columns zernike_<n>_<m> and zernike_weighted_<n>_<m> (docs/microscopy-features.md).
      out.push_back({(weighted ? "weighted_" : "") + std::to_string(p.n) + "_" + std::to_string(p.m),
                     "1", "",
                     std::string("|A_") + std::to_string(p.n) + std::to_string(p.m) +
                         "|: Zernike moment magnitude (n, m = " +
                         nm + ") of the " + (weighted ? "intensity-weighted object" : "object's shape") +
                         " (mahotas' definition).",
                     ""});
    }
  }
  return out;
}

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  const mk::ZernikeOptions options = options_of(params);
  const mk::ObjectTable& table = objects.objects();
  const mk::PlaneView<float> intensity = objects.intensities();
  const std::size_t width = 2 * kPairs;
  tbb::parallel_for(std::size_t(0), table.objects.size(), [&](std::size_t i) {
    const mk::ObjectInfo& o = table.objects[i];
    const auto shape = mk::shape_zernike(o.bbox, table.runs_of(i), options);
    const auto weighted = mk::intensity_zernike(o.bbox, table.runs_of(i), intensity, options);
    std::copy(shape.magnitude.begin(), shape.magnitude.end(), out.begin() + std::ptrdiff_t(i * width));
    std::copy(weighted.magnitude.begin(), weighted.magnitude.end(),
              out.begin() + std::ptrdiff_t(i * width + kPairs));
  });
}

#if VOXFEAT_HAVE_CUDA
void compute_objects_cuda(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  const mk::ZernikeOptions options = options_of(params);
  const mk::ObjectTable& table = objects.objects();
  try {
    cuda::check_microscopy_moments(table, objects.intensities(), options);
  } catch (const std::invalid_argument&) {  // refused before any CUDA call (e.g. a huge object): the CPU computes
    compute_objects(objects, params, out);
    return;
  }
  VOXFEAT_CUDA_CHECK(cudaSetDevice(objects.execution().device));
  const cuda::TableMoments m = cuda::microscopy_moments(table, objects.intensities(), options,
                                                        static_cast<cudaStream_t>(objects.execution().stream));
  const std::size_t width = 2 * kPairs;
  for (std::size_t i = 0; i < table.objects.size(); ++i) {
    const auto shape = m.shape_zernike_of(i), weighted = m.intensity_zernike_of(i);
    std::copy(shape.begin(), shape.end(), out.begin() + std::ptrdiff_t(i * width));
    std::copy(weighted.begin(), weighted.end(), out.begin() + std::ptrdiff_t(i * width + kPairs));
  }
}
#endif

}  // namespace voxfeat::plugins::microscopy_zernike
