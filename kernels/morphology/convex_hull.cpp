#include "morphology/convex_hull.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

extern "C" {
#include <libqhull_r/qhull_ra.h>
}

namespace voxfeat::kernels::morphology {
namespace {

// Qhull writes its diagnostics to a FILE*; an in-memory stream turns them into an exception message.
class MessageStream {
 public:
  MessageStream() : m_file(open_memstream(&m_buffer, &m_size)) {}
  ~MessageStream() {
    if (m_file) std::fclose(m_file);
    std::free(m_buffer);
  }
  MessageStream(const MessageStream&) = delete;
  MessageStream& operator=(const MessageStream&) = delete;
  [[nodiscard]] FILE* file() const { return m_file; }
  [[nodiscard]] std::string text() {
    if (!m_file) return {};
    std::fflush(m_file);
    return m_buffer ? std::string(m_buffer, m_size) : std::string();
  }

 private:
  char* m_buffer = nullptr;
  std::size_t m_size = 0;
  FILE* m_file;
};

// Owns one reentrant Qhull instance; frees it on every path out.
class Qhull {
 public:
  explicit Qhull(FILE* err) { qh_zero(&m_qh, err); }
  ~Qhull() {
    int curlong = 0, totlong = 0;
    qh_freeqhull(&m_qh, !qh_ALL);
    qh_memfreeshort(&m_qh, &curlong, &totlong);
  }
  Qhull(const Qhull&) = delete;
  Qhull& operator=(const Qhull&) = delete;
  qhT* get() { return &m_qh; }

 private:
  qhT m_qh;
};

}  // namespace

ConvexHull convex_hull(std::span<const Point3> points) {
  if (points.size() < 4) throw std::invalid_argument("convex hull: fewer than 4 points");
  std::vector<coordT> coords;
  coords.reserve(points.size() * 3);
  for (const Point3& p : points) coords.insert(coords.end(), p.begin(), p.end());

  MessageStream messages;
  Qhull instance(messages.file());
  qhT* qh = instance.get();
  char command[] = "qhull";  // default options: exact merging of coplanar facets (C-0), no output
  const int exit_code = qh_new_qhull(qh, 3, int(points.size()), coords.data(), False, command, nullptr,
                                     messages.file());
  if (exit_code == qh_ERRsingular || exit_code == qh_ERRprec)
    throw std::invalid_argument("convex hull: the points do not span 3D (" + messages.text() + ")");
  if (exit_code != 0) throw std::runtime_error("convex hull: Qhull failed (" + messages.text() + ")");

  qh_getarea(qh, qh->facet_list);
  ConvexHull hull;
  hull.volume = qh->totvol;
  hull.area = qh->totarea;
  facetT* facet = nullptr;
  FORALLfacets {
    hull.facets.push_back(
        {{facet->normal[0], facet->normal[1], facet->normal[2]}, facet->offset, facet->isarea ? facet->f.area : 0.0});
  }
  vertexT* vertex = nullptr;
  FORALLvertices {
    hull.vertices.push_back({vertex->point[0], vertex->point[1], vertex->point[2]});
  }
  return hull;
}

}  // namespace voxfeat::kernels::morphology
