#include <cub/device/device_select.cuh>
#include <thrust/iterator/counting_iterator.h>

#include "../models/random.hpp"
#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "neuron_update.cuh"

namespace axon::cuda {
namespace {

__global__ void lif_exp_update_kernel(LifStepParams p, LifStateView s, RingView ring, uint32_t slot, uint8_t* fired) {
    const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= s.size) return;
    Fixed* exc = ring.lane(slot, 0);
    Fixed* inh = ring.lane(slot, 1);
    const float in_exc = from_fixed(exc[i]);
    const float in_inh = from_fixed(inh[i]);
    exc[i] = 0;
    inh[i] = 0;
    fired[i] = lif_exp_step(p, s.v[i], s.i_exc[i], s.i_inh[i], s.theta[i], s.refractory[i], s.i_ext[i], in_exc, in_inh);
}

__global__ void lif_delta_update_kernel(LifStepParams p, LifStateView s, RingView ring, uint32_t slot, uint8_t* fired) {
    const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= s.size) return;
    Fixed* in = ring.lane(slot, 0);
    const float in_mV = from_fixed(in[i]);
    in[i] = 0;
    fired[i] = lif_delta_step(p, s.v[i], s.theta[i], s.refractory[i], s.i_ext[i], in_mV);
}

// Random draws: a thread per four neurons, which share one Philox block (the words
// grid_uniform gives them one by one), as the CPU loops do.
__global__ void poisson_population_kernel(float p_spike, uint64_t seed, uint32_t stream_word, uint64_t step,
                                          uint32_t size, uint8_t* fired) {
    const uint32_t first = 4 * (blockIdx.x * blockDim.x + threadIdx.x);
    if (first >= size) return;
    const RandomBlock b = step_block(seed, stream_word, step, first);
    for (uint32_t k = 0; k < 4 && first + k < size; ++k) fired[first + k] = uniform_closed_open(b.v[k]) < p_spike;
}

__global__ void poisson_input_kernel(PoissonCountParams p, Fixed weight, uint64_t seed, uint32_t stream_word,
                                     uint64_t step, Fixed* lane, uint32_t size, unsigned long long* kicks) {
    const uint32_t first = 4 * (blockIdx.x * blockDim.x + threadIdx.x);
    uint32_t count = 0;
    if (first < size) {
        const RandomBlock b = step_block(seed, stream_word, step, first);
        for (uint32_t k = 0; k < 4 && first + k < size; ++k) {
            const uint32_t c = poisson_count(p, uniform_closed_open(b.v[k]));
            lane[first + k] += static_cast<Fixed>(c) * weight;
            count += c;
        }
    }
    // Warp-sum the kicks, one atomic per warp (integer: the order cannot matter).
    for (int offset = 16; offset > 0; offset >>= 1) count += __shfl_down_sync(0xFFFFFFFFu, count, offset);
    if ((threadIdx.x & 31) == 0 && count) atomicAdd(kicks, static_cast<unsigned long long>(count));
}

}  // namespace

void launch_lif_exp_update(const LifStepParams& p, const LifStateView& state, const RingView& ring, uint32_t slot,
                           uint8_t* fired, cudaStream_t stream) {
    lif_exp_update_kernel<<<blocks_for(state.size, kNeuronBlock), kNeuronBlock, 0, stream>>>(p, state, ring, slot, fired);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_lif_delta_update(const LifStepParams& p, const LifStateView& state, const RingView& ring, uint32_t slot,
                             uint8_t* fired, cudaStream_t stream) {
    lif_delta_update_kernel<<<blocks_for(state.size, kNeuronBlock), kNeuronBlock, 0, stream>>>(p, state, ring, slot, fired);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_poisson_population(float p_spike, uint64_t seed, uint32_t stream_word, uint64_t step, uint32_t size,
                               uint8_t* fired, cudaStream_t stream) {
    poisson_population_kernel<<<blocks_for((size + 3) / 4, kNeuronBlock), kNeuronBlock, 0, stream>>>(p_spike, seed, stream_word,
                                                                                            step, size, fired);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_poisson_input(const PoissonCountParams& p, Fixed weight, uint64_t seed, uint32_t stream_word, uint64_t step,
                          Fixed* lane, uint32_t size, unsigned long long* kicks, cudaStream_t stream) {
    poisson_input_kernel<<<blocks_for((size + 3) / 4, kNeuronBlock), kNeuronBlock, 0, stream>>>(p, weight, seed, stream_word, step,
                                                                                       lane, size, kicks);
    AXON_CUDA_CHECK_LAUNCH();
}

std::size_t select_spikes_temp_bytes(uint32_t n) {
    std::size_t bytes = 0;
    AXON_CUDA_CHECK(cub::DeviceSelect::Flagged(nullptr, bytes, thrust::counting_iterator<uint32_t>(0),
                                               static_cast<const uint8_t*>(nullptr), static_cast<uint32_t*>(nullptr),
                                               static_cast<uint32_t*>(nullptr), static_cast<int>(n)));
    return bytes;
}

void select_spikes(const uint8_t* fired, uint32_t n, uint32_t* ids, uint32_t* count, void* temp, std::size_t temp_bytes,
                   cudaStream_t stream) {
    AXON_CUDA_CHECK(cub::DeviceSelect::Flagged(temp, temp_bytes, thrust::counting_iterator<uint32_t>(0), fired, ids,
                                               count, static_cast<int>(n), stream));
}

}  // namespace axon::cuda
