#include "store/csv_export.hpp"

#include <charconv>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double value) {
  if (std::isnan(value)) return {};
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  // to_chars is locale-independent (a German locale must not turn 0.5 into "0,5" in a CSV).
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
  return std::string(buffer, result.ptr);
}

CsvReport write_feature_csv(const FeatureStore& store, std::ostream& out) {
  CsvReport report;
  std::vector<std::string> header;
  std::map<std::string, std::size_t> position;  // feature column → index in header's feature part
  const auto hashes = store.settings_hashes();
  std::map<std::string, std::vector<std::size_t>> table_positions;
  for (const auto& hash : hashes) {
    auto& positions = table_positions[hash];
    for (const ColumnInfo& c : store.columns(hash)) {
      const auto [it, added] = position.emplace(c.name, header.size());
      if (added) header.push_back(c.name);
      positions.push_back(it->second);
    }
  }
  report.feature_columns = header.size();

  // Diagnostics columns (PyRadiomics' diagnostics_*), in the order they first appear, before the features as
  // PyRadiomics writes them.
  const auto cases = store.cases();
  std::vector<std::string> diagnostic_names;
  std::map<std::string, std::size_t> diagnostic_position;
  for (const CaseRecord& c : cases) {
    if (!c.ok || c.diagnostics.empty()) continue;
    const auto diagnostics = nlohmann::ordered_json::parse(c.diagnostics);
    for (const auto& [name, value] : diagnostics.items())
      if (diagnostic_position.emplace(name, diagnostic_names.size()).second) diagnostic_names.push_back(name);
  }

  out << "patient_pseudonym,study_pseudonym,series_pseudonym,label,settings_sha256,run_id";
  for (const auto& name : diagnostic_names) out << ',' << csv_field(name);
  for (const auto& name : header) out << ',' << csv_field(name);
  out << '\n';

  std::vector<std::string> fields(header.size()), diagnostic_fields(diagnostic_names.size());
  for (const auto& hash : hashes) {
    const auto& positions = table_positions[hash];
    for (const CaseRecord& c : cases) {
      // Successful attempts are exactly the feature rows: the store keeps one per key.
      if (!c.ok || c.key.settings_sha256 != hash) continue;
      std::fill(diagnostic_fields.begin(), diagnostic_fields.end(), std::string());
      if (!c.diagnostics.empty()) {
        const auto diagnostics = nlohmann::ordered_json::parse(c.diagnostics);
        for (const auto& [name, value] : diagnostics.items())
          diagnostic_fields[diagnostic_position.at(name)] = value.get<std::string>();
      }
      // A case row, or one row per object of an objects table.
      const std::size_t row_count = c.object_labels.empty() ? 1 : c.object_labels.size();
      for (std::size_t row = 0; row < row_count; ++row) {
        std::fill(fields.begin(), fields.end(), std::string());
        const std::size_t first = row * positions.size();
        for (std::size_t j = 0; j < positions.size() && first + j < c.values.size(); ++j)
          fields[positions[j]] = csv_number(c.values[first + j]);
        // An objects table's line is one object: its label in the label column, as scikit-image's tables have it.
        const std::string label = c.object_labels.empty() ? c.key.label : std::to_string(c.object_labels[row]);
        out << csv_field(c.key.patient_pseudonym) << ',' << csv_field(c.key.study_pseudonym) << ','
            << csv_field(c.key.series_pseudonym) << ',' << csv_field(label) << ',' << c.key.settings_sha256 << ','
            << csv_field(c.run_id);
        for (const auto& f : diagnostic_fields) out << ',' << csv_field(f);
        for (const auto& f : fields) out << ',' << f;
        out << '\n';
        ++report.rows;
      }
    }
  }
  out.flush();
  if (!out) throw IoError("CSV export: write failed (disk full or closed output?)");
  return report;
}

}  // namespace voxfeat::detail
