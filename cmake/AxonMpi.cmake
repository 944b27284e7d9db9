# AXON_MPI: AUTO builds distributed runs (axon/mpi.hpp, `mpirun -np N axon run`) when an MPI
# implementation is found (OpenMPI from Debian's packages: scripts/setup.sh), ON requires one,
# OFF builds without. Sets AXON_HAS_MPI, and AXON_MPIEXEC for the multi-rank tests.
set(AXON_MPI AUTO CACHE STRING "Build distributed runs over MPI: AUTO, ON or OFF")
set_property(CACHE AXON_MPI PROPERTY STRINGS AUTO ON OFF)
set(AXON_HAS_MPI OFF)
if(NOT AXON_MPI STREQUAL "OFF")
  find_package(MPI COMPONENTS CXX QUIET)
  if(MPI_CXX_FOUND)
    set(AXON_HAS_MPI ON)
    set(AXON_MPIEXEC ${MPIEXEC_EXECUTABLE})
  elseif(AXON_MPI STREQUAL "ON")
    message(FATAL_ERROR "AXON_MPI=ON but no MPI was found (scripts/setup.sh installs OpenMPI)")
  endif()
endif()
message(STATUS "Axon: MPI ${AXON_HAS_MPI} (AXON_MPI=${AXON_MPI})")
