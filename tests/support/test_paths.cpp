#include "support/test_paths.hpp"

#include <atomic>
#include <cstdlib>
#include <random>
#include <string>
#include <unistd.h>

namespace voxfeat::test {

namespace {

/// The build's path, unless the environment names another checkout (VOXFEAT_SOURCE_DIR): a test binary carried to
/// another machine (bench/gpu/run_e2e_on_device.sh) reads that checkout's settings/ and tests/data/.
std::filesystem::path checkout_or(const char* built_in, const char* below_checkout) {
  if (const char* root = std::getenv("VOXFEAT_SOURCE_DIR"); root && *root)
    return std::filesystem::path(root) / below_checkout;
  return built_in;
}

}  // namespace

std::filesystem::path data_dir() { return checkout_or(VOXFEAT_TEST_DATA_DIR, "tests/data"); }
std::filesystem::path source_dir() { return checkout_or(VOXFEAT_SOURCE_DIR, ""); }
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
