#include "microscopy/object_pixels.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace voxfeat::kernels::microscopy {

ObjectCollector::ObjectCollector(std::int32_t width) : m_width(width) {
  if (width <= 0) throw std::invalid_argument("ObjectCollector: width must be positive");
}

void ObjectCollector::add_rows(std::int32_t first_row, const std::uint32_t* labels, std::int32_t rows) {
  if (first_row != m_next_row)
    throw std::invalid_argument("ObjectCollector: rows must arrive in order; expected row " +
                                std::to_string(m_next_row) + ", got " + std::to_string(first_row));
  for (std::int32_t i = 0; i < rows; ++i)
    add_row(first_row + i, labels + std::size_t(i) * std::size_t(m_width));
  m_next_row = first_row + rows;
}

std::uint32_t ObjectCollector::object_of(std::uint32_t label) {
  const auto [it, inserted] = m_object_of_label.try_emplace(label, std::uint32_t(m_objects.size()));
  if (inserted) m_objects.push_back({label, {}, 0, 0});
  return it->second;
}

void ObjectCollector::add_contact(std::uint32_t a, std::uint32_t b) {
  const ObjectContact pair{std::min(a, b), std::max(a, b)};
  // Along a shared boundary the same pair comes up row after row: dropping repeats keeps the list short.
  if (m_contacts.empty() || m_contacts.back() != pair) m_contacts.push_back(pair);
}

void ObjectCollector::add_row(std::int32_t row, const std::uint32_t* labels) {
  m_current.clear();
  std::size_t p = 0;  // first run of the previous row that can still touch a run of this row
  for (std::int32_t x = 0; x < m_width;) {
    const std::uint32_t label = labels[x];
    if (label == 0) {
      ++x;
      continue;
    }
    const std::int32_t begin = x;
    while (x < m_width && labels[x] == label) ++x;
    // Runs [pb, pe) above and [begin, x) here are 8-adjacent when pe ≥ begin and pb ≤ x. A run above with the same
    // label names the object without a hash lookup; one with another label is a contact.
    while (p < m_previous.size() && m_previous[p].col_end < begin) ++p;
    std::uint32_t object = UINT32_MAX;
    for (std::size_t q = p; q < m_previous.size() && m_previous[q].col_begin <= x; ++q) {
      if (m_previous[q].label == label) object = m_previous[q].object;
    }
    if (object == UINT32_MAX) object = object_of(label);
    for (std::size_t q = p; q < m_previous.size() && m_previous[q].col_begin <= x; ++q) {
      if (m_previous[q].label != label) add_contact(object, m_previous[q].object);
    }
    if (!m_current.empty() && m_current.back().col_end == begin) add_contact(object, m_current.back().object);
    m_current.push_back({label, object, begin, x});

    Discovered& o = m_objects[object];
    if (o.area == 0) {
      o.bbox = {row, begin, row + 1, x};
    } else {
      o.bbox.col_begin = std::min(o.bbox.col_begin, begin);
      o.bbox.col_end = std::max(o.bbox.col_end, x);
      o.bbox.row_end = row + 1;
    }
    o.area += std::uint64_t(x - begin);
    ++o.run_count;
    m_runs.push_back({object, {row, begin, x}});
  }
  std::swap(m_previous, m_current);
}

ObjectTable ObjectCollector::finish() {
  ObjectTable table;
  table.width = m_width;
  table.height = m_next_row;
  const std::size_t n = m_objects.size();
  std::vector<std::uint32_t> by_label(n);
  std::iota(by_label.begin(), by_label.end(), 0u);
  std::sort(by_label.begin(), by_label.end(),
            [&](std::uint32_t a, std::uint32_t b) { return m_objects[a].label < m_objects[b].label; });
  std::vector<std::uint32_t> rank(n);
  table.objects.resize(n);
  std::size_t offset = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Discovered& d = m_objects[by_label[i]];
    rank[by_label[i]] = std::uint32_t(i);
    table.objects[i] = {d.label, d.bbox, d.area, offset, 0};
    offset += d.run_count;
  }
  // Counting sort of the runs by object; stable, so each object's runs stay in raster order.
  table.runs.resize(m_runs.size());
  for (const PendingRun& r : m_runs) {
    ObjectInfo& o = table.objects[rank[r.object]];
    table.runs[o.first_run + o.run_count++] = r.run;
  }
  table.contacts.reserve(m_contacts.size());
  for (const ObjectContact& c : m_contacts) {
    const std::uint32_t a = rank[c[0]], b = rank[c[1]];
    table.contacts.push_back({std::min(a, b), std::max(a, b)});
  }
  std::sort(table.contacts.begin(), table.contacts.end());
  table.contacts.erase(std::unique(table.contacts.begin(), table.contacts.end()), table.contacts.end());

  *this = ObjectCollector(m_width);
  return table;
}

ObjectTable collect_objects(const std::uint32_t* labels, std::int32_t width, std::int32_t height) {
  ObjectCollector collector(width);
  collector.add_rows(0, labels, height);
  return collector.finish();
}

}  // namespace voxfeat::kernels::microscopy
