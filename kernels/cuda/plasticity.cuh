// Phase 5 on the GPU, the twin of kernels/cpu/plasticity.cpp: traces decay (thread per
// neuron); presynaptic arrivals row-wise (a warp per arriving row: lane 0 bumps the trace,
// then the lanes update the row's weights); postsynaptic spikes column-wise through the
// transposed index (a warp per spiking neuron). Each phase writes every synapse at most
// once, with the shared math of kernels/models/plasticity.hpp: the CPU's values exactly.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "../models/plasticity.hpp"
#include "../views.hpp"

namespace axon::cuda {

struct TransposeDeviceView {
    const uint64_t* column_start;
    const uint32_t* synapse;
    const uint32_t* pre;
};

void launch_decay_traces(float* trace, uint32_t n, float factor, cudaStream_t stream);
/// dst[0..*dst_count) = src[0..*src_count) (a spike list kept for `delay` steps).
void launch_copy_spike_list(const uint32_t* src, const uint32_t* src_count, uint32_t max, uint32_t* dst,
                            uint32_t* dst_count, cudaStream_t stream);
void launch_learn_on_arrivals(const PlasticityStepParams& p, const uint64_t* row_start, const uint32_t* post,
                              float* weight, const uint32_t* arrivals, const uint32_t* arrival_count, uint32_t max,
                              float* x_pre, const float* y_post, cudaStream_t stream);
void launch_learn_on_post_spikes(const PlasticityStepParams& p, const TransposeDeviceView& columns, float* weight,
                                 const uint32_t* spikes, const uint32_t* spike_count, uint32_t max, const float* x_pre,
                                 float* y_post, cudaStream_t stream);

}  // namespace axon::cuda
