#include "morphology/fftw_planner_lock.hpp"

namespace voxfeat::kernels {

std::mutex& fftw_planner_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace voxfeat::kernels
