// Host/device qualifiers for the model math shared by the CPU and CUDA backends.
// Everything under kernels/models/ is plain C++ when compiled by the host compiler,
// so the CPU reference and the CUDA kernels run the very same source.
#pragma once

// Always inlined, on the host too: a model step left as a call keeps the CPU's neuron loop
// scalar (the compiler inlines small steps by itself, not the RK4 ones).
#if defined(__CUDACC__)
#define AXON_HD __host__ __device__ __forceinline__
#elif defined(__GNUC__)
#define AXON_HD inline __attribute__((always_inline))
#else
#define AXON_HD inline
#endif
