// A projection's synapses as the CPU backend keeps them: the builder's CSR arrays
// (SynapseMatrix) with the post indices and the per-synapse delays narrowed to the fewest bytes
// their range needs (NarrowArray): post indices by the size of the postsynaptic block, delays by
// the longest delay. The Potjans-Diesmann microcircuit (populations under 65,536 neurons, delays
// under 256 steps) takes 7 bytes per synapse instead of 10; every value stays the same.
#pragma once
#include <cstdint>
#include <vector>

#include "connectivity.hpp"
#include "narrow_array.hpp"

namespace axon::cpu {

struct SynapseStore {
    std::vector<uint64_t> row_start;  ///< n_pre + 1
    NarrowArray post;                 ///< block indices, ascending within each row
    UninitialisedVector<float> weight;  ///< empty when every weight is weight_const
    NarrowArray delay;                ///< steps; empty when every delay is delay_const
    float weight_const = 0;
    uint16_t delay_const = 1;

    /// m's synapses onto a block of n_post neurons, m's arrays moved or released.
    static SynapseStore from(SynapseMatrix&& m, uint32_t n_post, int threads);
    /// The same, m's longest delay given (from m.delay_bounds(), which the caller has: no second
    /// scan of the delays). A longer per-synapse delay in m throws std::logic_error.
    static SynapseStore from(SynapseMatrix&& m, uint32_t n_post, int threads, uint16_t longest_delay);
    /// The bytes per synapse from(m, n_post) keeps: post index, weight where weights differ,
    /// delay where delays differ (longest_delay: the longest, in steps).
    static int bytes_per_synapse(uint64_t n_post, bool per_synapse_weights, bool per_synapse_delays,
                                 uint64_t longest_delay);

    uint64_t size() const { return post.size(); }
    std::vector<uint32_t> post_values() const { return post.widened<uint32_t>(); }
    /// One weight (delay) per synapse, the constant repeated where there is one.
    std::vector<float> weight_values() const {
        return weight.empty() ? std::vector<float>(size(), weight_const) : std::vector<float>(weight.begin(), weight.end());
    }
    std::vector<uint16_t> delay_values() const {
        return delay.empty() ? std::vector<uint16_t>(size(), delay_const) : delay.widened<uint16_t>();
    }
};

}  // namespace axon::cpu
