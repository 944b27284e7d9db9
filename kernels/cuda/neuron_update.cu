#include <cub/device/device_select.cuh>
#include <thrust/iterator/counting_iterator.h>

#include "../models/random.hpp"
#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "neuron_update.cuh"

namespace axon::cuda {
namespace {

// The population of a block: the last one whose first block is at or before it.
__device__ uint32_t population_of_block(const PopulationDesc* pops, uint32_t n_pops, uint32_t block) {
    uint32_t lo = 0, hi = n_pops;
    while (hi - lo > 1) {
        const uint32_t mid = (lo + hi) / 2;
        if (pops[mid].block_begin <= block)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

__device__ bool update_lif(const PopulationDesc& pop, uint32_t i, uint64_t t) {
    const LifStateView& s = pop.state;
    const uint32_t slot = static_cast<uint32_t>(t % pop.ring.n_slots);
    if (pop.kind == PopulationKind::lif_exp) {
        Fixed* exc = pop.ring.lane(slot, 0);
        Fixed* inh = pop.ring.lane(slot, 1);
        const float in_exc = from_fixed(exc[i]);
        const float in_inh = from_fixed(inh[i]);
        exc[i] = 0;
        inh[i] = 0;
        return lif_exp_step(pop.lif, s.v[i], s.i_exc[i], s.i_inh[i], s.theta[i], s.refractory[i], s.i_ext[i], in_exc,
                            in_inh);
    }
    Fixed* in = pop.ring.lane(slot, 0);
    const float in_mV = from_fixed(in[i]);
    in[i] = 0;
    return lif_delta_step(pop.lif, s.v[i], s.theta[i], s.refractory[i], s.i_ext[i], in_mV);
}

// A thread per neuron. Random draws use grid_uniform: one Philox block per four neurons, the
// words the CPU loops use (each of the four threads computes the block and takes its word).
__global__ void __launch_bounds__(kUpdateBlock)
    update_kernel(const PopulationDesc* pops, uint32_t n_pops, const InputDesc* inputs, const TraceDesc* traces,
                  uint8_t* fired, const DeviceClock* clock, uint64_t seed, unsigned long long* kicks) {
    const PopulationDesc& pop = pops[population_of_block(pops, n_pops, blockIdx.x)];
    const uint32_t i = (blockIdx.x - pop.block_begin) * blockDim.x + threadIdx.x;
    const uint64_t t = clock->step;
    uint32_t count = 0;
    if (i < pop.size) {
        const bool spike = pop.kind == PopulationKind::poisson ? grid_uniform(seed, pop.stream, t, i) < pop.p_spike
                                                               : update_lif(pop, i, t);
        fired[pop.first + i] = spike;
        // Inputs land delay >= 1 steps ahead: never the slot the update above just read.
        for (uint32_t k = pop.input_begin; k < pop.input_end; ++k) {
            const InputDesc& in = inputs[k];
            const uint32_t c = poisson_count(in.params, grid_uniform(seed, in.stream, t, i));
            const auto slot = static_cast<uint32_t>((t + in.delay_steps) % pop.ring.n_slots);
            pop.ring.lane(slot, in.receptor)[i] += static_cast<Fixed>(c) * in.weight;
            count += c;
        }
        for (uint32_t k = pop.trace_begin; k < pop.trace_end; ++k) traces[k].trace[i] *= traces[k].factor;
    }
    // Warp-sum the kicks, one atomic per warp (integer: the order cannot matter). A block
    // lies in one population and no thread has returned, so every lane takes part.
    for (int offset = 16; offset > 0; offset >>= 1) count += __shfl_down_sync(0xFFFFFFFFu, count, offset);
    if ((threadIdx.x & 31) == 0 && count) atomicAdd(kicks, static_cast<unsigned long long>(count));
}

// segment[p] = the first position in the ascending list whose id is >= population p's first.
__global__ void segment_kernel(const PopulationDesc* pops, uint32_t n_pops, uint32_t total, SpikeListDesc spikes) {
    const uint32_t n = *spikes.count;
    for (uint32_t p = threadIdx.x; p <= n_pops; p += blockDim.x) {
        const uint32_t id = p < n_pops ? pops[p].first : total;
        uint32_t lo = 0, hi = n;
        while (lo < hi) {
            const uint32_t mid = (lo + hi) / 2;
            if (spikes.ids[mid] < id)
                lo = mid + 1;
            else
                hi = mid;
        }
        spikes.segment[p] = lo;
    }
}

}  // namespace

void launch_update(const PopulationDesc* pops, uint32_t n_pops, const InputDesc* inputs, const TraceDesc* traces,
                   uint32_t blocks, uint8_t* fired, const DeviceClock* clock, uint64_t seed, unsigned long long* kicks,
                   cudaStream_t stream) {
    if (blocks == 0) return;
    update_kernel<<<blocks, kUpdateBlock, 0, stream>>>(pops, n_pops, inputs, traces, fired, clock, seed, kicks);
    AXON_CUDA_CHECK_LAUNCH();
}

std::size_t select_spikes_temp_bytes(uint32_t n) {
    std::size_t bytes = 0;
    AXON_CUDA_CHECK(cub::DeviceSelect::Flagged(nullptr, bytes, thrust::counting_iterator<uint32_t>(0),
                                               static_cast<const uint8_t*>(nullptr), static_cast<uint32_t*>(nullptr),
                                               static_cast<uint32_t*>(nullptr), static_cast<int>(n)));
    return bytes;
}

void select_spikes(const uint8_t* fired, uint32_t n, const PopulationDesc* pops, uint32_t n_pops,
                   const SpikeListDesc& spikes, void* temp, std::size_t temp_bytes, cudaStream_t stream) {
    AXON_CUDA_CHECK(cub::DeviceSelect::Flagged(temp, temp_bytes, thrust::counting_iterator<uint32_t>(0), fired,
                                               spikes.ids, spikes.count, static_cast<int>(n), stream));
    segment_kernel<<<1, 128, 0, stream>>>(pops, n_pops, n, spikes);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
