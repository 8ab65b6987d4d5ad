#include "microscopy/object_pixels.hpp"

#include <algorithm>
#include <limits>
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

std::uint32_t ObjectCollector::slot_of(std::uint32_t label) {
  const auto [it, inserted] = m_slot_of_label.try_emplace(label, 0u);
  if (inserted) {
    if (m_free_slots.empty()) {
      m_slots.emplace_back();
      it->second = std::uint32_t(m_slots.size() - 1);
    } else {
      it->second = m_free_slots.back();
      m_free_slots.pop_back();
    }
    m_slots[it->second].label = label;
    m_open.push_back(it->second);
  }
  return it->second;
}

void ObjectCollector::add_contact(std::uint32_t a, std::uint32_t b) {
  // Along a shared boundary the same pair comes up row after row: the last pair seen skips most lookups.
  const std::array<std::uint32_t, 2> pair{std::min(a, b), std::max(a, b)};
  if (pair == m_last_contact) return;
  m_last_contact = pair;
  OpenObject &oa = m_slots[a], &ob = m_slots[b];
  if (std::find(oa.partners.begin(), oa.partners.end(), ob.label) != oa.partners.end()) return;
  oa.partners.push_back(ob.label);
  ob.partners.push_back(oa.label);
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
    std::uint32_t slot = UINT32_MAX;
    for (std::size_t q = p; q < m_previous.size() && m_previous[q].col_begin <= x; ++q) {
      if (m_previous[q].label == label) slot = m_previous[q].slot;
    }
    if (slot == UINT32_MAX) slot = slot_of(label);
    for (std::size_t q = p; q < m_previous.size() && m_previous[q].col_begin <= x; ++q) {
      if (m_previous[q].label != label) add_contact(slot, m_previous[q].slot);
    }
    if (!m_current.empty() && m_current.back().col_end == begin) add_contact(slot, m_current.back().slot);
    m_current.push_back({label, slot, begin, x});

    OpenObject& o = m_slots[slot];
    if (o.area == 0) {
      o.bbox = {row, begin, row + 1, x};
    } else {
      o.bbox.col_begin = std::min(o.bbox.col_begin, begin);
      o.bbox.col_end = std::max(o.bbox.col_end, x);
      o.bbox.row_end = row + 1;
    }
    o.area += std::uint64_t(x - begin);
    o.runs.push_back({row, begin, x});
  }
  std::swap(m_previous, m_current);
}

FinishedObjects ObjectCollector::take_finished(const Hold& hold) {
  // An object with no run in the newest row is out of reach: a pixel of a later row is 8-adjacent only to pixels
  // of its own row and the one above.
  const std::int32_t newest = m_next_row - 1;
  std::vector<std::uint32_t> leaving;
  for (const std::uint32_t slot : m_open) {
    const OpenObject& o = m_slots[slot];
    if (o.bbox.row_end - 1 < newest && !(hold && hold(o.label))) leaving.push_back(slot);
  }
  return take(std::move(leaving));
}

FinishedObjects ObjectCollector::take_all() { return take(m_open); }

FinishedObjects ObjectCollector::take(std::vector<std::uint32_t> leaving) {
  std::sort(leaving.begin(), leaving.end(),
            [&](std::uint32_t a, std::uint32_t b) { return m_slots[a].label < m_slots[b].label; });
  for (const std::uint32_t slot : leaving) m_slots[slot].leaving = true;

  FinishedObjects out;
  out.table.width = m_width;
  out.table.height = m_next_row;
  out.table.objects.reserve(leaving.size());
  std::size_t runs = 0;
  for (const std::uint32_t slot : leaving) runs += m_slots[slot].runs.size();
  out.table.runs.reserve(runs);
  for (const std::uint32_t slot : leaving) {
    OpenObject& o = m_slots[slot];
    out.table.objects.push_back({o.label, o.bbox, o.area, out.table.runs.size(), o.runs.size()});
    out.table.runs.insert(out.table.runs.end(), o.runs.begin(), o.runs.end());
    for (const std::uint32_t partner : o.partners) {
      // A partner no longer here left first and handed the pair out then; one leaving now hands it out once.
      const auto it = m_slot_of_label.find(partner);
      if (it == m_slot_of_label.end()) continue;
      if (m_slots[it->second].leaving && partner < o.label) continue;
      out.contacts.push_back({std::min(o.label, partner), std::max(o.label, partner)});
    }
  }
  for (const std::uint32_t slot : leaving) {
    m_slot_of_label.erase(m_slots[slot].label);
    m_slots[slot] = OpenObject{};  // frees its runs: a large object's buffer must not stay with the slot
    m_free_slots.push_back(slot);
  }
  std::erase_if(m_open, [&](std::uint32_t slot) { return m_slots[slot].area == 0; });
  m_last_contact = {UINT32_MAX, UINT32_MAX};  // its slots may be reused
  return out;
}

std::int32_t ObjectCollector::first_open_row() const {
  std::int32_t first = std::numeric_limits<std::int32_t>::max();
  for (const std::uint32_t slot : m_open) first = std::min(first, m_slots[slot].bbox.row_begin);
  return first;
}

ObjectTable ObjectCollector::finish() {
  FinishedObjects all = take_all();
  ObjectTable table = std::move(all.table);
  const auto index_of = [&](std::uint32_t label) {
    const auto it = std::lower_bound(table.objects.begin(), table.objects.end(), label,
                                     [](const ObjectInfo& o, std::uint32_t l) { return o.label < l; });
    return std::uint32_t(it - table.objects.begin());
  };
  table.contacts.reserve(all.contacts.size());
  for (const LabelContact& c : all.contacts) table.contacts.push_back({index_of(c[0]), index_of(c[1])});
  std::sort(table.contacts.begin(), table.contacts.end());
  *this = ObjectCollector(m_width);
  return table;
}

ObjectTable collect_objects(const std::uint32_t* labels, std::int32_t width, std::int32_t height) {
  ObjectCollector collector(width);
  collector.add_rows(0, labels, height);
  return collector.finish();
}

}  // namespace voxfeat::kernels::microscopy
