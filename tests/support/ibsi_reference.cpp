#include "support/ibsi_reference.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "batch/manifest.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {

std::vector<IbsiReference> ibsi_references(const std::string& config, const std::vector<std::string>& families) {
  const auto path = data_dir() / "ibsi" / "ibsi1_reference_values.csv";
  std::ifstream in(path);
  if (!in) throw IoError(path.string() + ": cannot open");
  std::string line;
  std::getline(in, line);  // header: family,feature,ibsi_code,config,value,tolerance,aggregation,aggregation_code,...
  std::vector<IbsiReference> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto f = detail::split_csv_line(line, path.string());
    if (f.size() < 9) throw IoError(path.string() + ": short row: " + line);
    IbsiReference r{f[0], f[1], f[2], f[3], std::stod(f[4]), std::stod(f[5]), f[7], f[8], f.size() > 9 ? f[9] : ""};
    if (r.config != config) continue;
    if (!families.empty() && std::find(families.begin(), families.end(), r.family) == families.end()) continue;
    rows.push_back(std::move(r));
  }
  return rows;
}

double round_3_significant(double x) {
  if (x == 0.0 || !std::isfinite(x)) return x;
  const double magnitude = std::floor(std::log10(std::abs(x)));
  const double scale = std::pow(10.0, 2.0 - magnitude);
  return std::round(x * scale) / scale;
}

bool ibsi_passes(double x, const IbsiReference& r) {
  if (!std::isfinite(x)) return false;
  if (r.tolerance > 0.0) return std::abs(x - r.value) <= r.tolerance * (1.0 + 1e-12);
  // Relative 1e-9 absorbs the binary representation of the rounded decimal; floor 1e-12 for a reference of 0.
  return std::abs(round_3_significant(x) - r.value) <= std::max(1e-9 * std::abs(r.value), 1e-12);
}

std::string column_for(const IbsiReference& reference, const Registry& registry) {
  const FamilyDescriptor* family = registry.find(reference.family);
  if (!family) return "";
  std::vector<const OutputSpec*> candidates;
  for (const auto& o : family->outputs)
    if (o.ibsi_code == reference.ibsi_code) candidates.push_back(&o);
  if (candidates.size() > 1) {
    // "Volume fraction at 10% intensity (V10)" → "v10"
    const auto open = reference.feature.rfind('('), close = reference.feature.rfind(')');
    std::string tag = open != std::string::npos && close > open ? reference.feature.substr(open + 1, close - open - 1)
                                                                 : "";
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    std::erase_if(candidates, [&](const OutputSpec* o) { return o->name != tag; });
  }
  if (candidates.size() != 1) return "";
  for (const auto& a : family->aggregations)
    if (a.ibsi_code == reference.aggregation_code) return column_name(*family, *candidates.front(), a);
  return "";
}

}  // namespace voxfeat::test
