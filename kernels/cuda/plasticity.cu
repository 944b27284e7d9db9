#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "plasticity.cuh"

namespace axon::cuda {
namespace {

__global__ void decay_kernel(float* trace, uint32_t n, float factor) {
    const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) trace[i] *= factor;
}

__global__ void copy_list_kernel(const uint32_t* src, const uint32_t* src_count, uint32_t* dst, uint32_t* dst_count) {
    const uint32_t n = *src_count;
    for (uint32_t k = blockIdx.x * blockDim.x + threadIdx.x; k < n; k += gridDim.x * blockDim.x) dst[k] = src[k];
    if (blockIdx.x == 0 && threadIdx.x == 0) *dst_count = n;
}

__global__ void arrivals_kernel(PlasticityStepParams p, const uint64_t* row_start, const uint32_t* post, float* weight,
                                const uint32_t* arrivals, const uint32_t* arrival_count, float* x_pre,
                                const float* y_post) {
    const uint32_t lane_id = threadIdx.x & 31;
    const uint32_t warp = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    const uint32_t warps = (gridDim.x * blockDim.x) >> 5;
    const uint32_t n = *arrival_count;
    for (uint32_t k = warp; k < n; k += warps) {
        const uint32_t i = arrivals[k];
        if (lane_id == 0) x_pre[i] = trace_after_spike(p, x_pre[i]);
        __syncwarp();
        const float x = x_pre[i];
        for (uint64_t s = row_start[i] + lane_id; s < row_start[i + 1]; s += 32)
            weight[s] = weight_on_pre(p, weight[s], x, y_post[post[s]]);
    }
}

__global__ void post_spikes_kernel(PlasticityStepParams p, TransposeDeviceView c, float* weight, const uint32_t* spikes,
                                   const uint32_t* spike_count, const float* x_pre, float* y_post) {
    const uint32_t lane_id = threadIdx.x & 31;
    const uint32_t warp = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    const uint32_t warps = (gridDim.x * blockDim.x) >> 5;
    const uint32_t n = *spike_count;
    for (uint32_t k = warp; k < n; k += warps) {
        const uint32_t j = spikes[k];
        if (lane_id == 0) y_post[j] = trace_after_spike(p, y_post[j]);
        __syncwarp();
        const float y = y_post[j];
        for (uint64_t e = c.column_start[j] + lane_id; e < c.column_start[j + 1]; e += 32) {
            const uint32_t s = c.synapse[e];
            weight[s] = weight_on_post(p, weight[s], x_pre[c.pre[e]], y);
        }
    }
}

}  // namespace

void launch_decay_traces(float* trace, uint32_t n, float factor, cudaStream_t stream) {
    decay_kernel<<<blocks_for(n, kNeuronBlock), kNeuronBlock, 0, stream>>>(trace, n, factor);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_copy_spike_list(const uint32_t* src, const uint32_t* src_count, uint32_t max, uint32_t* dst,
                            uint32_t* dst_count, cudaStream_t stream) {
    copy_list_kernel<<<blocks_for(max < 65536 ? max : 65536, kNeuronBlock), kNeuronBlock, 0, stream>>>(src, src_count, dst,
                                                                                                       dst_count);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_learn_on_arrivals(const PlasticityStepParams& p, const uint64_t* row_start, const uint32_t* post,
                              float* weight, const uint32_t* arrivals, const uint32_t* arrival_count, uint32_t max,
                              float* x_pre, const float* y_post, cudaStream_t stream) {
    arrivals_kernel<<<row_blocks(max), kRowBlock, 0, stream>>>(p, row_start, post, weight, arrivals, arrival_count, x_pre,
                                                                y_post);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_learn_on_post_spikes(const PlasticityStepParams& p, const TransposeDeviceView& columns, float* weight,
                                 const uint32_t* spikes, const uint32_t* spike_count, uint32_t max, const float* x_pre,
                                 float* y_post, cudaStream_t stream) {
    post_spikes_kernel<<<row_blocks(max), kRowBlock, 0, stream>>>(p, columns, weight, spikes, spike_count, x_pre, y_post);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
