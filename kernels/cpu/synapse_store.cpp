#include "synapse_store.hpp"

namespace axon::cpu {
namespace {

uint64_t largest_post_index(uint64_t n_post) { return n_post > 0 ? n_post - 1 : 0; }

}  // namespace

SynapseStore SynapseStore::from(SynapseMatrix&& m, uint32_t n_post, int threads) {
    const uint16_t longest_delay = m.max_delay(threads);
    return from(std::move(m), n_post, threads, longest_delay);
}

SynapseStore SynapseStore::from(SynapseMatrix&& m, uint32_t n_post, int threads, uint16_t longest_delay) {
    SynapseStore s;
    // Each wide array is taken (where already narrow) or released once copied before the next is
    // copied: a lower peak.
    s.post = NarrowArray::of(std::move(m.post), largest_post_index(n_post), threads);
    if (!m.delay.empty()) s.delay = NarrowArray::of(std::move(m.delay), longest_delay, threads);
    s.row_start = std::move(m.row_start);
    s.weight = std::move(m.weight);
    s.weight_const = m.weight_const;
    s.delay_const = m.delay_const;
    return s;
}

int SynapseStore::bytes_per_synapse(uint64_t n_post, bool per_synapse_weights, bool per_synapse_delays,
                                    uint64_t longest_delay) {
    return NarrowArray::bytes_for(largest_post_index(n_post)) + (per_synapse_weights ? 4 : 0) +
           (per_synapse_delays ? NarrowArray::bytes_for(longest_delay) : 0);
}

}  // namespace axon::cpu
