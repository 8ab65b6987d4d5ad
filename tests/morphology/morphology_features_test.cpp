// compute_morphology as a whole: determinism across thread counts and the edge cases that leave features NaN.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <cstring>

#include "morphology/morphology_features.hpp"
#include "morphology/test_shapes.hpp"

namespace voxfeat::kernels::morphology {
namespace {

using test::morphology::box_mask;
using test::morphology::random_image;

std::vector<double> as_vector(const MorphologyFeatures& f) {
  std::vector<double> v(sizeof(MorphologyFeatures) / sizeof(double));
  std::memcpy(v.data(), &f, sizeof(MorphologyFeatures));
  return v;
}

TEST(ComputeMorphology, SameDoublesForAnyThreadCount) {
  const auto mask = test::morphology::random_mask(21, {14, 12, 8}, 0.7, {0.9, 0.9, 2.0});
  const auto image = random_image(21, mask);
  const auto parallel = as_vector(compute_morphology({mask.view(), mask.view(), image.view()}));
  const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const auto serial = as_vector(compute_morphology({mask.view(), mask.view(), image.view()}));
  for (std::size_t i = 0; i < parallel.size(); ++i) EXPECT_EQ(parallel[i], serial[i]) << "field " << i;
}

TEST(ComputeMorphology, EmptyMaskLeavesEverythingUndefined) {
  const auto mask = box_mask({4, 4, 4}, {0, 0, 0}, {0, 0, 0}, {1, 1, 1});
  const auto image = random_image(1, mask);
  for (double v : as_vector(compute_morphology({mask.view(), mask.view(), image.view()}))) EXPECT_TRUE(std::isnan(v));
}

TEST(ComputeMorphology, SingleVoxel) {
  const auto mask = box_mask({3, 3, 3}, {1, 1, 1}, {2, 2, 2}, {2, 2, 2});
  const auto image = random_image(1, mask);
  const MorphologyFeatures f = compute_morphology({mask.view(), mask.view(), image.view()});
  EXPECT_NEAR(f.volume, 8.0 / 6.0, 1e-12);  // octahedron of a 2 mm voxel
  EXPECT_EQ(f.volume_voxel_counting, 8.0);
  EXPECT_NEAR(f.max_3d_diameter, 2.0, 1e-12);
  EXPECT_TRUE(std::isnan(f.major_axis_length));  // sample covariance of one point
  EXPECT_TRUE(std::isnan(f.elongation));
  EXPECT_TRUE(std::isnan(f.morans_i));  // no pair
  EXPECT_NEAR(f.volume_density_convex_hull, 1.0, 1e-12);  // an octahedron is convex
  EXPECT_NEAR(f.centre_of_mass_shift, 0.0, 1e-12);
}

TEST(ComputeMorphology, SingleSliceRoi) {
  // A flat ROI (one slice, as from a 2D image): the mesh is a closed slab, PCA has a zero least axis.
  const auto mask = box_mask({6, 5, 1}, {1, 1, 0}, {5, 4, 1}, {1, 1, 3});
  const auto image = random_image(2, mask);
  const MorphologyFeatures f = compute_morphology({mask.view(), mask.view(), image.view()});
  EXPECT_GT(f.volume, 0.0);
  EXPECT_EQ(f.least_axis_length, 0.0);
  EXPECT_EQ(f.flatness, 0.0);
  EXPECT_TRUE(std::isnan(f.volume_density_aee));  // ellipsoid of volume 0
  EXPECT_FALSE(std::isnan(f.volume_density_ombb));
  EXPECT_FALSE(std::isnan(f.morans_i));
}

TEST(ComputeMorphology, IntensityFeaturesUseTheIntensityMask) {
  // Same shape, intensity mask restricted to half of it: shape features unchanged, intensity ones follow the mask.
  const auto morph = box_mask({8, 6, 4}, {1, 1, 1}, {7, 5, 3}, {1, 1, 1});
  const auto half = box_mask({8, 6, 4}, {1, 1, 1}, {4, 5, 3}, {1, 1, 1});
  const auto image = random_image(3, morph);
  const MorphologyFeatures all = compute_morphology({morph.view(), morph.view(), image.view()});
  const MorphologyFeatures part = compute_morphology({morph.view(), half.view(), image.view()});
  EXPECT_EQ(all.volume, part.volume);
  EXPECT_EQ(all.major_axis_length, part.major_axis_length);
  EXPECT_NE(all.integrated_intensity, part.integrated_intensity);
  EXPECT_NE(all.morans_i, part.morans_i);
  EXPECT_GT(part.centre_of_mass_shift, 1.0);  // the weighted centre sits in the left half
}

}  // namespace
}  // namespace voxfeat::kernels::morphology
