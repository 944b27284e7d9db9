# AXON_PYTHON: AUTO builds the Python module (`import axon`) when Python's development files and
# nanobind are found, ON requires them, OFF leaves it out. Sets AXON_HAS_PYTHON.
# Where the project has a virtual environment at .venv (scripts/setup.sh makes one with nanobind,
# numpy and pytest), its interpreter is the one used, unless Python_EXECUTABLE is given.
set(AXON_PYTHON AUTO CACHE STRING "Build the Python module: AUTO, ON or OFF")
set_property(CACHE AXON_PYTHON PROPERTY STRINGS AUTO ON OFF)
set(AXON_HAS_PYTHON OFF)
if(NOT AXON_PYTHON STREQUAL "OFF")
  if(NOT DEFINED Python_EXECUTABLE AND NOT DEFINED SKBUILD AND EXISTS "${PROJECT_SOURCE_DIR}/.venv/bin/python3")
    set(Python_EXECUTABLE "${PROJECT_SOURCE_DIR}/.venv/bin/python3")
  endif()
  find_package(Python 3.9 COMPONENTS Interpreter Development.Module)
  if(Python_FOUND)
    execute_process(COMMAND "${Python_EXECUTABLE}" -m nanobind --cmake_dir
                    OUTPUT_VARIABLE _axon_nanobind_dir OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(_axon_nanobind_dir)
      list(APPEND CMAKE_PREFIX_PATH "${_axon_nanobind_dir}")
    endif()
    find_package(nanobind CONFIG QUIET)
  endif()
  if(Python_FOUND AND nanobind_FOUND)
    set(AXON_HAS_PYTHON ON)
    message(STATUS "Axon: Python module for ${Python_EXECUTABLE} (nanobind ${nanobind_VERSION})")
  elseif(AXON_PYTHON STREQUAL "ON")
    message(FATAL_ERROR "AXON_PYTHON=ON needs Python's development files and nanobind "
                        "(scripts/setup.sh makes .venv with them; or pip install nanobind)")
  else()
    message(STATUS "Axon: no Python module (Python development files or nanobind not found; scripts/setup.sh)")
  endif()
endif()
