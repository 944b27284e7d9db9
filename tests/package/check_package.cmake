# ctest driver: install Axon into a scratch prefix, then configure, build and run the consumer
# project against it, with the build's own flags (a sanitizer build needs them).
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... [-DCONSUMER_CXX_FLAGS=...] -P this
#     installs the build in BUILD_DIR (static, CUDA included where it was built);
#   cmake -DSHARED_FROM=<repository> -DSOURCE_DIR=... -DWORK_DIR=... -P this
#     builds and installs a shared, CPU-only Axon from the repository first, and then checks that
#     the consumer loads libaxon.so and that the library exports its public API only.
file(REMOVE_RECURSE ${WORK_DIR})
if(SHARED_FROM)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${SHARED_FROM} -B ${WORK_DIR}/axon -G Ninja -DCMAKE_BUILD_TYPE=Release
                          -DBUILD_SHARED_LIBS=ON -DAXON_CUDA=OFF -DAXON_BUILD_TESTS=OFF -DAXON_BUILD_BENCH=OFF
                          -DAXON_BUILD_EXAMPLES=OFF -DAXON_PYTHON=OFF
                  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/axon OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
  set(BUILD_DIR ${WORK_DIR}/axon)
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
# Without the CUDA toolkit on the PATH: a CUDA-built Axon must not need it in its consumers.
execute_process(COMMAND ${CMAKE_COMMAND} -E env PATH=/usr/local/bin:/usr/bin:/bin
                        ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -G Ninja
                        -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix
                        "-DCMAKE_CXX_FLAGS=${CONSUMER_CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_LINKER_FLAGS}"
                OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${WORK_DIR}/build/consumer COMMAND_ERROR_IS_FATAL ANY)
if(SHARED_FROM)
  execute_process(COMMAND readelf -d ${WORK_DIR}/build/consumer OUTPUT_VARIABLE needed COMMAND_ERROR_IS_FATAL ANY)
  if(NOT needed MATCHES "libaxon\\.so")
    message(FATAL_ERROR "the consumer does not load libaxon.so:\n${needed}")
  endif()
  file(GLOB library ${WORK_DIR}/prefix/lib*/libaxon.so)
  execute_process(COMMAND nm -D -C --defined-only ${library} OUTPUT_VARIABLE symbols COMMAND_ERROR_IS_FATAL ANY)
  # Public API in, internals out: Simulator is exported; the synapse builder and the CPU kernels are not.
  if(NOT symbols MATCHES "axon::Simulator::run")
    message(FATAL_ERROR "libaxon.so does not export axon::Simulator::run")
  endif()
  foreach(internal "axon::detail::build_synapses" "axon::cpu::")
    string(FIND "${symbols}" "${internal}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "libaxon.so exports an internal symbol (${internal})")
    endif()
  endforeach()
  message("shared library: public API exported, internals hidden")
endif()
