#include "support/pyradiomics_baseline.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "batch/manifest.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& feature_class) {
  const auto path = data_dir() / "pyradiomics" / ("baseline_" + feature_class + ".csv");
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) rows.push_back(detail::split_csv_line(line, path.string()));
  return rows;
}

}  // namespace

const Registry& pyradiomics_registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

std::vector<std::string> pyradiomics_baseline_columns(const std::string& feature_class) {
  const auto rows = read_csv(feature_class);
  return {rows.front().begin() + 1, rows.front().end()};
}

std::map<std::string, double> pyradiomics_baseline(const std::string& feature_class, const std::string& column) {
  const auto rows = read_csv(feature_class);
  const auto& header = rows.front();
  const auto at = std::size_t(std::find(header.begin(), header.end(), column) - header.begin());
  std::map<std::string, double> values;
  if (at == header.size()) return values;
  const std::string prefix = "original_" + feature_class + "_";
  for (const auto& row : rows)
    if (row[0].rfind(prefix, 0) == 0 && at < row.size() && !row[at].empty()) values[row[0]] = std::stod(row[at]);
  return values;
}

std::string pyradiomics_config(const std::string& column, const std::string& feature_class) {
  // The settings that differ from PyRadiomics' defaults in each column's diagnostics_Configuration_Settings
  // (tests/data/pyradiomics/README.md lists them). Every column but "brain1" has minimumROIDimensions 2.
  static const std::map<std::string, std::string> settings{
      {"brain1", "  binWidth: 25\n  voxelArrayShift: 2000\n  minimumROIDimensions: 1\n"},
      {"brain1_2d", "  force2D: true\n  force2Ddimension: 0\n"},
      {"brain1_FBN", "  binCount: 64\n"},
      {"brain1_combined", "  weightingNorm: no_weighting\n"},
      {"brain1_flatRegion", "  binWidth: 5000\n  resegmentRange: [0]\n"},
      {"brain1_normalization", "  normalize: true\n  normalizeScale: 100\n  binWidth: 5\n"},
      {"brain1_resampling", "  resampledPixelSpacing: [2, 2, 2]\n  interpolator: sitkBSpline\n  padDistance: 5\n"},
      {"brain1_resegmentation", "  resegmentMode: sigma\n  resegmentRange: [-3, 3]\n"},
      {"brain1_shape2D", "  force2D: true\n  correctMask: true\n"},
  };
  const auto it = settings.find(column);
  if (it == settings.end()) throw std::runtime_error("no configuration for baseline column " + column);
  std::string text = "setting:\n  label: 1\n  distances: [1]\n";
  if (column != "brain1") text += "  minimumROIDimensions: 2\n";
  text += it->second;
  text += "imageType:\n  Original: {}\nfeatureClass:\n  " + feature_class + ":\n";
  return text;
}

detail::FeatureRow extract_brain1(const std::string& params_yaml, const std::string& mask_file) {
  const Settings settings = Settings::parse(params_yaml, pyradiomics_registry(), "params.yaml");
  return detail::extract_files(data_dir() / "pyradiomics/brain1_image.nrrd", data_dir() / "pyradiomics" / mask_file,
                               settings.label, settings, pyradiomics_registry());
}

void expect_baseline(const detail::FeatureRow& row, const std::string& feature_class, const std::string& column,
                     const std::map<std::string, double>& replaced) {
  const auto expected = pyradiomics_baseline(feature_class, column);
  ASSERT_FALSE(expected.empty()) << "no baseline column " << column << " for " << feature_class;
  for (const auto& [name, baseline_value] : expected) {
    const auto it = replaced.find(name);
    const double value = it == replaced.end() ? baseline_value : it->second;
    const double x = row.value(name);
    EXPECT_NEAR(x, value, std::max(1e-12, 1e-6 * std::fabs(value))) << column << " " << name;
  }
}

double NpyArray::at(std::initializer_list<std::size_t> index) const {
  if (index.size() != shape.size()) throw std::out_of_range("npy: wrong number of indices");
  std::size_t flat = 0, k = 0;
  for (const std::size_t i : index) {
    if (i >= shape[k]) throw std::out_of_range("npy: index out of range");
    flat = flat * shape[k++] + i;
  }
  return values[flat];
}

NpyArray read_npy(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  char magic[8];
  in.read(magic, 8);
  if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) throw std::runtime_error(path.string() + ": not a .npy file");
  std::size_t header_length = 0;
  if (magic[6] == 1) {
    unsigned char b[2];
    in.read(reinterpret_cast<char*>(b), 2);
    header_length = b[0] | (std::size_t(b[1]) << 8);
  } else {
    unsigned char b[4];
    in.read(reinterpret_cast<char*>(b), 4);
    header_length = b[0] | (std::size_t(b[1]) << 8) | (std::size_t(b[2]) << 16) | (std::size_t(b[3]) << 24);
  }
  std::string header(header_length, '\0');
  in.read(header.data(), std::streamsize(header_length));
  if (header.find("'descr': '<f8'") == std::string::npos)
    throw std::runtime_error(path.string() + ": only little-endian float64 arrays are read");
  const bool fortran = header.find("'fortran_order': True") != std::string::npos;
  std::smatch m;
  if (!std::regex_search(header, m, std::regex(R"('shape': \(([0-9, ]*)\))")))
    throw std::runtime_error(path.string() + ": no shape in the header");
  NpyArray a;
  const std::string dims = m[1];
  const std::regex number("[0-9]+");
  for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it)
    a.shape.push_back(std::stoul(it->str()));
  std::size_t count = 1;
  for (const auto n : a.shape) count *= n;
  std::vector<double> raw(count);
  in.read(reinterpret_cast<char*>(raw.data()), std::streamsize(count * sizeof(double)));
  if (!in) throw std::runtime_error(path.string() + ": truncated data");
  if (!fortran) {
    a.values = std::move(raw);
    return a;
  }
  // Fortran order: the first index fastest. Reorder to C order.
  a.values.resize(count);
  std::vector<std::size_t> index(a.shape.size(), 0);
  for (std::size_t f = 0; f < count; ++f) {
    std::size_t c = 0;
    for (std::size_t k = 0; k < a.shape.size(); ++k) c = c * a.shape[k] + index[k];
    a.values[c] = raw[f];
    for (std::size_t k = 0; k < index.size() && ++index[k] == a.shape[k]; ++k) index[k] = 0;
  }
  return a;
}

}  // namespace voxfeat::test
