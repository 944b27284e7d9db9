// Per-synapse draws of weights and delays for the CPU builder, in blocks: Philox words from the
// vectorised batch, the first attempt of every draw in a branch-free (vectorised) loop, then
// the rare normal redraws one by one. Every value equals draw_value()'s (tested), which the
// CUDA builder computes per synapse.
#pragma once
#include <cstdint>

#include "../models/draw.hpp"

namespace axon::cpu {

/// out[s] = draw_value(d, seed, stream, s) for s in [0, n).
void draw_values(const DrawParams& d, uint64_t seed, uint32_t stream, uint64_t n, float* out, int threads);

/// out[s] = delay_steps_from_ms(draw_value(d, seed, stream, s), dt_ms) for s in [0, n).
void draw_delays(const DrawParams& d, uint64_t seed, uint32_t stream, float dt_ms, uint64_t n, uint16_t* out,
                 int threads);

}  // namespace axon::cpu
