# Every dependency is a Debian 12 package (scripts/install-deps.sh installs them).
find_package(TBB REQUIRED)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(OpenSSL REQUIRED)
find_package(yaml-cpp REQUIRED)           # target: yaml-cpp (TOOLCHAIN.md, trap 6)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 CONFIG QUIET)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(Eigen3 REQUIRED NO_MODULE)
find_package(Qhull REQUIRED)              # reentrant target: Qhull::qhull_r
find_package(PkgConfig REQUIRED)
pkg_check_modules(FFTW3 REQUIRED IMPORTED_TARGET fftw3)  # Debian's FFTW3Config.cmake is broken; pkg-config works
find_package(Threads REQUIRED)
find_package(TIFF 4.5 REQUIRED)           # microscopy planes (engine/src/io/microscopy): TIFFOpenExt is new in 4.5
find_package(PNG REQUIRED)
if(VOXFEAT_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(VOXFEAT_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
