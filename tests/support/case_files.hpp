#pragma once
// Small on-disk cases for batch and bad-input tests: a seeded synthetic CT (sphere tumour) written as NIfTI.
#include <filesystem>
#include <string>
#include <vector>

namespace voxfeat::test {

struct CaseFiles {
  std::filesystem::path image;
  std::filesystem::path mask;
};

/// Writes <dir>/<stem>.nii.gz and <stem>_mask.nii.gz: 48×48×24 voxels at 1×1×2 mm, a sphere of radius 9 mm.
CaseFiles write_small_case(const std::filesystem::path& dir, const std::string& stem, std::uint64_t seed = 7);

/// A manifest with the given rows (each row: patient_id, image, mask, label; label may be empty).
std::filesystem::path write_manifest(const std::filesystem::path& path,
                                     const std::vector<std::vector<std::string>>& rows);

/// A 32-byte-plus key file for tests.
std::filesystem::path write_key_file(const std::filesystem::path& dir, const std::string& name, char fill = 'k');

/// Every byte of a file.
std::string read_bytes(const std::filesystem::path& path);

}  // namespace voxfeat::test
