// Every CUDA runtime call goes through AXON_CUDA_CHECK: a failure clears the (non-sticky)
// error state, so it cannot leak into an unrelated later check, and throws axon::CudaError
// naming the call, the error, the file and the line. Never exit() or abort().
#pragma once
#include <cuda_runtime.h>

#include "axon/errors.hpp"

#define AXON_CUDA_CHECK(expr)                                                                                  \
    do {                                                                                                       \
        const cudaError_t axon_err_ = (expr);                                                                  \
        if (axon_err_ != cudaSuccess) {                                                                        \
            (void)cudaGetLastError();                                                                          \
            throw ::axon::CudaError(static_cast<int>(axon_err_), cudaGetErrorName(axon_err_),                  \
                                    cudaGetErrorString(axon_err_), #expr, __FILE__, __LINE__);                 \
        }                                                                                                      \
    } while (0)

/// After a kernel launch: launch errors surface here, not at some later call.
#define AXON_CUDA_CHECK_LAUNCH() AXON_CUDA_CHECK(cudaGetLastError())
