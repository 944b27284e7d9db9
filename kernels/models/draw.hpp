// Per-element draws from a constant, uniform or normal distribution (initial state,
// weights, delays), keyed by (seed, stream, element index) and identical on every backend.
#pragma once
#include <cstdint>

#include "det_math.hpp"
#include "hd.hpp"
#include "random.hpp"

namespace axon {

/// A distribution in float form. kind: 0 constant (a), 1 uniform [a, b), 2 normal (mean a,
/// sd b) redrawn outside [min, max].
struct DrawParams {
    uint32_t kind;
    float a, b, min, max;
};

constexpr uint32_t kMaxRedraws = 1000;
constexpr uint32_t kMaxDelayStepCount = 65535;  ///< delays are stored in 16 bits

/// A delay in ms rounded to the nearest whole step, clamped to [1, 65535] steps.
AXON_HD uint16_t delay_steps_from_ms(float delay_ms, float dt_ms) {
    const float steps = delay_ms / dt_ms + 0.5f;
    if (steps < 1.0f) return 1;
    if (steps >= static_cast<float>(kMaxDelayStepCount)) return static_cast<uint16_t>(kMaxDelayStepCount);
    return static_cast<uint16_t>(steps);
}

/// A uniform draw from one random word.
AXON_HD float uniform_from_word(const DrawParams& d, uint32_t word) {
    const float x = d.a + (d.b - d.a) * uniform_closed_open(word);
    return x < d.b ? x : d.a;  // float rounding may reach the excluded upper bound
}

/// The uniform in (0, 1) a normal attempt inverts, from one random word.
AXON_HD float normal_uniform_from_word(uint32_t word) {
    const float u = uniform_open_closed(word);
    return u < 1.0f ? u : 0.99999994f;
}

/// One normal attempt from one random word (the caller checks it against [min, max]).
AXON_HD float normal_from_word(const DrawParams& d, uint32_t word) {
    return d.a + d.b * det_normal_from_uniform(normal_uniform_from_word(word));
}

/// The word of element `index`'s attempt `round`: word index % 4 of Philox round `round` at
/// index / 4, so that one Philox call serves four consecutive elements.
AXON_HD uint32_t element_word(uint64_t seed, uint32_t stream, uint32_t round, uint64_t index) {
    return philox_block(seed, stream, round, index >> 2).v[index & 3u];
}

/// Element `index`'s value, trying redraw attempts from `first_round` on (element_word's words).
AXON_HD float draw_value_from(const DrawParams& d, uint64_t seed, uint32_t stream, uint64_t index, uint32_t first_round) {
    if (d.kind == 0) return d.a;
    if (d.kind == 1) return uniform_from_word(d, element_word(seed, stream, 0, index));
    float x = d.a;
    for (uint32_t r = first_round; r < kMaxRedraws; ++r) {
        x = normal_from_word(d, element_word(seed, stream, r, index));
        if (x >= d.min && x <= d.max) return x;
    }
    return x < d.min ? d.min : d.max;
}

/// Element `index`'s value.
AXON_HD float draw_value(const DrawParams& d, uint64_t seed, uint32_t stream, uint64_t index) {
    return draw_value_from(d, seed, stream, index, 0);
}

}  // namespace axon
