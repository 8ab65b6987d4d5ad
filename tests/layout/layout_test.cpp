// The house rules of DESIGN.md that a compiler does not check: ITK stays inside engine/src/io, kernels and cuda
// see neither the engine nor the plugins, and the public headers include nothing private.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

namespace fs = std::filesystem;

struct Include {
  std::string file;  // relative to the repository root
  std::string header;
};

std::vector<Include> includes_under(const std::string& folder) {
  static const std::regex include_line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::vector<Include> out;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() / folder)) {
    const auto ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".cu" && ext != ".h" && ext != ".in"))
      continue;
    std::ifstream in(entry.path());
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
      if (std::regex_search(line, m, include_line))
        out.push_back({fs::relative(entry.path(), source_dir()).string(), m[1].str()});
  }
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

TEST(Layout, ItkStaysInsideEngineSrcIo) {
  std::size_t itk_includes_in_io = 0;  // proves the scanner sees ITK includes at all
  for (const auto& inc : includes_under("engine/src/io")) itk_includes_in_io += starts_with(inc.header, "itk");
  EXPECT_GT(itk_includes_in_io, 0u);
  for (const char* folder : {"engine", "kernels", "plugins", "cuda", "bench", "tests"})
    for (const auto& inc : includes_under(folder)) {
      if (starts_with(inc.header, "itk") || starts_with(inc.header, "ITK")) {
        EXPECT_TRUE(starts_with(inc.file, "engine/src/io/")) << inc.file << " includes " << inc.header;
      }
    }
}

TEST(Layout, KernelsAndCudaSeeNeitherTheEngineNorThePlugins) {
  for (const char* folder : {"kernels", "cuda"}) {
    for (const auto& inc : includes_under(folder)) {
      EXPECT_FALSE(starts_with(inc.header, "voxfeat/") || starts_with(inc.header, "io/") ||
                   starts_with(inc.header, "support/") || starts_with(inc.header, "extraction/"))
          << inc.file << " includes " << inc.header;
    }
  }
}

TEST(Layout, PublicHeadersIncludeOnlyPublicHeadersAndTheStandardLibrary) {
  for (const auto& inc : includes_under("engine/include")) {
    EXPECT_TRUE(starts_with(inc.header, "voxfeat/") || inc.header.find('/') == std::string::npos)
        << inc.file << " includes " << inc.header;
  }
}

}  // namespace
}  // namespace voxfeat::test
