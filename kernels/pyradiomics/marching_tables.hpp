#pragma once
// PyRadiomics' own marching cubes and marching squares layouts and case tables (radiomics/src/cshape.c, v3: gridAngles,
// vertList, triTable; gridAngles2D, vertList2D, lineTable2D). Its shape values depend on them where a cube has an
// ambiguous face: PyRadiomics looks up cubes with corner 7 outside and handles the others as the complement with the
// triangles reversed, so it resolves such faces by its own rule, not by voxfeat's IBSI table
// (morphology/marching_cubes_table.hpp). Coordinates are in numpy order: (slice, row, column) = (z, y, x).
#include <array>
#include <cstdint>

namespace voxfeat::kernels::pyradiomics {

/// Cube corner k at this (slice, row, column) offset; bit k of a cube's index is set when corner k is in the ROI.
inline constexpr std::array<std::array<int, 3>, 8> k_cube_corner{
    {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0}, {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}}};

/// Cube edge e joins these two corners; its vertex is their midpoint (a binary mask crosses 0.5 half-way).
inline constexpr std::array<std::array<int, 2>, 12> k_cube_edge{
    {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6}, {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}}};

/// Triangles (edge triples, -1 terminated) of the cube indices 0..127; index i >= 128 uses row 255 - i with the
/// triangles reversed. Right-hand normals in (slice, row, column) order point out of the ROI.
const std::array<std::array<std::int8_t, 16>, 128>& cube_triangles();

/// Square corner k at this (row, column) offset; bit k of a square's index is set when corner k is in the ROI.
inline constexpr std::array<std::array<int, 2>, 4> k_square_corner{{{0, 0}, {0, 1}, {1, 1}, {1, 0}}};

/// Square edge e joins these two corners; its vertex is their midpoint.
inline constexpr std::array<std::array<int, 2>, 4> k_square_edge{{{0, 1}, {1, 2}, {2, 3}, {3, 0}}};

/// Segments (edge pairs, -1 terminated) of the 16 square indices. A segment a→b has the ROI corners on its
/// positive side (a_row·b_col − b_row·a_col summed over the contour is twice the enclosed area); the two ambiguous
/// squares (5 and 10) cut each ROI corner off on its own.
const std::array<std::array<std::int8_t, 4>, 16>& square_segments();

}  // namespace voxfeat::kernels::pyradiomics
