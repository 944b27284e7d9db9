#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "merged_work.cuh"
#include "plasticity.cuh"

namespace axon::cuda {
namespace {

__device__ uint32_t history_slot(uint64_t t, uint32_t delay, uint32_t history_length) {
    // (t - delay) mod history_length without underflow; before the first archive the slot
    // still holds its zero segments, so early steps see no arrivals.
    return static_cast<uint32_t>((t + history_length - delay) % history_length);
}

__global__ void archive_kernel(SpikeListDesc spikes, uint32_t n_pops, const SpikeListDesc* history,
                               uint32_t history_length, const DeviceClock* clock) {
    const SpikeListDesc to = history[clock->step % history_length];
    const uint32_t n = *spikes.count;
    const uint32_t first = blockIdx.x * blockDim.x + threadIdx.x, stride = gridDim.x * blockDim.x;
    for (uint32_t k = first; k < n; k += stride) to.ids[k] = spikes.ids[k];
    for (uint32_t p = first; p <= n_pops; p += stride) to.segment[p] = spikes.segment[p];
    if (first == 0) *to.count = n;
}

__global__ void __launch_bounds__(kMergedBlock)
    arrivals_kernel(const LearningDesc* learning, uint32_t n_learning, const SpikeListDesc* history,
                    uint32_t history_length, const DeviceClock* clock) {
    __shared__ MergedWork work;
    const uint64_t t = clock->step;
    scan_work(work, n_learning, [&](uint32_t k) {
        const LearningDesc& l = learning[k];
        const SpikeListDesc& h = history[history_slot(t, l.delay_steps, history_length)];
        return static_cast<unsigned long long>(h.segment[l.pre_population + 1] - h.segment[l.pre_population]);
    });
    const WarpLoop loop;
    for (unsigned long long w = loop.first; w < work.total(); w += loop.stride) {
        const uint32_t k = work.object_of(w);
        const LearningDesc& l = learning[k];
        const SpikeListDesc& h = history[history_slot(t, l.delay_steps, history_length)];
        const uint32_t i = h.ids[h.segment[l.pre_population] + (w - work.begin(k))] - l.pre_first;
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

void launch_archive_spikes(const SpikeListDesc& spikes, uint32_t n_pops, uint32_t max_spikes,
                           const SpikeListDesc* history, uint32_t history_length, const DeviceClock* clock,
                           cudaStream_t stream) {
    const uint32_t entries = max_spikes > n_pops + 1 ? max_spikes : n_pops + 1;
    archive_kernel<<<list_blocks(entries), kNeuronBlock, 0, stream>>>(
        spikes, n_pops, history, history_length, clock);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_learn(const LearningDesc* learning, uint32_t n_learning, const SpikeListDesc& spikes,
                  const SpikeListDesc* history, uint32_t history_length, uint32_t blocks, const DeviceClock* clock,
                  cudaStream_t stream) {
    // Every arrival of every projection before any postsynaptic update: two launches.
    for (uint32_t first = 0; first < n_learning; first += kMaxMergedObjects) {
        const uint32_t n = n_learning - first < kMaxMergedObjects ? n_learning - first : kMaxMergedObjects;
        arrivals_kernel<<<blocks, kMergedBlock, 0, stream>>>(learning + first, n, history, history_length, clock);
        AXON_CUDA_CHECK_LAUNCH();
    }
    for (uint32_t first = 0; first < n_learning; first += kMaxMergedObjects) {
        const uint32_t n = n_learning - first < kMaxMergedObjects ? n_learning - first : kMaxMergedObjects;
        post_spikes_kernel<<<blocks, kMergedBlock, 0, stream>>>(learning + first, n, spikes);
        AXON_CUDA_CHECK_LAUNCH();
    }
}

}  // namespace axon::cuda
