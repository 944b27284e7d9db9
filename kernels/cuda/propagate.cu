#include "cuda_check.hpp"
#include "propagate.cuh"
#include "step_phases.cuh"

namespace axon::cuda {
namespace {

__global__ void __launch_bounds__(kMergedBlock)
    propagate_kernel(const ProjectionDesc* projs, uint32_t n_projs, MergedSpikes spikes, uint32_t segment_length,
                     const DeviceClock* clock, unsigned long long* events) {
    unsigned long long delivered = 0;
    propagate_phase(projs, n_projs, spikes, segment_length, clock->step, delivered);
    block_add(events, delivered);
}

}  // namespace

uint32_t row_segments(uint64_t max_row_length, uint32_t segment_length) {
    const uint64_t n = (max_row_length + segment_length - 1) / segment_length;
    return n == 0 ? 1u : static_cast<uint32_t>(n);
}

void launch_propagate(const ProjectionDesc* projs, uint32_t n_projs, const SpikeListDesc& spikes,
                      const PopulationDesc* pops, uint32_t segment_length, uint32_t blocks, const DeviceClock* clock,
                      unsigned long long* events, cudaStream_t stream) {
    propagate_kernel<<<blocks, kMergedBlock, 0, stream>>>(projs, n_projs, MergedSpikes{spikes, pops}, segment_length,
                                                          clock, events);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
