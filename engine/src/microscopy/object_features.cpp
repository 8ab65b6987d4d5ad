#include "microscopy/object_features.hpp"

#include <limits>
#include <span>
#include <stdexcept>

#include <tbb/parallel_for.h>

#include "extraction/device_choice.hpp"
#include "extraction/extractor.hpp"
#include "microscopy/object_pixels.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {

void require_object_families(const Settings& settings, const Registry& registry) {
  if (settings.families.empty())
    throw ConfigError("the settings name no per-object family (settings/microscopy_default.yaml lists them)");
  for (const auto& fs : settings.families)
    if (!registry.at(fs.name).compute_objects)
      throw ConfigError("family '" + fs.name + "' computes ROI features, not per-object ones: `voxfeat objects` runs "
                        "only families of profile microscopy (voxfeat families lists them)");
}

void fill_object_rows(const ObjectContext& objects, const Settings& settings, const Registry& registry,
                      std::size_t width, std::span<double> values, const std::string& name) {
  const auto& table = objects.objects();
  const std::size_t n = table.objects.size();
  if (values.size() != n * width) throw std::logic_error("fill_object_rows: values must hold objects × columns");
  std::size_t object_pixels = 0;
  for (const auto& o : table.objects) object_pixels += o.area;
  // Each family writes its own columns (plan_columns' order: families, then their selected outputs).
  std::vector<std::size_t> first_column(settings.families.size());
  for (std::size_t f = 0, column = 0; f < settings.families.size(); ++f) {
    first_column[f] = column;
    const FamilyDescriptor& family = registry.at(settings.families[f].name);
    for (const auto& output : family.outputs) column += settings.families[f].writes(output.name) ? 1 : 0;
  }
  tbb::parallel_for(std::size_t(0), settings.families.size(), [&](std::size_t f) {
    const FamilySettings& fs = settings.families[f];
    const FamilyDescriptor& family = registry.at(fs.name);
    const std::size_t outputs = family.outputs.size();
    std::vector<double> out(n * outputs, std::numeric_limits<double>::quiet_NaN());
    try {
      // The GPU under the extraction's device rule, by the image's object pixels (--device auto: large images).
      const bool gpu = family.compute_objects_cuda && gpu_computes(objects.execution(), object_pixels);
      (gpu ? family.compute_objects_cuda : family.compute_objects)(objects, fs.params, out);
    } catch (const Error& e) {
      throw Error(name + ": family " + family.name + ": " + e.what());
    } catch (const std::exception& e) {
      throw Error(name + ": family " + family.name + " failed: " + e.what());
    }
    std::size_t column = first_column[f];
    for (std::size_t o = 0; o < outputs; ++o) {
      if (!fs.writes(family.outputs[o].name)) continue;
      for (std::size_t i = 0; i < n; ++i) values[i * width + column] = out[i * outputs + o];
      ++column;
    }
  });
}

ObjectRows compute_object_features(const ObjectContext& objects, const Settings& settings, const Registry& registry,
                                   const std::string& name) {
  require_object_families(settings, registry);
  ObjectRows rows;
  rows.columns = plan_columns(settings, registry);
  const auto& table = objects.objects();
  rows.labels.reserve(table.objects.size());
  for (const auto& o : table.objects) rows.labels.push_back(o.label);
  rows.values.assign(table.objects.size() * rows.columns.size(), std::numeric_limits<double>::quiet_NaN());
  fill_object_rows(objects, settings, registry, rows.columns.size(), rows.values, name);
  return rows;
}

}  // namespace voxfeat::detail
