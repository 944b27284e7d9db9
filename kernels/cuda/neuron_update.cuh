// Phases 1-3 on the GPU, one launch for every population: deliver + update (a thread per
// neuron, the shared model math of kernels/models/lif.hpp), Poisson populations, the Poisson
// inputs into future ring slots and the decay of plasticity traces; then the step's spike
// flags are compacted into one ascending list of global ids (cub::DeviceSelect::Flagged is
// stable: neuron order, as on the CPU, with no sort) and each population's segment of it is
// found by binary search. All asynchronous, nothing read back by the host.
#pragma once
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>

#include "step_plan.hpp"

namespace axon::cuda {

/// Updates every population; `blocks` = the last population's block_begin + its blocks.
void launch_update(const PopulationDesc* pops, uint32_t n_pops, const InputDesc* inputs, const TraceDesc* traces,
                   uint32_t blocks, uint8_t* fired, const DeviceClock* clock, uint64_t seed, unsigned long long* kicks,
                   cudaStream_t stream);

/// Threads of an update block (a population's neurons span whole blocks).
constexpr uint32_t kUpdateBlock = 256;

/// Bytes of temporary storage select_spikes needs for n neurons.
std::size_t select_spikes_temp_bytes(uint32_t n);
/// ids[0..*count) = the indices i < n with fired[i], ascending (two kernels of cub's).
void select_spikes(const uint8_t* fired, uint32_t n, const SpikeListDesc& spikes, void* temp, std::size_t temp_bytes,
                   cudaStream_t stream);
/// Each population's segment of the list of n neurons' spikes.
void find_segments(const PopulationDesc* pops, uint32_t n_pops, uint32_t n, const SpikeListDesc& spikes,
                   cudaStream_t stream);

}  // namespace axon::cuda
