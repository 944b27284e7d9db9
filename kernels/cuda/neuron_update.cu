#include <cub/device/device_select.cuh>
#include <thrust/iterator/counting_iterator.h>

#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "neuron_update.cuh"
#include "step_phases.cuh"

namespace axon::cuda {
namespace {

// A thread per neuron (kernels/cuda/step_phases.cuh); the flags go to one array over all
// neurons, for the compaction below.
__global__ void __launch_bounds__(kUpdateBlock)
    update_kernel(const PopulationDesc* pops, uint32_t n_pops, const InputDesc* inputs, const TraceDesc* traces,
                  uint8_t* fired, const DeviceClock* clock, uint64_t seed, unsigned long long* kicks) {
    const PopulationDesc& pop = pops[population_of_block(pops, n_pops, blockIdx.x)];
    const uint32_t i = (blockIdx.x - pop.block_begin) * blockDim.x + threadIdx.x;
    unsigned long long count = 0;
    if (i < pop.size) fired[pop.first + i] = update_neuron(pop, i, clock->step, inputs, traces, seed, count);
    block_add(kicks, count);  // no thread has returned: every one takes part
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

void select_spikes(const uint8_t* fired, uint32_t n, const SpikeListDesc& spikes, void* temp, std::size_t temp_bytes,
                   cudaStream_t stream) {
    AXON_CUDA_CHECK(cub::DeviceSelect::Flagged(temp, temp_bytes, thrust::counting_iterator<uint32_t>(0), fired,
                                               spikes.ids, spikes.count, static_cast<int>(n), stream));
}

void find_segments(const PopulationDesc* pops, uint32_t n_pops, uint32_t n, const SpikeListDesc& spikes,
                   cudaStream_t stream) {
    segment_kernel<<<1, 128, 0, stream>>>(pops, n_pops, n, spikes);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
