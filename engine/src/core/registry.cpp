#include <set>

#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat {

void Registry::add(FamilyDescriptor family) {
  const std::string where = "family '" + family.name + "' (" + family.origin + ")";
  if (family.name.empty()) throw ConfigError("a feature family without a name was registered (" + family.origin + ")");
  if (find(family.name)) throw ConfigError(where + " is registered twice");
  if (family.outputs.empty()) throw ConfigError(where + " declares no outputs");
  if (family.aggregations.empty()) throw ConfigError(where + " declares no aggregation method");
  if (family.compute_objects) {
    // Per-object families are a kind of their own: an ROI extraction must never meet one, nor they an ROI.
    if (family.compute_cpu || family.compute_cuda || family.profile != "microscopy")
      throw ConfigError(where + " computes per-object features: it needs profile \"microscopy\" and no ROI compute "
                                "function");
  } else if (family.compute_objects_cuda) {
    throw ConfigError(where + " has a CUDA per-object function without a CPU one");
  } else if (!family.compute_cpu) {
    throw ConfigError(where + " has no CPU compute function");
  } else if (family.profile == "microscopy") {
    throw ConfigError(where + " has profile \"microscopy\" but no per-object compute function");
  }
  if (family.column_prefix.empty()) throw ConfigError(where + " has no column prefix");
  std::set<std::string> names;
  for (const auto& o : family.outputs)
    if (o.name.empty() || !names.insert(o.name).second)
      throw ConfigError(where + " declares output '" + o.name + "' twice or without a name");
  std::set<std::string> params;
  for (const auto& p : family.params)
    if (p.name.empty() || !params.insert(p.name).second)
      throw ConfigError(where + " declares parameter '" + p.name + "' twice or without a name");
  for (const auto* other : families())
    if (other->column_prefix == family.column_prefix)
      throw ConfigError(where + " uses column prefix '" + family.column_prefix + "' already used by family '" +
                        other->name + "'");
  m_families.push_back(std::move(family));
}

const FamilyDescriptor* Registry::find(std::string_view name) const {
  for (const auto& f : m_families)
    if (f.name == name) return &f;
  return nullptr;
}

const FamilyDescriptor& Registry::at(std::string_view name) const {
  if (const auto* f = find(name)) return *f;
  std::string known;
  for (const auto& f : m_families) known += (known.empty() ? "" : ", ") + f.name;
  throw ConfigError("unknown feature family '" + std::string(name) + "' (known: " + known + ")");
}

std::vector<const FamilyDescriptor*> Registry::families() const {
  std::vector<const FamilyDescriptor*> out;
  for (const auto& f : m_families) out.push_back(&f);
  return out;
}

}  // namespace voxfeat
