#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "record.cuh"
#include "step_phases.cuh"

namespace axon::cuda {
namespace {

// blockIdx.y (grid-stride): the recorded population.
__global__ void record_kernel(const RecordDesc* records, uint32_t n_records, SpikeListDesc spikes, uint32_t* overflow) {
    for (uint32_t y = blockIdx.y; y < n_records; y += gridDim.y) {
        const RecordDesc& r = records[y];
        const uint32_t begin = spikes.segment[r.population];
        const uint32_t n = spikes.segment[r.population + 1] - begin;
        const unsigned long long base = *r.fill;
        if (base + n > r.capacity) {
            if (blockIdx.x == 0 && threadIdx.x == 0) *overflow = 1;
            continue;
        }
        for (uint32_t k = blockIdx.x * blockDim.x + threadIdx.x; k < n; k += gridDim.x * blockDim.x)
            r.buffer[base + k] = spikes.ids[begin + k] - r.first;
    }
}

// blockIdx.y (grid-stride): the sampler.
__global__ void sample_kernel(const SamplerDesc* samplers, uint32_t n_samplers, const DeviceClock* clock) {
    for (uint32_t y = blockIdx.y; y < n_samplers; y += gridDim.y) {
        const SamplerDesc& d = samplers[y];
        if (sample_due(d, clock->step)) sample_row(d, *d.filled);
    }
}

// One block, after every reader of the fill levels and of the clock in this step.
__global__ void tick_kernel(DeviceClock* clock, const RecordDesc* records, uint32_t n_records, SpikeListDesc spikes,
                            const SamplerDesc* samplers, uint32_t n_samplers, uint32_t max_steps, uint32_t* overflow) {
    const unsigned long long t = clock->step;
    const unsigned int index = clock->since_drain;
    for (uint32_t k = threadIdx.x; k < n_records; k += blockDim.x) {
        const RecordDesc& r = records[k];
        const uint32_t n = spikes.segment[r.population + 1] - spikes.segment[r.population];
        if (index < max_steps)
            r.step_counts[index] = n;
        else
            *overflow = 1;
        *r.fill += n;
    }
    for (uint32_t k = threadIdx.x; k < n_samplers; k += blockDim.x)
        if (sample_due(samplers[k], t)) ++*samplers[k].filled;
    __syncthreads();  // every thread has read the clock
    if (threadIdx.x == 0) {
        clock->step = t + 1;
        clock->since_drain = index + 1;
    }
}

}  // namespace

void launch_record_spikes(const RecordDesc* records, uint32_t n_records, uint32_t largest, const SpikeListDesc& spikes,
                          uint32_t* overflow, cudaStream_t stream) {
    if (n_records == 0) return;
    const dim3 grid(list_blocks(largest), grid_y(n_records));
    record_kernel<<<grid, kNeuronBlock, 0, stream>>>(records, n_records, spikes, overflow);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_sample_state(const SamplerDesc* samplers, uint32_t n_samplers, uint64_t largest, const DeviceClock* clock,
                         cudaStream_t stream) {
    if (n_samplers == 0) return;
    const dim3 grid(list_blocks(largest), grid_y(n_samplers));
    sample_kernel<<<grid, kNeuronBlock, 0, stream>>>(samplers, n_samplers, clock);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_tick(DeviceClock* clock, const RecordDesc* records, uint32_t n_records, const SpikeListDesc& spikes,
                 const SamplerDesc* samplers, uint32_t n_samplers, uint32_t max_steps, uint32_t* overflow,
                 cudaStream_t stream) {
    tick_kernel<<<1, 128, 0, stream>>>(clock, records, n_records, spikes, samplers, n_samplers, max_steps, overflow);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
