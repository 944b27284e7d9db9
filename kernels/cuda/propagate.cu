#include "cuda_check.hpp"
#include "merged_work.cuh"
#include "propagate.cuh"

namespace axon::cuda {
namespace {

__global__ void __launch_bounds__(kMergedBlock)
    propagate_kernel(const ProjectionDesc* projs, uint32_t n_projs, SpikeListDesc spikes, uint32_t segment_length,
                     const DeviceClock* clock, unsigned long long* events) {
    __shared__ MergedWork work;
    scan_work(work, n_projs, [&](uint32_t k) {
        const ProjectionDesc& p = projs[k];
        return static_cast<unsigned long long>(spikes.segment[p.pre + 1] - spikes.segment[p.pre]) * p.row_segments;
    });
    const uint64_t t = clock->step;
    const WarpLoop loop;
    unsigned long long delivered = 0;
    for (unsigned long long w = loop.first; w < work.total(); w += loop.stride) {
        const uint32_t k = work.object_of(w);
        const ProjectionDesc& p = projs[k];
        const unsigned long long item = w - work.begin(k);
        const auto spike = static_cast<uint32_t>(item / p.row_segments);
        const auto part = static_cast<uint32_t>(item % p.row_segments);
        const uint32_t i = spikes.ids[spikes.segment[p.pre] + spike] - p.pre_first;
        const uint64_t row_end = p.csr.row_start[i + 1];
        const uint64_t begin = p.csr.row_start[i] + static_cast<uint64_t>(part) * segment_length;
        const uint64_t end = begin + segment_length < row_end ? begin + segment_length : row_end;
        if (begin >= end) continue;  // a row shorter than the longest: warp-uniform
        const auto slot_now = static_cast<uint32_t>(t % p.ring.n_slots);
        for (uint64_t s = begin + loop.lane; s < end; s += 32) {
            const Fixed weight = to_fixed(p.csr.weight ? p.csr.weight[s] : p.csr.weight_const);
            uint32_t slot = slot_now + (p.csr.delay ? p.csr.delay[s] : p.csr.delay_const);
            if (slot >= p.ring.n_slots) slot -= p.ring.n_slots;
            atomicAdd(reinterpret_cast<unsigned long long*>(p.ring.lane(slot, p.receptor) + p.csr.post[s]),
                      static_cast<unsigned long long>(weight));  // two's complement: adds signed values too
        }
        delivered += end - begin;
    }
    if (loop.lane == 0 && delivered) atomicAdd(events, delivered);
}

}  // namespace

uint32_t row_segments(uint64_t max_row_length, uint32_t segment_length) {
    const uint64_t n = (max_row_length + segment_length - 1) / segment_length;
    return n == 0 ? 1u : static_cast<uint32_t>(n);
}

void launch_propagate(const ProjectionDesc* projs, uint32_t n_projs, const SpikeListDesc& spikes,
                      uint32_t segment_length, uint32_t blocks, const DeviceClock* clock, unsigned long long* events,
                      cudaStream_t stream) {
    for_each_merged_group(n_projs, [&](uint32_t first, uint32_t n) {
        propagate_kernel<<<blocks, kMergedBlock, 0, stream>>>(projs + first, n, spikes, segment_length, clock, events);
        AXON_CUDA_CHECK_LAUNCH();
    });
}

}  // namespace axon::cuda
