# `cmake --install` puts the library, headers and a CMake package config in place, so other
# projects can find_package(axon) and link axon::engine.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(axon_exported axon_engine axon_kernels_cpu axon_models axon_options axon_random123)
if(TARGET axon_kernels_cuda)
  list(APPEND axon_exported axon_kernels_cuda)
endif()
install(TARGETS ${axon_exported}
        EXPORT axonTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(AXON_HAS_MPI)
  install(DIRECTORY engine/include/axon DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
else()  # axon/mpi.hpp declares what only an MPI build has
  install(DIRECTORY engine/include/axon DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp"
          PATTERN "mpi.hpp" EXCLUDE)
endif()
# The model math is part of the package too (host/device headers a program may reuse).
install(DIRECTORY kernels/models DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/axon/kernels)
install(FILES kernels/views.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/axon/kernels)
install(FILES ${AXON_GENERATED_DIR}/axon/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/axon)
install(EXPORT axonTargets NAMESPACE axon:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/axon)
configure_package_config_file(cmake/axonConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/axonConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/axon)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/axonConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/axonConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/axonConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/axon)
if(TARGET axon)
  install(TARGETS axon RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
