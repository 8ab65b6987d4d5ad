#pragma once
// The reference tables of tests/reference/microscopy/ (scikit-image 0.19.3 regionprops and numpy extras): a CSV
// with a header line, one row per label, floats as Python repr and `nan`.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace voxfeat::test::microscopy {

struct ReferenceTable {
  std::vector<std::string> columns;              ///< in file order, "label" first
  std::map<std::uint32_t, std::vector<double>> rows;  ///< by label, values in column order

  [[nodiscard]] std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (columns[i] == name) return i;
    throw std::out_of_range("reference table has no column " + name);
  }
};

inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  return fields;
}

inline ReferenceTable read_reference_table(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  ReferenceTable t;
  std::string line;
  std::getline(in, line);
  t.columns = split_csv_line(line);
  if (t.columns.empty() || t.columns[0] != "label") throw std::runtime_error(path.string() + ": no label column");
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> fields = split_csv_line(line);
    if (fields.size() != t.columns.size()) throw std::runtime_error(path.string() + ": ragged row");
    std::vector<double> values;
    for (const std::string& f : fields) values.push_back(f == "nan" ? NAN : std::stod(f));
    t.rows[std::uint32_t(values[0])] = std::move(values);
  }
  return t;
}

}  // namespace voxfeat::test::microscopy
