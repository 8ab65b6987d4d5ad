// cuda/device_info.hpp and the CUDA error check: these must behave on a machine without a driver (build machines,
// CI) as well as on a GPU server.
#include <gtest/gtest.h>

#include <iostream>
#include <string>

#include "device_info.hpp"
#include "gpu_test_support.hpp"

namespace voxfeat::test {
namespace {

TEST(DeviceAvailable, GivesAReasonWhenFalse) {
  std::string why;
  if (cuda::device_available(&why)) {
    EXPECT_TRUE(why.empty());
  } else {
    EXPECT_NE(why.find("cudaGetDeviceCount"), std::string::npos) << why;
  }
  EXPECT_EQ(cuda::device_available(), cuda::device_available(&why));  // `why` is optional
}

TEST(CudaCheck, ThrowsWithCallFileLineAndRuntimeText) {
  try {
    VOXFEAT_CUDA_CHECK(cudaErrorMemoryAllocation);
    FAIL() << "no exception";
  } catch (const cuda::CudaError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.status(), cudaErrorMemoryAllocation);
    EXPECT_NE(what.find("cudaErrorMemoryAllocation"), std::string::npos) << what;
    EXPECT_NE(what.find("device_info_test.cpp:"), std::string::npos) << what;
    EXPECT_NE(what.find(cudaGetErrorString(cudaErrorMemoryAllocation)), std::string::npos) << what;
  }
  EXPECT_NO_THROW(VOXFEAT_CUDA_CHECK(cudaSuccess));
}

class DeviceInfoTest : public GpuTest {};

TEST_F(DeviceInfoTest, DescribesDeviceZero) {
  const cuda::DeviceInfo info = cuda::device_info(0);
  EXPECT_FALSE(info.name.empty());
  EXPECT_GT(info.multiprocessor_count, 0);
  EXPECT_GE(info.compute_capability_major, 9) << "voxfeat_gpu_tests is built for sm_90 (H100/H200)";
  EXPECT_EQ(cuda::current_multiprocessor_count(), info.multiprocessor_count);  // device 0 is current by default
  EXPECT_GT(info.driver_version, 0);
  std::cout << "[ device   ] " << cuda::describe(info) << "\n";
}

TEST_F(DeviceInfoTest, BadOrdinalThrowsCudaError) {
  EXPECT_THROW(cuda::device_info(1 << 20), cuda::CudaError);
}

}  // namespace
}  // namespace voxfeat::test
