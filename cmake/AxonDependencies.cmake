# Every dependency comes from Debian's packages (scripts/setup.sh) or the CUDA toolkit;
# nothing is downloaded at configure or build time.
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(spdlog REQUIRED)
find_package(tomlplusplus REQUIRED)  # experiment files

find_path(AXON_RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
add_library(axon_random123 INTERFACE)
target_include_directories(axon_random123 SYSTEM INTERFACE ${AXON_RANDOM123_INCLUDE_DIR})
