// docs/families.md is generated from the family descriptors; this fails when a family changed and the committed
// page was not regenerated (python3 scripts/families_doc.py build/engine/cli/voxfeat docs/families.md).
#include <gtest/gtest.h>

#include <cstdlib>

#include "support/case_files.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

TEST(Docs, FamiliesPageIsGeneratedFromTheDescriptors) {
  const auto out = fresh_temp_dir("docs") / "families.md";
  const std::string command = "python3 " + (source_dir() / "scripts/families_doc.py").string() + " " +
                              cli_path().string() + " " + out.string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_EQ(read_bytes(out), read_bytes(source_dir() / "docs/families.md"))
      << "docs/families.md is stale: run python3 scripts/families_doc.py build/engine/cli/voxfeat docs/families.md";
}

}  // namespace
}  // namespace voxfeat::test
