// Built-in family "microscopy_glcm": the radiomics GLCM family (IBSI LFYI) on each object of a 2D label image, one
// row per object: the same matrices and formulas (kernels/microscopy/object_texture.hpp), the same outputs.
#include "glcm/compute.hpp"
#include "support/object_texture_family.hpp"
#include "voxfeat/registry.hpp"

#if VOXFEAT_HAVE_CUDA
#include "glcm.hpp"  // cuda/glcm.hpp
#include "support/gpu_budget.hpp"
#endif

namespace voxfeat::plugins {
namespace {

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  compute_object_texture(objects, params, glcm::outputs().size(), out,
                         [&](const kernels::microscopy::ObjectLevels& levels, std::span<double> row) {
                           kernels::microscopy::object_glcm(levels, int(params.integer("distance")),
                                                            object_texture_directions(params), row);
                         });
}

#if VOXFEAT_HAVE_CUDA
/// The co-occurrences of every object counted on the GPU, many objects per launch (cuda::glcm_matrices_batch: one
/// scope per object), in batches within the GPU's count cap and the --gpu-memory budget; features by the same
/// aggregation code as the CPU's (object_glcm_features). Integer counts: the CPU's values bit for bit.
void compute_objects_cuda(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  namespace mk = kernels::microscopy;
  namespace tx = kernels::texture;
  const std::size_t outputs = glcm::outputs().size();
  const mk::ObjectQuantisation quantisation = object_quantisation(objects, params);
  const mk::ObjectTable& table = objects.objects();
  const std::size_t n = table.objects.size();
  // Every object's levels at once (bounding boxes: about the plane's size in all), quantised on the CPU in parallel.
  std::vector<std::vector<std::int32_t>> buffers(n);
  std::vector<mk::ObjectLevels> levels(n);
  tbb::parallel_for(std::size_t(0), n, [&](std::size_t i) {
    try {
      levels[i] =
          mk::object_levels(table.objects[i], table.runs_of(i), objects.intensities(), quantisation, buffers[i]);
    } catch (const std::invalid_argument& e) {
      throw InputError("object " + std::to_string(table.objects[i].label) + ": " + e.what());
    }
  });
  if (n == 0) return;
  const auto ng = std::uint32_t(levels.front().level_count);  // one Ng: bin_number, or the image scale's
  std::vector<tx::Offset> offsets;
  for (const tx::Offset o : tx::directions(false)) offsets.push_back(o.scaled(int(params.integer("distance"))));
  const std::size_t counts = cuda::glcm_dense_count_bytes(offsets.size(), ng);
  const ExecutionContext& execution = objects.execution();
  if (!cuda::glcm_fits_gpu(offsets.size(), ng)) {  // too many levels for dense counts: the CPU
    compute_objects(objects, params, out);
    return;
  }
  VOXFEAT_CUDA_CHECK(cudaSetDevice(execution.device));
  for (std::size_t first = 0; first < n;) {
    std::size_t end = first, bytes = 0;
    std::vector<kernels::View3<std::int32_t>> scopes;
    for (; end < n; ++end) {
      const std::size_t more = cuda::glcm_device_bytes(levels[end].levels.extent, offsets.size(), ng);
      if (end > first && ((end - first + 1) * counts > cuda::kGlcmMaxDenseCountBytes ||
                          !within_gpu_budget(execution, bytes + more)))
        break;
      bytes += more;
      scopes.push_back(levels[end].levels);
    }
    if (!within_gpu_budget(execution, bytes)) {  // one object alone over the --gpu-memory budget: the CPU
      mk::object_glcm(levels[first], int(params.integer("distance")), object_texture_directions(params),
                      out.subspan(first * outputs, outputs));
      first = end;
      continue;
    }
    const auto matrices = cuda::glcm_matrices_batch(scopes, offsets, ng, true,
                                                    static_cast<cudaStream_t>(execution.stream));
    tbb::parallel_for(first, end, [&](std::size_t i) {
      mk::object_glcm_features(levels[i], object_texture_directions(params), matrices[i - first],
                               out.subspan(i * outputs, outputs));
    });
    first = end;
  }
}
#endif

}  // namespace

void register_microscopy_glcm(Registry& registry) {
  FamilyDescriptor family = object_texture_descriptor(
      "glcm", "grey level co-occurrence matrix", "LFYI",
      {{"distance", ParamType::integer, "1", "Chebyshev distance of the pixel pairs (1..1000).", {}, 1, 1000},
       object_texture_directions_param()},
      glcm::outputs(), &compute_objects);
#if VOXFEAT_HAVE_CUDA
  family.compute_objects_cuda = &compute_objects_cuda;
#endif
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
