#include "draws.hpp"

#include <vector>

#include "multiversion.hpp"
#include "parallel.hpp"
#include "philox_batch.hpp"

namespace axon::cpu {
namespace {

constexpr uint32_t kBlock = 1024;

// First attempts of a block; returns how many normal draws fell outside [min, max].
AXON_CPU_MULTIVERSIONED(first_attempts, uint32_t,
                        (const DrawParams& d, const uint32_t* __restrict words, uint32_t n, float* __restrict out,
                         uint8_t* __restrict redraw),
                        {
                            uint32_t misses = 0;
                            if (d.kind == 1) {
                                for (uint32_t q = 0; q < n; ++q) out[q] = uniform_from_word(d, words[q]);
                                return 0;
                            }
                            for (uint32_t q = 0; q < n; ++q) {
                                const float x = normal_from_word(d, words[q]);
                                out[q] = x;
                                redraw[q] = !((x >= d.min) & (x <= d.max));  // &, not &&: no branch in the loop
                                misses += redraw[q];
                            }
                            return misses;
                        })

// Values of elements [first, first + n) of one block (n <= kBlock), the first attempts by
// the loops of `isa`.
void draw_block(Isa isa, const DrawParams& d, uint64_t seed, uint32_t stream, uint64_t first, uint32_t n, float* out) {
    if (d.kind == 0) {
        for (uint32_t q = 0; q < n; ++q) out[q] = d.a;
        return;
    }
    if (first + n > (uint64_t{1} << 32)) {  // the batch covers 32-bit indices: beyond, one by one
        for (uint32_t q = 0; q < n; ++q) out[q] = draw_value(d, seed, stream, first + q);
        return;
    }
    // Attempt 0 of element i is word 0 of Philox round 0 at index i: the batch's step 0.
    uint32_t w0[kBlock] = {}, w1[kBlock], w2[kBlock], w3[kBlock];  // {}: GCC cannot see the batch fill it
    uint8_t redraw[kBlock];
    philox_step_blocks(seed, stream, 0, static_cast<uint32_t>(first), n, w0, w1, w2, w3);
    if (first_attempts_for(isa)(d, w0, n, out, redraw) == 0) return;
    for (uint32_t q = 0; q < n; ++q)
        if (redraw[q]) out[q] = draw_value_from(d, seed, stream, first + q, 1);
}

template <class Store>
void for_blocks(uint64_t n, int threads, Store store) {
    const int64_t blocks = static_cast<int64_t>((n + kBlock - 1) / kBlock);
#pragma omp parallel for num_threads(threads) schedule(static) if (threads > 1 && blocks > 16)
    for (int64_t b = 0; b < blocks; ++b) {
        const uint64_t first = static_cast<uint64_t>(b) * kBlock;
        store(first, static_cast<uint32_t>(n - first < kBlock ? n - first : kBlock));
    }
}

}  // namespace

void draw_values(const DrawParams& d, uint64_t seed, uint32_t stream, uint64_t n, float* out, int threads) {
    const Isa isa = active_isa();
    for_blocks(n, threads,
               [&](uint64_t first, uint32_t count) { draw_block(isa, d, seed, stream, first, count, out + first); });
}

void draw_delays(const DrawParams& d, uint64_t seed, uint32_t stream, float dt_ms, uint64_t n, uint16_t* out,
                 int threads) {
    const Isa isa = active_isa();
    for_blocks(n, threads, [&](uint64_t first, uint32_t count) {
        float values[kBlock];
        draw_block(isa, d, seed, stream, first, count, values);
        for (uint32_t q = 0; q < count; ++q) out[first + q] = delay_steps_from_ms(values[q], dt_ms);
    });
}

}  // namespace axon::cpu
