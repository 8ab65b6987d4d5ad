// Marching cubes: the derived case table, closedness and orientation of the mesh, analytic volumes and areas.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <map>
#include <numbers>

#include "morphology/marching_cubes.hpp"
#include "morphology/mesh_measures.hpp"
#include "morphology/test_shapes.hpp"

namespace voxfeat::kernels::morphology {
namespace {

using test::morphology::box_mask;
using test::morphology::ellipsoid_mask;
using test::morphology::random_mask;

// Every directed edge appears once and its reverse once: closed, consistently oriented (IBSI 1, "Mesh-based
// representation": each edge is ab in one face and ba in the other).
void expect_closed_and_oriented(const TriangleMesh& mesh) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> directed;
  for (const auto& t : mesh.triangles)
    for (int i = 0; i < 3; ++i) ++directed[{t[std::size_t(i)], t[std::size_t((i + 1) % 3)]}];
  for (const auto& [edge, count] : directed) {
    ASSERT_EQ(count, 1) << "edge " << edge.first << "-" << edge.second << " used twice in one direction";
    const auto reverse = directed.find({edge.second, edge.first});
    ASSERT_TRUE(reverse != directed.end()) << "edge " << edge.first << "-" << edge.second << " is a border";
  }
}

double signed_volume(const TriangleMesh& mesh) {
  double sum = 0;
  for (const auto& t : mesh.triangles) {
    const Point3 &a = mesh.vertices[t[0]], &b = mesh.vertices[t[1]], &c = mesh.vertices[t[2]];
    sum += a[0] * (b[1] * c[2] - b[2] * c[1]) + a[1] * (b[2] * c[0] - b[0] * c[2]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  }
  return sum / 6.0;
}

TEST(MarchingCubesTable, EdgeMasksAreComplementSymmetricAndTrianglesBounded) {
  for (const auto rule : {FaceAmbiguity::separate_inside, FaceAmbiguity::separate_outside}) {
    const auto& table = marching_cubes_table(rule);
    EXPECT_EQ(table.edge_mask[0], 0);
    EXPECT_EQ(table.edge_mask[255], 0);
    EXPECT_EQ(table.edge_mask[1], 0x109);  // corner 0: edges 0, 3, 8 (Bourke's edgeTable[1])
    for (int c = 0; c < 256; ++c) {
      EXPECT_EQ(table.edge_mask[std::size_t(c)], table.edge_mask[std::size_t(255 - c)]) << c;
      int used = 0;
      for (auto e : table.triangles[std::size_t(c)]) {
        if (e < 0) break;
        EXPECT_TRUE((table.edge_mask[std::size_t(c)] >> e) & 1) << "config " << c << " uses uncrossed edge " << int(e);
        ++used;
      }
      EXPECT_EQ(used % 3, 0);
      EXPECT_LE(used, 15);
    }
  }
}

TEST(MarchingCubesTable, EveryConfigurationAloneGivesAClosedOutwardMesh) {
  // A 2×2×2 mask holding one cube configuration exercises its row and those of the padding cubes around it.
  for (const auto rule : {FaceAmbiguity::separate_inside, FaceAmbiguity::separate_outside})
    for (int c = 1; c < 256; ++c) {
      std::vector<std::uint8_t> voxels(8);
      for (int k = 0; k < 8; ++k) {
        const auto& p = k_cube_corners[std::size_t(k)];
        voxels[std::size_t(p[0] + 2 * (p[1] + 2 * p[2]))] = std::uint8_t((c >> k) & 1);
      }
      const TriangleMesh mesh = marching_cubes({voxels.data(), {2, 2, 2}, {1, 1, 1}}, rule);
      SCOPED_TRACE(c);
      expect_closed_and_oriented(mesh);
      EXPECT_GT(signed_volume(mesh), 0) << "normals must point out of the ROI";
    }
}

TEST(MarchingCubes, RandomMasksGiveClosedOutwardMeshes) {
  for (std::uint32_t seed : {1u, 2u, 3u})
    for (const auto rule : {FaceAmbiguity::separate_inside, FaceAmbiguity::separate_outside}) {
      const auto mask = random_mask(seed, {9, 8, 7}, 0.5, {0.7, 1.1, 2.5});
      const TriangleMesh mesh = marching_cubes(mask.view(), rule);
      SCOPED_TRACE(seed);
      expect_closed_and_oriented(mesh);
      const double v = signed_volume(mesh);
      EXPECT_GT(v, 0);
      // Same sum, different reduction: the measures' volume is the signed volume up to rounding.
      EXPECT_NEAR(mesh_measures(mesh).volume, v, 1e-9 * v);
    }
}

TEST(MarchingCubes, SingleVoxelIsAnOctahedron) {
  const double sx = 0.8, sy = 1.3, sz = 2.0;
  const auto mask = box_mask({1, 1, 1}, {0, 0, 0}, {1, 1, 1}, {sx, sy, sz});
  const TriangleMesh mesh = marching_cubes(mask.view());
  EXPECT_EQ(mesh.vertices.size(), 6u);
  EXPECT_EQ(mesh.triangles.size(), 8u);
  const MeshMeasures m = mesh_measures(mesh);
  // Octahedron with half-diagonals s/2: V = sx·sy·sz/6, A = sqrt((sy sz)² + (sx sz)² + (sx sy)²). Exact up to
  // rounding of a few products: 1e-12 relative.
  EXPECT_NEAR(m.volume, sx * sy * sz / 6.0, 1e-12);
  EXPECT_NEAR(m.area, std::sqrt(sy * sz * sy * sz + sx * sz * sx * sz + sx * sy * sx * sy), 1e-12);
}

TEST(MarchingCubes, BoxFillingTheWholeGridHasTheChamferedBoxVolume) {
  // The padding closes a ROI that touches every grid border. Its mesh is the a×b×c voxel box with every edge
  // chamfered (a prism of cross-section 1/8 voxel² cut along the 4(a−1 + b−1 + c−1) inner edge lengths) and every
  // corner cut to a 1/48 tetrahedron (5/48 removed each): V = s0 s1 s2 (abc − (a + b + c − 3)/2 − 5/6).
  // A single voxel gives 1/6, the octahedron above. Exact up to rounding: 1e-12 relative.
  const double a = 3, b = 4, c = 2, sx = 0.7, sy = 1.1, sz = 2.5;
  const auto mask = box_mask({3, 4, 2}, {0, 0, 0}, {3, 4, 2}, {sx, sy, sz});
  const TriangleMesh mesh = marching_cubes(mask.view());
  expect_closed_and_oriented(mesh);
  const double expected = sx * sy * sz * (a * b * c - (a + b + c - 3) / 2 - 5.0 / 6.0);
  EXPECT_NEAR(mesh_measures(mesh).volume, expected, 1e-12 * expected);
}

// Independent implementation: scikit-image 0.19.3 (Debian python3-skimage), measure.marching_cubes(method=
// "lorensen", level 0.5) on the same voxelised shapes padded by one voxel, volume by the signed-tetrahedra sum and
// measure.mesh_surface_area. No ambiguous face occurs in a voxelised convex shape, so the two meshes must agree to
// rounding: 1e-9 relative.
TEST(MarchingCubes, VoxelisedSphereMatchesAnalyticAndScikitImageValues) {
  // Sphere of radius 20 mm sampled at 1×1×2 mm.
  const double r = 20.0;
  const auto mask = ellipsoid_mask({r, r, r}, {1.0, 1.0, 2.0});
  const TriangleMesh mesh = marching_cubes(mask.view());
  expect_closed_and_oriented(mesh);
  const MeshMeasures m = mesh_measures(mesh);
  EXPECT_NEAR(m.volume, 33221.0, 1e-9 * 33221.0);
  EXPECT_NEAR(m.area, 5616.973830982614, 1e-9 * 5616.97);
  const double v = 4.0 / 3.0 * std::numbers::pi * r * r * r, a = 4.0 * std::numbers::pi * r * r;
  // Volume: the sampling at 1×1×2 mm loses 0.9% of the ball; 1.5% bounds it.
  EXPECT_NEAR(m.volume, v, 0.015 * v);
  // Area: a surface through voxel-edge midpoints is terraced and overestimates the area, here by 11.7% (8.5% at
  // 1 mm isotropic); accept 0 to +13%.
  EXPECT_GT(m.area, a);
  EXPECT_LT(m.area, 1.13 * a);
}

TEST(MarchingCubes, VoxelisedEllipsoidMatchesAnalyticAndScikitImageValues) {
  const double a = 18.0, b = 12.0, c = 9.0;
  const auto mask = ellipsoid_mask({a, b, c}, {1.0, 1.0, 2.0});
  const MeshMeasures m = mesh_measures(marching_cubes(mask.view()));
  EXPECT_NEAR(m.volume, 8117.666666666667, 1e-9 * 8117.67);
  EXPECT_NEAR(m.area, 2382.183537012833, 1e-9 * 2382.18);
  // Analytic 4/3·π·abc = 8143.0 mm³; the 9 mm semi-axis spans only 4.5 slices: 1.5%.
  const double v = 4.0 / 3.0 * std::numbers::pi * a * b * c;
  EXPECT_NEAR(m.volume, v, 0.015 * v);
}

TEST(MarchingCubes, OutputDoesNotDependOnTheThreadCount) {
  const auto mask = ellipsoid_mask({15, 11, 9}, {0.9, 0.9, 1.5});
  const TriangleMesh parallel = marching_cubes(mask.view());
  TriangleMesh serial;
  {
    const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    serial = marching_cubes(mask.view());
  }
  EXPECT_EQ(parallel.vertices, serial.vertices);
  EXPECT_EQ(parallel.triangles, serial.triangles);
  const MeshMeasures a = mesh_measures(parallel);
  MeshMeasures b;
  {
    const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    b = mesh_measures(serial);
  }
  EXPECT_EQ(a.volume, b.volume);  // fixed blocks, fixed order: bit-identical
  EXPECT_EQ(a.area, b.area);
}

TEST(MarchingCubes, EmptyMaskGivesAnEmptyMesh) {
  const auto mask = box_mask({4, 4, 4}, {0, 0, 0}, {0, 0, 0}, {1, 1, 1});
  const TriangleMesh mesh = marching_cubes(mask.view());
  EXPECT_TRUE(mesh.vertices.empty());
  EXPECT_TRUE(mesh.triangles.empty());
}

}  // namespace
}  // namespace voxfeat::kernels::morphology
