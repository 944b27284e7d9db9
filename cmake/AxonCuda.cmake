# AXON_CUDA: AUTO builds the CUDA parts when a CUDA compiler is found, ON requires one,
# OFF builds the CPU engine only. Sets AXON_HAS_CUDA.
set(AXON_CUDA AUTO CACHE STRING "Build the CUDA backend: AUTO, ON or OFF")
set_property(CACHE AXON_CUDA PROPERTY STRINGS AUTO ON OFF)
set(AXON_HAS_CUDA OFF)
if(NOT AXON_CUDA STREQUAL "OFF")
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      # 90 == Hopper (H100/H200), the GPUs this project benchmarks on. Override with
      # -DCMAKE_CUDA_ARCHITECTURES=native (preset cuda-native) or a list such as "80;90".
      set(CMAKE_CUDA_ARCHITECTURES 90)
    endif()
    enable_language(CUDA)
    set(CMAKE_CUDA_STANDARD 17)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    find_package(CUDAToolkit REQUIRED)
    set(AXON_HAS_CUDA ON)
  elseif(AXON_CUDA STREQUAL "ON")
    message(FATAL_ERROR "AXON_CUDA=ON but no CUDA compiler was found (is nvcc on the PATH?)")
  endif()
endif()
message(STATUS "Axon: CUDA backend ${AXON_HAS_CUDA} (AXON_CUDA=${AXON_CUDA})")
