// PyRadiomics' neighbour offsets (kernels/pyradiomics/angles.hpp) in its order and number: get_angle_count gives
// (2d + 1)^3 − (2d − 1)^3 offsets per distance d in 3D, half of them one-way; the order is that of build_angles in
// radiomics/src/cmatrices.c (offsets +d … −d, x fastest), which the angle axis of brain1_glcm.npy follows.
#include <gtest/gtest.h>

#include "pyradiomics/angles.hpp"

namespace voxfeat::test {
namespace {

using kernels::pyradiomics::angles;
using kernels::pyradiomics::no_force2d;
using kernels::pyradiomics::Offset;

TEST(PyradiomicsAngles, ThirteenOneWayOffsetsInPyradiomicsOrder) {
  const int one[] = {1};
  const auto a = angles({10, 10, 10}, one, no_force2d, false);
  ASSERT_EQ(a.size(), 13u);
  EXPECT_EQ(a.front(), (Offset{1, 1, 1}));   // numpy (z, y, x) = (1, 1, 1)
  EXPECT_EQ(a[1], (Offset{0, 1, 1}));        // (1, 1, 0)
  EXPECT_EQ(a[4], (Offset{0, 0, 1}));        // (1, 0, 0): straight along z
  EXPECT_EQ(a[10], (Offset{0, 1, 0}));       // (0, 1, 0)
  EXPECT_EQ(a.back(), (Offset{1, 0, 0}));    // (0, 0, 1)
  EXPECT_EQ(angles({10, 10, 10}, one, no_force2d, true).size(), 26u);
}

TEST(PyradiomicsAngles, CountsPerDistanceAndInPlane) {
  const int two[] = {1, 2};
  EXPECT_EQ(angles({10, 10, 10}, two, no_force2d, true).size(), 26u + 98u);
  const int one[] = {1};
  const auto in_plane = angles({10, 10, 10}, one, 0, false);  // force2Ddimension 0: z stays 0
  ASSERT_EQ(in_plane.size(), 4u);
  for (const auto& o : in_plane) EXPECT_EQ(o.dz, 0);
  EXPECT_EQ(in_plane.front(), (Offset{1, 1, 0}));
}

TEST(PyradiomicsAngles, OffsetsBeyondTheRegionAreLeftOut) {
  const int one[] = {1};
  // A single slice: no offset moves in z, as PyRadiomics drops offsets >= the bounding box size.
  EXPECT_EQ(angles({10, 10, 1}, one, no_force2d, false).size(), 4u);
  EXPECT_TRUE(angles({1, 1, 1}, one, no_force2d, true).empty());
}

}  // namespace
}  // namespace voxfeat::test
