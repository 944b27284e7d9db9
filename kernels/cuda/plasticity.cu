#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "plasticity.cuh"
#include "step_phases.cuh"

namespace axon::cuda {
namespace {

// blockIdx.y (grid-stride): the trace.
__global__ void decay_traces_kernel(const TraceDesc* traces, uint32_t n, const DeviceClock* clock) {
    const uint64_t t = clock->step;
    for (uint32_t y = blockIdx.y; y < n; y += gridDim.y) {
        const TraceDesc d = traces[y];
        const float factor = trace_factor(d.factor, d.reset_every, t);
        for (uint32_t i = blockIdx.x * blockDim.x + threadIdx.x; i < d.size; i += gridDim.x * blockDim.x)
            d.trace[i] = decayed_trace(d.trace[i], factor);
    }
}

// blockIdx.y (grid-stride): the source population.
__global__ void archive_kernel(SpikeListDesc spikes, const SourceHistoryDesc* sources, uint32_t n_sources,
                               const DeviceClock* clock) {
    const uint64_t t = clock->step;
    for (uint32_t y = blockIdx.y; y < n_sources; y += gridDim.y) {
        const SourceHistoryDesc& h = sources[y];
        const auto slot = static_cast<uint32_t>(t % h.slots);
        const uint32_t begin = spikes.segment[h.population];
        const uint32_t n = spikes.segment[h.population + 1] - begin;
        uint32_t* to = h.ids + static_cast<uint64_t>(slot) * h.size;
        for (uint32_t k = blockIdx.x * blockDim.x + threadIdx.x; k < n; k += gridDim.x * blockDim.x)
            to[k] = spikes.ids[begin + k] - h.first;
        if (blockIdx.x == 0 && threadIdx.x == 0) h.counts[slot] = n;
    }
}

__global__ void __launch_bounds__(kMergedBlock)
    arrivals_kernel(const LearningDesc* learning, uint32_t n_learning, const SourceHistoryDesc* sources,
                    const DeviceClock* clock) {
    arrivals_phase(learning, n_learning, sources, clock->step);
}

__global__ void __launch_bounds__(kMergedBlock)
    post_spikes_kernel(const LearningDesc* learning, uint32_t n_learning, MergedSpikes spikes, const DeviceClock* clock) {
    post_spikes_phase(learning, n_learning, spikes, clock->step);
}

}  // namespace

void launch_decay_traces(const TraceDesc* traces, uint32_t n, uint32_t largest, const DeviceClock* clock,
                         cudaStream_t stream) {
    if (n == 0) return;
    const dim3 grid(list_blocks(largest), grid_y(n));
    decay_traces_kernel<<<grid, kNeuronBlock, 0, stream>>>(traces, n, clock);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_archive_spikes(const SpikeListDesc& spikes, const SourceHistoryDesc* sources, uint32_t n_sources,
                           uint32_t largest, const DeviceClock* clock, cudaStream_t stream) {
    if (n_sources == 0) return;
    const dim3 grid(list_blocks(largest), grid_y(n_sources));
    archive_kernel<<<grid, kNeuronBlock, 0, stream>>>(spikes, sources, n_sources, clock);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_arrivals(const LearningDesc* learning, uint32_t n, const SourceHistoryDesc* sources, uint32_t blocks,
                     const DeviceClock* clock, cudaStream_t stream) {
    arrivals_kernel<<<blocks, kMergedBlock, 0, stream>>>(learning, n, sources, clock);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_post_spikes(const LearningDesc* learning, uint32_t n, const SpikeListDesc& spikes,
                        const PopulationDesc* pops, uint32_t blocks, const DeviceClock* clock, cudaStream_t stream) {
    post_spikes_kernel<<<blocks, kMergedBlock, 0, stream>>>(learning, n, MergedSpikes{spikes, pops}, clock);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
