#include "morphology/marching_cubes.hpp"

#include <algorithm>
#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace voxfeat::kernels::morphology {
namespace {

// The mask seen through a one-voxel frame of zeros (coordinates -1 .. extent) without copying it: rows of the frame
// are a shared row of zeros, and the columns -1 and extent are handled outside the inner loops.
class PaddedMask {
 public:
  explicit PaddedMask(const View3<std::uint8_t>& mask)
      : m_data(mask.data),
        m_e0(long(mask.extent[0])),
        m_e1(long(mask.extent[1])),
        m_e2(long(mask.extent[2])),
        m_zeros(mask.extent[0] + 2, 0) {}

  /// Row (y, z) with y in -1 .. e1 and z in -1 .. e2; row[x] is valid for x in -1 .. e0.
  [[nodiscard]] const std::uint8_t* row(long y, long z) const {
    if (y < 0 || y >= m_e1 || z < 0 || z >= m_e2) return m_zeros.data() + 1;
    return m_data + m_e0 * (y + m_e1 * z);
  }
  /// Voxel x of a row returned by row(); x in -1 .. e0.
  [[nodiscard]] bool at(const std::uint8_t* row, long x) const { return x >= 0 && x < m_e0 && row[x] != 0; }
  [[nodiscard]] long e0() const { return m_e0; }
  [[nodiscard]] long e1() const { return m_e1; }
  [[nodiscard]] long e2() const { return m_e2; }
  /// Vertex rows are the padded (y, z) rows, z-major.
  [[nodiscard]] std::size_t row_index(long y, long z) const { return std::size_t((y + 1) + (m_e1 + 2) * (z + 1)); }
  [[nodiscard]] std::size_t row_count() const { return std::size_t((m_e1 + 2) * (m_e2 + 2)); }

 private:
  const std::uint8_t* m_data;
  long m_e0, m_e1, m_e2;
  std::vector<std::uint8_t> m_zeros;
};

// A vertex lives on the grid edge from (x, y, z) along `axis`; within its row it is keyed by (x + 1) * 3 + axis, so
// a row's keys come out sorted when x is scanned upwards.
std::uint32_t edge_key(long x, int axis) { return std::uint32_t((x + 1) * 3 + axis); }

// Calls f(x, axis) for every ROI/non-ROI edge that starts in row (y, z), in key order.
template <class F>
void for_each_crossing(const PaddedMask& m, long y, long z, F&& f) {
  const std::uint8_t* r0 = m.row(y, z);
  const std::uint8_t* ry = m.row(std::min(y + 1, m.e1()), z);
  const std::uint8_t* rz = m.row(y, std::min(z + 1, m.e2()));
  const bool has_y = y < m.e1(), has_z = z < m.e2();
  const long e0 = m.e0();
  const auto visit = [&](long x, bool v, bool next) {
    if (v != next) f(x, 0);
    if (has_y && v != m.at(ry, x)) f(x, 1);
    if (has_z && v != m.at(rz, x)) f(x, 2);
  };
  if (e0 == 0) return;
  visit(-1, false, r0[0] != 0);
  for (long x = 0; x + 1 < e0; ++x) {
    const bool v = r0[x] != 0;
    if (v != (r0[x + 1] != 0)) f(x, 0);
    if (has_y && v != (ry[x] != 0)) f(x, 1);
    if (has_z && v != (rz[x] != 0)) f(x, 2);
  }
  visit(e0 - 1, r0[e0 - 1] != 0, false);
  // Column e0 is outside the mask: only y and z edges, and none of them crosses.
}

struct PlaneVertices {
  std::vector<std::uint32_t> row_counts;  // one per row y = -1 .. e1 of this plane
  std::vector<std::uint32_t> keys;
  std::vector<Point3> positions;
};

}  // namespace

TriangleMesh marching_cubes(const View3<std::uint8_t>& mask, FaceAmbiguity rule) {
  const PaddedMask m(mask);
  const MarchingCubesTable& table = marching_cubes_table(rule);
  const std::array<double, 3> s = mask.spacing;
  TriangleMesh mesh;
  if (mask.voxel_count() == 0) return mesh;

  // 1. Vertices, one plane z at a time (in parallel), then concatenated in plane order: the vertex order is the row
  //    order whatever the thread count.
  const std::size_t planes = std::size_t(m.e2() + 2), rows_per_plane = std::size_t(m.e1() + 2);
  std::vector<PlaneVertices> per_plane(planes);
  tbb::parallel_for(std::size_t(0), planes, [&](std::size_t p) {
    const long z = long(p) - 1;
    PlaneVertices& out = per_plane[p];
    out.row_counts.assign(rows_per_plane, 0);
    for (long y = -1; y <= m.e1(); ++y) {
      const std::size_t before = out.keys.size();
      for_each_crossing(m, y, z, [&](long x, int axis) {
        out.keys.push_back(edge_key(x, axis));
        Point3 q{double(x) * s[0], double(y) * s[1], double(z) * s[2]};
        q[std::size_t(axis)] += 0.5 * s[std::size_t(axis)];
        out.positions.push_back(q);
      });
      out.row_counts[std::size_t(y + 1)] = std::uint32_t(out.keys.size() - before);
    }
  });
  std::vector<std::uint32_t> offsets(m.row_count() + 1, 0);
  std::size_t total = 0;
  for (const auto& plane : per_plane) total += plane.keys.size();
  if (total > 0xFFFFFFFFu) throw std::length_error("marching cubes: more than 2^32 vertices");
  std::vector<std::uint32_t> keys;
  keys.reserve(total);
  mesh.vertices.reserve(total);
  std::size_t r = 0;
  for (auto& plane : per_plane) {
    for (std::uint32_t c : plane.row_counts) {
      offsets[r + 1] = offsets[r] + c;
      ++r;
    }
    keys.insert(keys.end(), plane.keys.begin(), plane.keys.end());
    mesh.vertices.insert(mesh.vertices.end(), plane.positions.begin(), plane.positions.end());
    plane = PlaneVertices{};
  }

  const auto vertex_of = [&](long x, long y, long z, int axis) -> std::uint32_t {
    const std::size_t row = m.row_index(y, z);
    const auto first = keys.begin() + offsets[row], last = keys.begin() + offsets[row + 1];
    const auto it = std::lower_bound(first, last, edge_key(x, axis));
    if (it == last || *it != edge_key(x, axis)) throw std::logic_error("marching cubes: a cube edge has no vertex");
    return std::uint32_t(it - keys.begin());
  };
  // Cube edge → (corner offset, axis) of its grid edge.
  std::array<std::array<int, 4>, 12> edge_origin{};
  for (std::size_t e = 0; e < 12; ++e) {
    const auto& lo = k_cube_corners[std::size_t(k_cube_edges[e][0])];
    const auto& hi = k_cube_corners[std::size_t(k_cube_edges[e][1])];
    edge_origin[e] = {lo[0], lo[1], lo[2], hi[0] != lo[0] ? 0 : (hi[1] != lo[1] ? 1 : 2)};
  }

  // 2. Triangles per layer of cubes (cube (x, y, z) spans x..x+1 etc. on the padded grid), concatenated in layer
  //    order. Moving along x, a cube's corners 1, 2, 5, 6 become the next cube's corners 0, 3, 4, 7.
  std::vector<std::vector<std::array<std::uint32_t, 3>>> per_layer(static_cast<std::size_t>(m.e2() + 1));
  tbb::parallel_for(tbb::blocked_range<long>(-1, m.e2()), [&](const tbb::blocked_range<long>& zs) {
    for (long z = zs.begin(); z != zs.end(); ++z) {
      auto& out = per_layer[std::size_t(z + 1)];
      for (long y = -1; y < m.e1(); ++y) {
        const std::uint8_t* r00 = m.row(y, z);
        const std::uint8_t* r10 = m.row(y + 1, z);
        const std::uint8_t* r01 = m.row(y, z + 1);
        const std::uint8_t* r11 = m.row(y + 1, z + 1);
        int config = 0;  // corners at x = -1 are all outside
        for (long x = -1; x < m.e0(); ++x) {
          config = ((config >> 1) & 0x01) | ((config >> 2) & 0x01) << 3 | ((config >> 5) & 0x01) << 4 |
                   ((config >> 6) & 0x01) << 7 | int(m.at(r00, x + 1)) << 1 | int(m.at(r10, x + 1)) << 2 |
                   int(m.at(r01, x + 1)) << 5 | int(m.at(r11, x + 1)) << 6;
          if (config == 0 || config == 255) continue;
          const auto& tris = table.triangles[std::size_t(config)];
          for (int t = 0; t < 15 && tris[std::size_t(t)] >= 0; t += 3) {
            std::array<std::uint32_t, 3> tri{};
            for (int v = 0; v < 3; ++v) {
              const auto& o = edge_origin[std::size_t(tris[std::size_t(t + v)])];
              tri[std::size_t(v)] = vertex_of(x + o[0], y + o[1], z + o[2], o[3]);
            }
            out.push_back(tri);
          }
        }
      }
    }
  });
  std::size_t triangles = 0;
  for (const auto& layer : per_layer) triangles += layer.size();
  mesh.triangles.reserve(triangles);
  for (auto& layer : per_layer) {
    mesh.triangles.insert(mesh.triangles.end(), layer.begin(), layer.end());
    std::vector<std::array<std::uint32_t, 3>>().swap(layer);
  }
  return mesh;
}

}  // namespace voxfeat::kernels::morphology
