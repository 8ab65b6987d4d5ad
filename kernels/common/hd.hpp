#pragma once
// VOXFEAT_HD marks a formula that both g++ and nvcc compile: each feature formula exists once (DESIGN.md).
#if defined(__CUDACC__)
#define VOXFEAT_HD __host__ __device__
#else
#define VOXFEAT_HD
#endif
