// `voxfeat families`: the registry as people and programs read it. Columns come from the same plan the extractor
// and the store use, so what is listed is exactly what is stored.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>

#include "commands.hpp"
#include "extraction/extractor.hpp"
#include "plugin/plugin_loader.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::cli {
namespace {

const char* type_name(ParamType t) {
  switch (t) {
    case ParamType::integer: return "integer";
    case ParamType::real: return "real";
    case ParamType::boolean: return "boolean";
    case ParamType::text: return "text";
  }
  return "text";
}

/// Every registered family (the PyRadiomics profile's too) with all its aggregations and default parameters: the
/// catalogue when no settings file is given.
Settings catalogue(const Registry& registry) {
  Settings s;
  for (const FamilyDescriptor* f : registry.families()) {
    std::map<std::string, std::string> params;
    for (const auto& p : f->params) params[p.name] = p.default_value;
    s.families.push_back({f->name, ParamValues(std::move(params)), f->aggregations});
  }
  std::sort(s.families.begin(), s.families.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return s;
}

}  // namespace

int run_families(const FamiliesOptions& options) {
  const Registry registry = detail::registry_with_plugins(options.plugins);
  const Settings settings =
      options.settings_path.empty() ? catalogue(registry) : Settings::load(options.settings_path, registry);
  const auto columns = detail::plan_columns(settings, registry);

  // Columns grouped per family, and the output each column comes from (for docs).
  std::map<std::string, std::vector<const detail::ColumnInfo*>> by_family;
  for (const auto& c : columns) by_family[c.family].push_back(&c);
  const auto output_of = [&](const FamilyDescriptor& f, const detail::ColumnInfo& c) -> const OutputSpec* {
    for (const auto& o : f.outputs)
      for (const auto& a : f.aggregations)
        if (column_name(f, o, a) == c.name) return &o;
    return nullptr;
  };

  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& fs : settings.families) {
      const FamilyDescriptor& f = registry.at(fs.name);
      nlohmann::json family{{"name", f.name},     {"version", f.version}, {"ibsi_code", f.ibsi_code},
                            {"origin", f.origin}, {"profile", f.profile}, {"doc", f.doc},
                            {"parameters", nlohmann::json::array()},     {"outputs", nlohmann::json::array()}};
      for (const auto& p : f.params) {
        nlohmann::json param{{"name", p.name},
                             {"type", type_name(p.type)},
                             {"default", p.default_value},
                             {"value", fs.params.text(p.name)},
                             {"doc", p.doc}};
        if (std::isfinite(p.minimum)) param["minimum"] = p.minimum;
        if (std::isfinite(p.maximum)) param["maximum"] = p.maximum;
        if (!p.choices.empty()) param["choices"] = p.choices;
        family["parameters"].push_back(std::move(param));
      }
      for (const auto* c : by_family[f.name]) {
        const OutputSpec* o = output_of(f, *c);
        nlohmann::json output{{"column", c->name},
                              {"feature", o ? o->name : ""},
                              {"unit", c->unit},
                              {"ibsi_code", c->ibsi_code},
                              {"aggregation_code", c->aggregation_code},
                              {"doc", o ? o->doc : ""}};
        // Per-object families: the scikit-image regionprops_table column with the same definition.
        if (o != nullptr && !o->skimage.empty()) output["skimage"] = o->skimage;
        family["outputs"].push_back(std::move(output));
      }
      out.push_back(std::move(family));
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }

  for (const auto& fs : settings.families) {
    const FamilyDescriptor& f = registry.at(fs.name);
    std::cout << f.name << " " << f.version << "  (IBSI " << (f.ibsi_code.empty() ? "-" : f.ibsi_code) << ", "
              << f.origin << ")\n  " << f.doc << "\n";
    for (const auto& p : f.params)
      std::cout << "  parameter " << p.name << " = " << fs.params.text(p.name) << "  (" << type_name(p.type)
                << ", default " << p.default_value << ") " << p.doc << "\n";
    std::cout << "  " << std::left << std::setw(44) << "column" << std::setw(16) << "unit" << std::setw(6) << "IBSI"
              << "aggregation\n";
    for (const auto* c : by_family[f.name])
      std::cout << "  " << std::setw(44) << c->name << std::setw(16) << (c->unit.empty() ? "-" : c->unit)
                << std::setw(6) << (c->ibsi_code.empty() ? "-" : c->ibsi_code) << c->aggregation_code << "\n";
    std::cout << "\n";
  }
  std::cout << columns.size() << " columns from " << settings.families.size() << " families\n";
  return 0;
}

}  // namespace voxfeat::cli
