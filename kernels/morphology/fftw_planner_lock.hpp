#pragma once
// FFTW's planner (plan creation and destruction) is not thread-safe; fftw_execute* on existing plans is. Every
// kernel that plans FFTW transforms takes this one process-wide mutex. (Shared by any topic using FFTW; candidate
// for kernels/common once a second topic needs it.)
#include <mutex>

namespace voxfeat::kernels {

std::mutex& fftw_planner_mutex();

}  // namespace voxfeat::kernels
