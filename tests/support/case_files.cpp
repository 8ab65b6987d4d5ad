#include "support/case_files.hpp"

#include <fstream>
#include <sstream>

#include "demo/synthetic_ct.hpp"
#include "io/image_reader.hpp"

namespace voxfeat::test {

CaseFiles write_small_case(const std::filesystem::path& dir, const std::string& stem, std::uint64_t seed) {
  detail::SyntheticCtSpec spec;
  spec.size = {48, 48, 24};
  spec.radii_mm = {9.0, 9.0, 9.0};
  spec.seed = seed;
  const auto ct = detail::make_synthetic_ct(spec);
  CaseFiles files{dir / (stem + ".nii.gz"), dir / (stem + "_mask.nii.gz")};
  io::write_image(files.image, ct.image);
  io::write_mask(files.mask, ct.mask);
  return files;
}

std::filesystem::path write_manifest(const std::filesystem::path& path,
                                     const std::vector<std::vector<std::string>>& rows) {
  std::ofstream out(path);
  out << "patient_id,image,mask,label\n";
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) out << (i ? "," : "") << r[i];
    out << "\n";
  }
  return path;
}

std::filesystem::path write_key_file(const std::filesystem::path& dir, const std::string& name, char fill) {
  const auto path = dir / name;
  std::ofstream(path) << std::string(40, fill);
  return path;
}

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace voxfeat::test
