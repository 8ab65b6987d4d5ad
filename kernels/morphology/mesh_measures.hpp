#pragma once
// Volume and area of a closed, consistently oriented triangle mesh (IBSI 1 RNU0, C0JK).
#include "morphology/mesh.hpp"

namespace voxfeat::kernels::morphology {

struct MeshMeasures {
  double volume = 0.0;  ///< mm^3, RNU0: |Σ a·(b×c)| / 6 over faces (divergence theorem, signed tetrahedra)
  double area = 0.0;    ///< mm^2, C0JK: Σ |ab × ac| / 2
};

/// Sums in fixed blocks of triangles, then over blocks in order: the same doubles for any thread count.
MeshMeasures mesh_measures(const TriangleMesh& mesh);

}  // namespace voxfeat::kernels::morphology
