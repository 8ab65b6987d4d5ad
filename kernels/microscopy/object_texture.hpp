#pragma once
// Texture of one object of a 2D plane: the radiomics GLCM, GLRLM, GLSZM and NGTDM families on the object's grey
// levels (object_levels.hpp), with the same matrix builders and feature formulas (kernels/texture/), so each output
// vector is the one the radiomics family gives for the object as a one-slice ROI: same values, order and count
// (glcm::feature_count, glrlm::feature_count, size_zone_feature_count, NgtdmSlot::count), and the per-object
// families can reuse the radiomics families' output descriptors.
//
// The aggregations are IBSI's 2D ones on the object's single slice, run by the same aggregation code
// (texture/aggregation.hpp), so averaging and NaN handling are the families' too. Every slot of `out` is written; NaN
// where the object defines no matrix (a one-pixel object has no GLCM pair and no NGTDM neighbour). Objects are the
// parallel unit (a tbb::parallel_for over them); nested inside it, the kernels' own parallel loops see one small
// slice and split little: TBB measured under 4% of an object's time at 1 and 2 threads, and the CPU time per object
// the same at both (bench/microscopy_texture_bench.cpp), so there is no separate single-slice path.
#include <span>

#include "microscopy/object_levels.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::kernels::microscopy {

/// GLCM and GLRLM over the 4 in-plane directions: features per direction then averaged (IBSI "2D, averaged", BTW3),
/// or the directions' matrices merged first (IBSI "2D, slice-merged", SUJT; on one slice, all matrices merged).
enum class Directions { averaged, merged };

/// The 25 GLCM features: symmetric co-occurrences at Chebyshev distance `distance` (≥ 1).
void object_glcm(const ObjectLevels& object, int distance, Directions directions, std::span<double> out);

/// The same features from the object's matrices counted elsewhere (the GPU counts every object's in one batch:
/// cuda::glcm_matrices_batch): `matrices` holds one symmetric matrix per in-plane offset, in the order of
/// texture::directions(false) scaled by the distance. The same aggregation code turns them into features.
void object_glcm_features(const ObjectLevels& object, Directions directions,
                          std::span<const texture::CountMatrix> matrices, std::span<double> out);

/// The 16 GLRLM features.
void object_glrlm(const ObjectLevels& object, Directions directions, std::span<double> out);

/// The 16 GLSZM features, zones 8-connected (IBSI "2D", 8QNN, linkage distance 1).
void object_glszm(const ObjectLevels& object, std::span<double> out);

/// The 5 NGTDM features, 8-neighbourhood (IBSI "2D", distance 1).
void object_ngtdm(const ObjectLevels& object, std::span<double> out);

}  // namespace voxfeat::kernels::microscopy
