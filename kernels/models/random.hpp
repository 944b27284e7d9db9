// Counter-based random numbers (Random123 Philox4x32-10), identical on CPU and GPU.
// A draw is keyed by the network seed and counted by (stream, step or round, index),
// so any thread of any backend gets the same number for the same neuron, synapse and
// step, without sharing generator state.
#pragma once
#include <cstdint>

#include <Random123/philox.h>

#include "hd.hpp"

namespace axon {

/// What a stream of random numbers is for; combined with an object id into the stream word.
enum class RngPurpose : uint32_t {
    initial_state = 1,  ///< per-neuron initial values
    poisson_population = 2,
    poisson_input = 3,
    connectivity = 4,
    weight = 5,
    delay = 6,
};

/// The 32-bit stream word: 8 bits of purpose, 24 bits of object (population, projection...).
AXON_HD uint32_t rng_stream(RngPurpose purpose, uint32_t object_id) {
    return (static_cast<uint32_t>(purpose) << 24) | (object_id & 0xFFFFFFu);
}

struct RandomBlock {
    uint32_t v[4];
};

/// Four 32-bit random words for (seed, stream, round, index).
AXON_HD RandomBlock philox_block(uint64_t seed, uint32_t stream, uint32_t round, uint64_t index) {
    r123::Philox4x32 rng;
    r123::Philox4x32::ctr_type ctr = {{static_cast<uint32_t>(index), static_cast<uint32_t>(index >> 32),
                                       round, stream}};
    r123::Philox4x32::key_type key = {{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
    const r123::Philox4x32::ctr_type r = rng(ctr, key);
    return RandomBlock{{r[0], r[1], r[2], r[3]}};
}

/// Uniform in [0, 1) with 24 random bits (every value exactly representable as float).
AXON_HD float uniform_closed_open(uint32_t x) { return static_cast<float>(x >> 8) * (1.0f / 16777216.0f); }

/// Uniform in (0, 1]: safe to take the logarithm of.
AXON_HD float uniform_open_closed(uint32_t x) {
    return static_cast<float>((x >> 8) + 1u) * (1.0f / 16777216.0f);
}

/// The block of four words for neurons [4q, 4q + 4) at `step`: the step's low word is the
/// round, its high word the index's high word (neuron indices stay below 2^34).
AXON_HD RandomBlock step_block(uint64_t seed, uint32_t stream, uint64_t step, uint32_t first_neuron) {
    return philox_block(seed, stream, static_cast<uint32_t>(step), ((step >> 32) << 32) | (first_neuron >> 2));
}

/// A uniform in [0, 1) for neuron `index` at `step`, drawn four at a time: one Philox call
/// serves four consecutive neurons, which keeps per-step draws cheap.
AXON_HD float grid_uniform(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index) {
    return uniform_closed_open(step_block(seed, stream, step, index).v[index & 3u]);
}

}  // namespace axon
