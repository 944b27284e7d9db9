#include "cuda_check.hpp"
#include "launch_config.hpp"
#include "propagate.cuh"

namespace axon::cuda {
namespace {

__global__ void propagate_kernel(CsrView csr, const uint32_t* spikes, const uint32_t* spike_count, RingView ring,
                                 uint32_t receptor, uint32_t slot_now, unsigned long long* events) {
    const uint32_t lane_id = threadIdx.x & 31;
    const uint32_t warp = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    const uint32_t warps = (gridDim.x * blockDim.x) >> 5;
    const uint32_t n = *spike_count;
    unsigned long long delivered = 0;
    for (uint32_t k = warp; k < n; k += warps) {
        const uint32_t pre = spikes[k];
        const uint64_t begin = csr.row_start[pre], end = csr.row_start[pre + 1];
        for (uint64_t s = begin + lane_id; s < end; s += 32) {
            const Fixed w = to_fixed(csr.weight ? csr.weight[s] : csr.weight_const);
            uint32_t slot = slot_now + (csr.delay ? csr.delay[s] : csr.delay_const);
            if (slot >= ring.n_slots) slot -= ring.n_slots;
            atomicAdd(reinterpret_cast<unsigned long long*>(ring.lane(slot, receptor) + csr.post[s]),
                      static_cast<unsigned long long>(w));  // two's complement: adds signed values too
        }
        delivered += end - begin;
    }
    if (lane_id == 0 && delivered) atomicAdd(events, delivered);
}

}  // namespace

void launch_propagate(const CsrView& csr, const uint32_t* spikes, const uint32_t* spike_count, uint32_t max_spikes,
                      const RingView& ring, uint32_t receptor, uint32_t slot_now, unsigned long long* events,
                      cudaStream_t stream) {
    propagate_kernel<<<row_blocks(max_spikes), kRowBlock, 0, stream>>>(csr, spikes, spike_count, ring, receptor,
                                                                        slot_now, events);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
