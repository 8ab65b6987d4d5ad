#include "extraction/extractor.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>
#include <memory>

#include "extraction/case_roi.hpp"
#include "extraction/case_source.hpp"
#include "extraction/device_choice.hpp"
#include "extraction/pyradiomics_diagnostics.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {

std::vector<ColumnInfo> plan_columns(const Settings& settings, const Registry& registry) {
  std::vector<ColumnInfo> columns;
  for (const auto& fs : settings.families) {
    const FamilyDescriptor& family = registry.at(fs.name);
    for (const auto& output : family.outputs)
      if (fs.writes(output.name))
        for (const auto& aggregation : fs.aggregations)
          columns.push_back({column_name(family, output, aggregation), family.name, output.unit, output.ibsi_code,
                             aggregation.ibsi_code});
  }
  return columns;
}

void require_roi_families(const Settings& settings, const Registry& registry) {
  for (const auto& fs : settings.families)
    if (registry.at(fs.name).compute_objects)
      throw ConfigError("family '" + fs.name + "' computes per-object features of microscopy label images: use it "
                        "with `voxfeat objects`, not in an ROI extraction");
}

double FeatureRow::value(std::string_view column) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == column) return values[i];
  throw Error("feature column '" + std::string(column) + "' is not in this row");
}

namespace {

FeatureRow extract_prepared(const CaseRoi& roi, const Settings& settings, const Registry& registry,
                            const std::string& case_name) {
  require_roi_families(settings, registry);
  FeatureRow row;
  row.columns = plan_columns(settings, registry);
  row.values.assign(row.columns.size(), std::numeric_limits<double>::quiet_NaN());

  // One task per (family, aggregation); each writes its own slots, so the result does not depend on scheduling.
  struct Task {
    const FamilyDescriptor* family;
    const FamilySettings* settings;
    const AggregationSpec* aggregation;
    std::vector<std::ptrdiff_t> columns;  // per output of the family: its column, or -1 when not written
  };
  std::vector<Task> tasks;
  std::size_t column = 0;
  for (const auto& fs : settings.families) {
    const FamilyDescriptor& family = registry.at(fs.name);
    // Columns run output by output, each with its aggregations (plan_columns' order).
    std::vector<std::ptrdiff_t> first(family.outputs.size(), -1);
    for (std::size_t o = 0; o < family.outputs.size(); ++o)
      if (fs.writes(family.outputs[o].name)) {
        first[o] = std::ptrdiff_t(column);
        column += fs.aggregations.size();
      }
    for (std::size_t a = 0; a < fs.aggregations.size(); ++a) {
      Task task{&family, &fs, &fs.aggregations[a], first};
      for (auto& c : task.columns)
        if (c >= 0) c += std::ptrdiff_t(a);
      tasks.push_back(std::move(task));
    }
  }
  tbb::parallel_for(std::size_t(0), tasks.size(), [&](std::size_t t) {
    const Task& task = tasks[t];
    std::vector<double> out(task.family->outputs.size(), std::numeric_limits<double>::quiet_NaN());
    try {
      const bool gpu = runs_on_gpu(roi.execution(), *task.family, roi.roi_intensities().size());
      (gpu ? task.family->compute_cuda : task.family->compute_cpu)(roi, task.settings->params, *task.aggregation,
                                                                   out);
    } catch (const Error& e) {
      throw Error(case_name + ": family " + task.family->name + ": " + e.what());
    } catch (const std::exception& e) {
      throw Error(case_name + ": family " + task.family->name + " failed: " + e.what());
    }
    for (std::size_t o = 0; o < out.size(); ++o)
      if (task.columns[o] >= 0) row.values[std::size_t(task.columns[o])] = out[o];
  });
  return row;
}

}  // namespace

FeatureRow extract_roi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
                       const Registry& registry, const ExecutionContext& execution, const std::string& case_name) {
  return extract_prepared(CaseRoi(image, mask, settings, execution, case_name), settings, registry, case_name);
}

FeatureRow extract_case(const CaseSource& source, const Settings& settings, const Registry& registry,
                        const ExecutionContext& execution, const std::string& case_name) {
  std::unique_ptr<CaseRoi> roi;
  std::string diagnostics;
  {
    // The full volumes live only until the ROI box is cropped out of them: peak memory stays near one decoded
    // image plus one mask, whatever the families do afterwards.
    LoadedCase loaded;
    try {
      loaded = load_case(source, settings);
    } catch (const InputError& e) {
      throw InputError(case_name + ": " + e.what());
    } catch (const ConfigError& e) {
      throw ConfigError(case_name + ": " + e.what());
    } catch (const Error& e) {
      throw IoError(case_name + ": " + e.what());
    }
    try {
      ProcessedRoi processed = process_roi(loaded.image, loaded.mask, settings, ProcessingExtent::roi_neighbourhood,
                                           case_name, loaded.integer_pixels, execution);
      if (settings.pyradiomics_diagnostics)
        diagnostics = pyradiomics_diagnostics(source, loaded, processed, settings);
      roi = std::make_unique<CaseRoi>(std::move(processed), settings, execution);
    } catch (const InputError& e) {
      throw InputError(std::string(e.what()) + " (image " + source.image.string() + ", mask " +
                       source.mask.string() + ")");
    }
  }
  FeatureRow row = extract_prepared(*roi, settings, registry, case_name);
  row.diagnostics = std::move(diagnostics);
  return row;
}

FeatureRow extract_files(const std::filesystem::path& image_path, const std::filesystem::path& mask_path,
                         const LabelSelector& label, const Settings& settings, const Registry& registry,
                         const ExecutionContext& execution, const std::string& case_name) {
  return extract_case({image_path, mask_path, label, {}, {}}, settings, registry, execution, case_name);
}

}  // namespace voxfeat::detail
