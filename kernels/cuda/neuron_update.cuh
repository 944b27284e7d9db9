// Phases 1-3 on the GPU: deliver + update (thread per neuron, the shared model math of
// kernels/models/lif.hpp), Poisson populations, Poisson inputs, and the compaction of the
// step's spike flags into an ascending spike list (cub::DeviceSelect::Flagged is stable, so
// the list comes out in neuron order, as on the CPU, with no sort). All asynchronous.
#pragma once
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>

#include "../models/lif.hpp"
#include "../models/poisson.hpp"
#include "../views.hpp"

namespace axon::cuda {

void launch_lif_exp_update(const LifStepParams& p, const LifStateView& state, const RingView& ring, uint32_t slot,
                           uint8_t* fired, cudaStream_t stream);
void launch_lif_delta_update(const LifStepParams& p, const LifStateView& state, const RingView& ring, uint32_t slot,
                             uint8_t* fired, cudaStream_t stream);
void launch_poisson_population(float p_spike, uint64_t seed, uint32_t stream_word, uint64_t step, uint32_t size,
                               uint8_t* fired, cudaStream_t stream);
/// Adds count x weight to `lane` for every neuron; adds the kicks to *kicks.
void launch_poisson_input(const PoissonCountParams& p, Fixed weight, uint64_t seed, uint32_t stream_word, uint64_t step,
                          Fixed* lane, uint32_t size, unsigned long long* kicks, cudaStream_t stream);

/// Bytes of temporary storage select_spikes needs for n neurons.
std::size_t select_spikes_temp_bytes(uint32_t n);
/// ids[0..*count) = the indices i < n with fired[i], ascending.
void select_spikes(const uint8_t* fired, uint32_t n, uint32_t* ids, uint32_t* count, void* temp, std::size_t temp_bytes,
                   cudaStream_t stream);

}  // namespace axon::cuda
