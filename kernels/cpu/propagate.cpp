#include "propagate.hpp"

#include <algorithm>

#include "parallel.hpp"
#include "row_search.hpp"

namespace axon::cpu {
namespace {

// One thread's share: posts in [post_begin, post_end) of every spiking row. The template
// flags drop the per-synapse weight or delay loads where a projection has a constant one.
template <bool kWeights, bool kDelays>
void deliver(const CsrView& csr, const SpikeListView& spikes, const RingView& ring, uint32_t receptor,
             uint32_t slot_now, uint32_t post_begin, uint32_t post_end) {
    const Fixed w_const = to_fixed(csr.weight_const);
    uint32_t slot_const = slot_now + csr.delay_const;
    if (slot_const >= ring.n_slots) slot_const -= ring.n_slots;
    Fixed* const lane_const = ring.lane(slot_const, receptor);
    const bool whole_rows = post_begin == 0 && post_end == ring.n_neurons;
    for (uint32_t k = 0; k < spikes.count; ++k) {
        const uint32_t pre = spikes.ids[k];
        uint64_t s = csr.row_start[pre];
        uint64_t end = csr.row_start[pre + 1];
        if (!whole_rows) {
            const uint64_t first = first_post_at_or_after(csr.post, s, end, post_begin, 0, ring.n_neurons);
            end = first_post_at_or_after(csr.post, first, end, post_end, post_begin, ring.n_neurons);
            s = first;
        }
        for (; s < end; ++s) {
            const Fixed w = kWeights ? to_fixed(csr.weight[s]) : w_const;
            Fixed* lane = lane_const;
            if (kDelays) {
                uint32_t slot = slot_now + csr.delay[s];
                if (slot >= ring.n_slots) slot -= ring.n_slots;
                lane = ring.lane(slot, receptor);
            }
            lane[csr.post[s]] += w;
        }
    }
}

template <bool kWeights, bool kDelays>
void deliver_parallel(const CsrView& csr, const SpikeListView& spikes, const RingView& ring, uint32_t receptor,
                      uint32_t slot_now, int chunks) {
    if (chunks == 1) {
        deliver<kWeights, kDelays>(csr, spikes, ring, receptor, slot_now, 0, ring.n_neurons);
        return;
    }
#pragma omp parallel for num_threads(chunks) schedule(static, 1)
    for (int p = 0; p < chunks; ++p)
        deliver<kWeights, kDelays>(csr, spikes, ring, receptor, slot_now, chunk_begin(ring.n_neurons, chunks, p),
                                   chunk_begin(ring.n_neurons, chunks, p + 1));
}

}  // namespace

uint64_t propagate(const CsrView& csr, const SpikeListView& spikes, const RingView& ring, uint32_t receptor,
                   uint32_t slot_now, int threads) {
    uint64_t events = 0;
    for (uint32_t k = 0; k < spikes.count; ++k)
        events += csr.row_start[spikes.ids[k] + 1] - csr.row_start[spikes.ids[k]];
    if (events == 0) return 0;
    // Split only when the step's work is worth a fork: kMinChunk events per thread.
    int chunks = chunk_count(events, threads);
    if (ring.n_neurons < 256u * static_cast<uint32_t>(chunks)) chunks = 1;
    if (csr.weight && csr.delay)
        deliver_parallel<true, true>(csr, spikes, ring, receptor, slot_now, chunks);
    else if (csr.weight)
        deliver_parallel<true, false>(csr, spikes, ring, receptor, slot_now, chunks);
    else if (csr.delay)
        deliver_parallel<false, true>(csr, spikes, ring, receptor, slot_now, chunks);
    else
        deliver_parallel<false, false>(csr, spikes, ring, receptor, slot_now, chunks);
    return events;
}

}  // namespace axon::cpu
