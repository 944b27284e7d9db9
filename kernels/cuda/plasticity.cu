#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "merged_work.cuh"
#include "plasticity.cuh"

namespace axon::cuda {
namespace {

// Slot (t - delay) mod slots without underflow (delay < slots); a slot not yet written still
// holds a zero count, so early steps see no arrivals.
__device__ uint32_t arrival_slot(uint64_t t, uint32_t delay, uint32_t slots) {
    return static_cast<uint32_t>((t + slots - delay) % slots);
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
    __shared__ MergedWork work;
    const uint64_t t = clock->step;
    scan_work(work, n_learning, [&](uint32_t k) {
        const LearningDesc& l = learning[k];
        const SourceHistoryDesc& h = sources[l.source];
        return static_cast<unsigned long long>(h.counts[arrival_slot(t, l.delay_steps, h.slots)]);
    });
    const WarpLoop loop;
    for (unsigned long long w = loop.first; w < work.total(); w += loop.stride) {
        const uint32_t k = work.object_of(w);
        const LearningDesc& l = learning[k];
        const SourceHistoryDesc& h = sources[l.source];
        const uint32_t slot = arrival_slot(t, l.delay_steps, h.slots);
        const uint32_t i = h.ids[static_cast<uint64_t>(slot) * h.size + (w - work.begin(k))];
        if (loop.lane == 0) l.x_pre[i] = trace_after_spike(l.params, l.x_pre[i]);
        __syncwarp();
        const float x = l.x_pre[i];
        for (uint64_t s = l.row_start[i] + loop.lane; s < l.row_start[i + 1]; s += 32)
            l.weight[s] = weight_on_pre(l.params, l.weight[s], x, l.y_post[l.post[s]]);
    }
}

__global__ void __launch_bounds__(kMergedBlock)
    post_spikes_kernel(const LearningDesc* learning, uint32_t n_learning, SpikeListDesc spikes) {
    __shared__ MergedWork work;
    scan_work(work, n_learning, [&](uint32_t k) {
        const LearningDesc& l = learning[k];
        return static_cast<unsigned long long>(spikes.segment[l.post_population + 1] - spikes.segment[l.post_population]);
    });
    const WarpLoop loop;
    for (unsigned long long w = loop.first; w < work.total(); w += loop.stride) {
        const uint32_t k = work.object_of(w);
        const LearningDesc& l = learning[k];
        const uint32_t j = spikes.ids[spikes.segment[l.post_population] + (w - work.begin(k))] - l.post_first;
        if (loop.lane == 0) l.y_post[j] = trace_after_spike(l.params, l.y_post[j]);
        __syncwarp();
        const float y = l.y_post[j];
        for (uint64_t e = l.column_start[j] + loop.lane; e < l.column_start[j + 1]; e += 32) {
            const uint32_t s = l.column_synapse[e];
            l.weight[s] = weight_on_post(l.params, l.weight[s], l.x_pre[l.column_pre[e]], y);
        }
    }
}

}  // namespace

void launch_archive_spikes(const SpikeListDesc& spikes, const SourceHistoryDesc* sources, uint32_t n_sources,
                           uint32_t largest, const DeviceClock* clock, cudaStream_t stream) {
    if (n_sources == 0) return;
    const dim3 grid(list_blocks(largest), grid_y(n_sources));
    archive_kernel<<<grid, kNeuronBlock, 0, stream>>>(spikes, sources, n_sources, clock);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_learn(const LearningDesc* learning, uint32_t n_learning, const SpikeListDesc& spikes,
                  const SourceHistoryDesc* sources, uint32_t blocks, const DeviceClock* clock, cudaStream_t stream) {
    // Every arrival of every projection before any postsynaptic update: two launches.
    for_each_merged_group(n_learning, [&](uint32_t first, uint32_t n) {
        arrivals_kernel<<<blocks, kMergedBlock, 0, stream>>>(learning + first, n, sources, clock);
        AXON_CUDA_CHECK_LAUNCH();
    });
    for_each_merged_group(n_learning, [&](uint32_t first, uint32_t n) {
        post_spikes_kernel<<<blocks, kMergedBlock, 0, stream>>>(learning + first, n, spikes);
        AXON_CUDA_CHECK_LAUNCH();
    });
}

}  // namespace axon::cuda
