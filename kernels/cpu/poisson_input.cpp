#include "poisson_input.hpp"

#include <cassert>

#include "../models/random.hpp"
#include "multiversion.hpp"
#include "parallel.hpp"
#include "philox_batch.hpp"

namespace axon::cpu {
namespace {

// Neurons are handled in blocks small enough for stack buffers (a multiple of four, so a
// block never splits a Philox call).
constexpr uint32_t kBlock = 256;

// The uniforms of neurons 4q .. 4q + 3 of a block from the words of its Philox block q
// (grid_uniform's values).
AXON_CPU_MULTIVERSIONED(uniforms_from_words, void,
                        (const uint32_t* __restrict w0, const uint32_t* __restrict w1, const uint32_t* __restrict w2,
                         const uint32_t* __restrict w3, uint32_t quads, float* __restrict u),
                        {
                            for (uint32_t q = 0; q < quads; ++q) {
                                u[4 * q + 0] = uniform_closed_open(w0[q]);
                                u[4 * q + 1] = uniform_closed_open(w1[q]);
                                u[4 * q + 2] = uniform_closed_open(w2[q]);
                                u[4 * q + 3] = uniform_closed_open(w3[q]);
                            }
                        })

// The uniforms of neurons [first, first + n), n a multiple of 4 and at most kBlock: the words of
// step_block(seed, stream, step, first + 4q), which is Philox at index (step's upper half,
// first / 4 + q) and round step's lower half.
void draw_uniforms(PhiloxWords philox, decltype(&uniforms_from_words_baseline) convert, uint64_t seed, uint32_t stream,
                   uint64_t step, uint32_t first, uint32_t n, float* u) {
    assert(first % 4 == 0 && n % 4 == 0 && n <= kBlock);
    uint32_t w0[kBlock / 4], w1[kBlock / 4], w2[kBlock / 4], w3[kBlock / 4];
    philox(seed, stream, static_cast<uint32_t>(step), ((step >> 32) << 32) | (first >> 2), n / 4, w0, w1, w2, w3);
    convert(w0, w1, w2, w3, n / 4, u);
}

// poisson_count(p, u) is the number of table entries u passes; counting them entry by entry
// across the block is branch-free and vectorises, where the per-neuron search mispredicts.
AXON_CPU_MULTIVERSIONED(count_kicks, void,
                        (const PoissonCountParams& p, const float* __restrict u, uint32_t* __restrict count, uint32_t n),
                        {
                            for (uint32_t i = 0; i < n; ++i) count[i] = 0;
                            for (uint32_t k = 0; k < p.table_length; ++k) {
                                const float c = p.cdf[k];
                                for (uint32_t i = 0; i < n; ++i) count[i] += u[i] >= c ? 1u : 0u;
                            }
                        })

// Draws each block's uniforms, counts its kicks with count_block(first, u, count, n) and
// adds them to the lane.
template <class CountBlock>
uint64_t add_kicks(CountBlock&& count_block, Fixed weight, uint64_t seed, uint32_t stream, uint64_t step,
                   uint32_t population_first, Fixed* lane, uint32_t size, int threads) {
    const int chunks = chunk_count(size, threads);
    uint64_t kicks = 0;
    const Isa isa = active_isa();
    const PhiloxWords philox = philox_index_words_for(isa);
    const auto convert = uniforms_from_words_for(isa);
#pragma omp parallel for num_threads(chunks) schedule(static, 1) reduction(+ : kicks) if (chunks > 1)
    for (int p = 0; p < chunks; ++p) {
        const uint32_t end = chunk_begin(size, chunks, p + 1);
        float u[kBlock];
        uint32_t count[kBlock];
        for (uint32_t first = chunk_begin(size, chunks, p); first < end; first += kBlock) {
            const uint32_t n = end - first < kBlock ? end - first : kBlock;
            draw_uniforms(philox, convert, seed, stream, step, population_first + first, (n + 3) & ~3u, u);
            count_block(first, u, count, n);
            for (uint32_t i = 0; i < n; ++i) {
                lane[first + i] += static_cast<Fixed>(count[i]) * weight;
                kicks += count[i];
            }
        }
    }
    return kicks;
}

}  // namespace

uint64_t poisson_input(const PoissonCountParams& params, Fixed weight, uint64_t seed, uint32_t stream, uint64_t step,
                       uint32_t first, Fixed* lane, uint32_t size, int threads) {
    const auto count_kicks = count_kicks_for(active_isa());
    return add_kicks([&](uint32_t, const float* u, uint32_t* count, uint32_t n) { count_kicks(params, u, count, n); },
                     weight, seed, stream, step, first, lane, size, threads);
}

uint64_t poisson_input(const PoissonNeuronRate* rates, Fixed weight, uint64_t seed, uint32_t stream, uint64_t step,
                       uint32_t first, Fixed* lane, uint32_t size, int threads) {
    return add_kicks(
        [&](uint32_t first, const float* u, uint32_t* count, uint32_t n) {
            for (uint32_t i = 0; i < n; ++i) count[i] = poisson_count(rates[first + i], u[i]);
        },
        weight, seed, stream, step, first, lane, size, threads);
}

}  // namespace axon::cpu
