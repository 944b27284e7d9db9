// Host/device qualifiers for the model math shared by the CPU and CUDA backends.
// Everything under kernels/models/ is plain C++ when compiled by the host compiler,
// so the CPU reference and the CUDA kernels run the very same source.
#pragma once

#if defined(__CUDACC__)
#define AXON_HD __host__ __device__ __forceinline__
#else
#define AXON_HD inline
#endif
