#include "support/test_paths.hpp"

#include <atomic>
#include <random>
#include <string>
#include <unistd.h>

namespace voxfeat::test {

std::filesystem::path data_dir() { return VOXFEAT_TEST_DATA_DIR; }
std::filesystem::path source_dir() { return VOXFEAT_SOURCE_DIR; }
std::filesystem::path cli_path() { return VOXFEAT_CLI_PATH; }

std::filesystem::path fresh_temp_dir(const std::string& tag) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("voxfeat-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                    std::to_string(rd() % 100000));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace voxfeat::test
