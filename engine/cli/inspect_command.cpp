// voxfeat inspect: a readable summary of a store (store/store_summary.hpp does the work).
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "store/store_summary.hpp"

namespace voxfeat::cli {

int run_inspect(const InspectOptions& options) {
  try {
    detail::write_store_summary(options.store_path, std::cout);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "voxfeat inspect: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace voxfeat::cli
