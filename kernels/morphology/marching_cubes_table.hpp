#pragma once
// Marching-cubes case table for a binary mask, in Lorensen & Cline's (1987) cube layout with Paul Bourke's corner and
// edge numbering ("Polygonising a scalar field", paulbourke.net/geometry/polygonise/):
//   corners 0 (0,0,0) 1 (1,0,0) 2 (1,1,0) 3 (0,1,0) 4 (0,0,1) 5 (1,0,1) 6 (1,1,1) 7 (0,1,1);
//   edges 0 (0-1) 1 (1-2) 2 (2-3) 3 (3-0) 4 (4-5) 5 (5-6) 6 (6-7) 7 (7-4) 8 (0-4) 9 (1-5) 10 (2-6) 11 (3-7).
// The table is derived at first use instead of being transcribed (see the .cpp). On each cube face the ROI boundary
// is a segment between the two crossed edges; the segments, oriented with the ROI on their right seen from outside
// the cube, chain into loops, and each loop is triangulated. Two cubes sharing a face see it from opposite sides, so
// the mesh is closed and consistently oriented by construction, with normals pointing out of the ROI. Loops are
// triangulated as Lorensen & Cline (1987) / Bourke do: the resulting meshes equal scikit-image's Lorensen marching
// cubes cube by cube (same triangles' areas) for every configuration without an ambiguous face, on isotropic and
// anisotropic grids, and give the IBSI digital phantom's consensus volume and area (556.3 mm^3, 388.1 mm^2).
// Ambiguous faces (two diagonal ROI corners) are resolved by one rule for all 256 cases, so that no holes open
// between cubes (tables that resolve a case and its complement differently can leave holes there), and loops through
// them are triangulated without a diagonal along the face, so every mesh edge belongs to exactly two triangles.
#include <array>
#include <cstdint>

namespace voxfeat::kernels::morphology {

struct MarchingCubesTable {
  /// Bit e set when cube edge e joins an inside and an outside corner (Bourke's edgeTable for the same index).
  std::array<std::uint16_t, 256> edge_mask{};
  /// Up to 5 triangles as cube-edge triples, -1 terminated. Index bit k set = corner k inside the ROI (value 1).
  /// Right-hand-rule normals point from the inside corners to the outside corners.
  std::array<std::array<std::int8_t, 16>, 256> triangles{};
};

/// How a cube face whose two inside corners are diagonal (the face ambiguity of marching cubes) is cut.
enum class FaceAmbiguity {
  separate_inside,   ///< each inside corner is cut off on its own: ROI voxels meeting only at an edge stay apart
  separate_outside,  ///< each outside corner is cut off: diagonal ROI voxels are joined through the face
};

/// The table for a face-ambiguity rule; built once per rule, thread-safe.
const MarchingCubesTable& marching_cubes_table(FaceAmbiguity rule = FaceAmbiguity::separate_inside);

/// Corner offsets and edge end corners of the layout above, shared by the table builder and the mesher.
inline constexpr std::array<std::array<int, 3>, 8> k_cube_corners{
    {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}}};
inline constexpr std::array<std::array<int, 2>, 12> k_cube_edges{
    {{0, 1}, {1, 2}, {3, 2}, {0, 3}, {4, 5}, {5, 6}, {7, 6}, {4, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}}};

}  // namespace voxfeat::kernels::morphology
