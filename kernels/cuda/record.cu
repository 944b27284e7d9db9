#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "record.cuh"

namespace axon::cuda {
namespace {

__global__ void record_kernel(const uint32_t* spikes, const uint32_t* count, uint32_t* buffer, uint64_t capacity,
                              const unsigned long long* offset, uint32_t* overflow) {
    const uint32_t n = *count;
    const unsigned long long base = *offset;
    if (base + n > capacity) {
        if (blockIdx.x == 0 && threadIdx.x == 0) *overflow = 1;
        return;
    }
    for (uint32_t k = blockIdx.x * blockDim.x + threadIdx.x; k < n; k += gridDim.x * blockDim.x) buffer[base + k] = spikes[k];
}

// A separate launch, so that every block of record_kernel has read the old offset.
__global__ void advance_kernel(const uint32_t* count, unsigned long long* offset, uint32_t* step_counts,
                               uint32_t step_index) {
    step_counts[step_index] = *count;
    *offset += *count;
}

__global__ void sample_kernel(LifStateView s, const uint32_t* ids, uint32_t n, const uint32_t* vars, uint32_t n_vars,
                              float* out) {
    const uint32_t k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k >= n * n_vars) return;
    const uint32_t v = k / n, i = ids[k % n];
    float x = 0.0f;
    switch (vars[v]) {  // StateVar: v, theta, i_exc, i_inh, refractory
    case 0: x = s.v[i]; break;
    case 1: x = s.theta[i]; break;
    case 2: x = s.i_exc ? s.i_exc[i] : 0.0f; break;
    case 3: x = s.i_inh ? s.i_inh[i] : 0.0f; break;
    default: x = static_cast<float>(s.refractory[i]); break;
    }
    out[k] = x;
}

}  // namespace

void launch_record_spikes(const uint32_t* spikes, const uint32_t* count, uint32_t max, uint32_t* buffer,
                          uint64_t capacity, unsigned long long* offset, uint32_t* step_counts, uint32_t step_index,
                          uint32_t* overflow, cudaStream_t stream) {
    record_kernel<<<blocks_for(max < 65536 ? max : 65536, kNeuronBlock), kNeuronBlock, 0, stream>>>(spikes, count, buffer,
                                                                                                    capacity, offset, overflow);
    AXON_CUDA_CHECK_LAUNCH();
    advance_kernel<<<1, 1, 0, stream>>>(count, offset, step_counts, step_index);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_sample_state(const LifStateView& state, const uint32_t* ids, uint32_t n, const uint32_t* vars, uint32_t n_vars,
                         float* out, cudaStream_t stream) {
    sample_kernel<<<blocks_for(static_cast<uint64_t>(n) * n_vars, kNeuronBlock), kNeuronBlock, 0, stream>>>(state, ids, n,
                                                                                                           vars, n_vars, out);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
