#include "morphology/marching_cubes_table.hpp"

#include <stdexcept>
#include <vector>

namespace voxfeat::kernels::morphology {
namespace {

using IVec = std::array<int, 3>;

IVec sub(const IVec& a, const IVec& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
IVec cross(const IVec& a, const IVec& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
int dot(const IVec& a, const IVec& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

// Coordinates are doubled so that edge midpoints are integers and every orientation test is exact.
IVec corner2(int c) { return {2 * k_cube_corners[c][0], 2 * k_cube_corners[c][1], 2 * k_cube_corners[c][2]}; }
IVec midpoint2(int e) {
  const auto& ends = k_cube_edges[e];
  const IVec a = corner2(ends[0]), b = corner2(ends[1]);
  return {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
}

int edge_between(int a, int b) {
  for (int e = 0; e < 12; ++e)
    if ((k_cube_edges[e][0] == a && k_cube_edges[e][1] == b) || (k_cube_edges[e][0] == b && k_cube_edges[e][1] == a))
      return e;
  throw std::logic_error("marching cubes: corners are not joined by an edge");
}

struct Face {
  std::array<int, 4> corners;  // cyclic order around the face
  IVec outward;
};
constexpr std::array<Face, 6> k_faces{{{{0, 1, 2, 3}, {0, 0, -1}},
                                       {{4, 5, 6, 7}, {0, 0, 1}},
                                       {{0, 1, 5, 4}, {0, -1, 0}},
                                       {{3, 2, 6, 7}, {0, 1, 0}},
                                       {{0, 3, 7, 4}, {-1, 0, 0}},
                                       {{1, 2, 6, 5}, {1, 0, 0}}}};

// The ROI boundary drawn on the cube's surface is a set of closed curves made of one straight segment per face
// crossing. Orienting every segment so that, seen from outside the cube, the inside corners lie on its right makes
// each curve a consistently oriented loop; a shared face is seen from opposite sides by its two cubes, so the two
// cubes traverse the shared segment in opposite directions and the mesh is closed and consistently oriented.
// A fan over each loop then gives triangles whose right-hand normals point out of the ROI.
void add_segment(std::array<int, 12>& next, const Face& face, int from_edge, int to_edge, int reference_corner,
                 bool reference_inside) {
  const IVec p = midpoint2(from_edge), q = midpoint2(to_edge);
  const int side = dot(face.outward, cross(sub(q, p), sub(corner2(reference_corner), p)));
  // side < 0: the reference corner is on the right of p→q seen from outside.
  const bool keep = reference_inside ? side < 0 : side > 0;
  const int a = keep ? from_edge : to_edge, b = keep ? to_edge : from_edge;
  if (next[a] != -1) throw std::logic_error("marching cubes: a loop vertex has two successors");
  next[a] = b;
}

bool is_planar(const std::array<int, 12>& loop, int length) {
  const IVec p0 = midpoint2(loop[0]);
  IVec normal{0, 0, 0};
  for (int i = 2; i < length && normal == IVec{0, 0, 0}; ++i)
    normal = cross(sub(midpoint2(loop[1]), p0), sub(midpoint2(loop[i]), p0));
  for (int i = 0; i < length; ++i)
    if (dot(normal, sub(midpoint2(loop[i]), p0)) != 0) return false;
  return true;
}

bool edge_in_face(int e, const Face& face) {
  int on = 0;
  for (int c : face.corners) on += (c == k_cube_edges[e][0]) + (c == k_cube_edges[e][1]);
  return on == 2;
}

// A pentagon separates three corners forming an L on one face from the other five. Lorensen & Cline / Bourke fan
// it from a vertex on an edge perpendicular to that face at an end of the L, which encloses the most of the L's side
// (the surface bulges away from the L like the rest of the table); of the two ends, the one met after the pair of
// vertices lying in the L's face when the loop is walked with the L on its inside.
template <class Inside>
int pentagon_apex(const std::array<int, 12>& loop, const Inside& inside) {
  // The L: the loop's edge ends on the side that has three of them (the other side has four).
  std::array<bool, 8> inside_end{}, outside_end{};
  for (int i = 0; i < 5; ++i)
    for (int c : k_cube_edges[loop[i]]) (inside(c) ? inside_end : outside_end)[c] = true;
  int inside_ends = 0;
  for (bool b : inside_end) inside_ends += b;
  const bool l_inside = inside_ends == 3;
  const std::array<bool, 8>& l_corners = l_inside ? inside_end : outside_end;
  for (const Face& face : k_faces) {
    int l_on_face = 0;
    for (int c : face.corners) l_on_face += l_corners[c];
    if (l_on_face != 3) continue;
    for (int i = 0; i < 5; ++i) {
      const int next = (i + 1) % 5;
      if (!edge_in_face(loop[i], face) || !edge_in_face(loop[next], face)) continue;
      // The loop runs with the inside on its right seen from outside; with the L outside, walk it backwards.
      return l_inside ? (next + 1) % 5 : (i + 4) % 5;
    }
  }
  throw std::logic_error("marching cubes: a pentagon without an L face");
}

using Triangulation = std::vector<std::array<int, 3>>;  // loop positions

Triangulation fan(int apex, int length) {
  Triangulation t;
  for (int i = 1; i + 1 < length; ++i) t.push_back({apex, (apex + i) % length, (apex + i + 1) % length});
  return t;
}

bool edges_share_face(int a, int b) {
  for (const Face& face : k_faces)
    if (edge_in_face(a, face) && edge_in_face(b, face)) return true;
  return false;
}

// A diagonal between two vertices of one cube face runs along that face. Only ambiguous faces hold two segments,
// and the neighbouring cube, which shares the face, could draw the same diagonal: the two surfaces would touch
// along it and the edge would belong to four triangles. Triangulations with such a diagonal are never used.
bool has_face_diagonal(const Triangulation& t, const std::array<int, 12>& loop, int length) {
  for (const auto& tri : t)
    for (int i = 0; i < 3; ++i) {
      const int a = tri[i], b = tri[(i + 1) % 3];
      const bool loop_edge = (a + 1) % length == b || (b + 1) % length == a;
      if (!loop_edge && edges_share_face(loop[a], loop[b])) return true;
    }
  return false;
}

// Planar loops (triangles, quads, the hexagon around a corner and its three neighbours) have one area and volume
// whatever the triangulation: fan. The non-planar ones follow Lorensen & Cline / Bourke: a pentagon is fanned from
// its L-end apex, a non-planar hexagon gets a central triangle on alternate vertices plus three ears. Loops through
// an ambiguous face (hexagon tubes, heptagons) take the first of these choices, then the fans from each vertex in
// turn, that draws no diagonal along a cube face.
template <class Inside>
Triangulation triangulate(const std::array<int, 12>& loop, int length, const Inside& inside) {
  std::vector<Triangulation> candidates;
  if (length == 5) candidates.push_back(fan(pentagon_apex(loop, inside), 5));
  if (length == 6 && !is_planar(loop, length)) {
    candidates.push_back({{0, 2, 4}, {0, 1, 2}, {2, 3, 4}, {4, 5, 0}});
    candidates.push_back({{1, 3, 5}, {1, 2, 3}, {3, 4, 5}, {5, 0, 1}});
  }
  for (int apex = 0; apex < length; ++apex) candidates.push_back(fan(apex, length));
  for (const auto& t : candidates)
    if (!has_face_diagonal(t, loop, length)) return t;
  throw std::logic_error("marching cubes: no triangulation of a loop avoids the cube faces");
}

MarchingCubesTable build_table(FaceAmbiguity rule) {
  MarchingCubesTable table;
  for (int config = 0; config < 256; ++config) {
    const auto inside = [config](int corner) { return ((config >> corner) & 1) != 0; };
    std::uint16_t mask = 0;
    for (int e = 0; e < 12; ++e)
      if (inside(k_cube_edges[e][0]) != inside(k_cube_edges[e][1])) mask = std::uint16_t(mask | (1u << e));
    table.edge_mask[config] = mask;

    std::array<int, 12> next;
    next.fill(-1);
    for (const Face& face : k_faces) {
      std::array<int, 4> crossing{};  // edge between corners k and k+1 of the cycle, or -1
      int crossings = 0;
      for (int k = 0; k < 4; ++k) {
        const int a = face.corners[k], b = face.corners[(k + 1) % 4];
        crossing[k] = inside(a) != inside(b) ? edge_between(a, b) : -1;
        crossings += crossing[k] >= 0;
      }
      if (crossings == 2) {
        int first = -1, second = -1, reference = -1;
        for (int k = 0; k < 4; ++k) {
          if (crossing[k] >= 0) (first < 0 ? first : second) = crossing[k];
          if (inside(face.corners[k])) reference = face.corners[k];
        }
        add_segment(next, face, first, second, reference, true);
      } else if (crossings == 4) {
        // Ambiguous face: cut off each corner of the separated kind with the segment between its two edges.
        const bool cut_inside = rule == FaceAmbiguity::separate_inside;
        for (int k = 0; k < 4; ++k) {
          const int corner = face.corners[k];
          if (inside(corner) != cut_inside) continue;
          add_segment(next, face, crossing[(k + 3) % 4], crossing[k], corner, cut_inside);
        }
      }
    }

    int written = 0;
    std::array<bool, 12> used{};
    table.triangles[config].fill(-1);
    for (int start = 0; start < 12; ++start) {
      if (next[start] < 0 || used[start]) continue;
      std::array<int, 12> loop{};
      int length = 0;
      int e = start;
      do {
        used[e] = true;
        loop[length++] = e;
        e = next[e];
      } while (e >= 0 && e != start && !used[e]);
      if (e != start || length < 3) throw std::logic_error("marching cubes: an open or degenerate loop");
      for (const auto& t : triangulate(loop, length, inside)) {
        if (written + 3 > 15) throw std::logic_error("marching cubes: more than 5 triangles in a cube");
        for (int v : t) table.triangles[config][written++] = std::int8_t(loop[v]);
      }
    }
    for (int e = 0; e < 12; ++e)
      if (((mask >> e) & 1) != (used[e] ? 1 : 0)) throw std::logic_error("marching cubes: a crossing left unused");
  }
  return table;
}

}  // namespace

const MarchingCubesTable& marching_cubes_table(FaceAmbiguity rule) {
  static const MarchingCubesTable separate_inside = build_table(FaceAmbiguity::separate_inside);
  static const MarchingCubesTable separate_outside = build_table(FaceAmbiguity::separate_outside);
  return rule == FaceAmbiguity::separate_inside ? separate_inside : separate_outside;
}

}  // namespace voxfeat::kernels::morphology
