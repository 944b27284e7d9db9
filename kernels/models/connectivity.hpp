// Connectivity rules drawn row by row (or column by column, or pair by pair) from
// counter-based random numbers, so each line is independent of the others: the CPU builder
// (kernels/cpu/connectivity.cpp) draws rows in parallel chunks and the GPU builder
// (kernels/cuda/connectivity.cu) draws the same rows with one thread or block each.
// ConnectivityParams is what both builders are given (engine/src/connectivity_setup.cpp makes
// it from a projection); bernoulli_row emits candidate indices through `emit`, in draw order.
#pragma once
#include <cstdint>

#include "det_math.hpp"
#include "hd.hpp"
#include "random.hpp"

namespace axon {

/// One projection's drawn connectivity, as both builders take it.
struct ConnectivityParams {
    /// The rules the builders draw (from_arrays is given, not drawn; fixed_probability with
    /// p >= 1 is all_to_all, and p <= 0 has no synapses: neither reaches a builder).
    enum class Rule { all_to_all, one_to_one, fixed_probability, fixed_outdegree, fixed_indegree, fixed_total_number };
    Rule rule;
    uint32_t n_pre, n_post;
    bool no_autapses;  ///< pre == post population and autapses excluded
    bool multapses;    ///< fixed_outdegree, fixed_indegree, fixed_total_number: repeated pairs allowed
    float log1m_p;     ///< fixed_probability: log(1 - p), 0 < p < 1
    uint64_t k;        ///< outdegree, indegree or total number
    uint64_t seed;
    uint32_t stream;   ///< the projection's connectivity stream
};

/// The index line `line` (a row or a column, over [0, n)) must skip: itself when autapses are
/// excluded, else n (none).
AXON_HD uint32_t excluded_index(const ConnectivityParams& p, uint32_t line, uint32_t n) {
    return p.no_autapses ? line : n;
}

/// Unbiased enough (bias < n / 2^32) integer in [0, n) from one 32-bit word.
AXON_HD uint32_t uniform_index(uint32_t word, uint32_t n) {
    return static_cast<uint32_t>((static_cast<uint64_t>(word) * n) >> 32);
}

/// The k-th 32-bit word of the draw sequence `line` (a row, column or pair) of a stream.
AXON_HD uint32_t draw_word(uint64_t seed, uint32_t stream, uint64_t line, uint32_t k) {
    return philox_block(seed, stream, k >> 2, line).v[k & 3u];
}

/// Attempt `round` of pair k of fixed_total_number: words 2 (k % 2) and 2 (k % 2) + 1 of Philox
/// round `round` at index k / 2 (one Philox call serves two pairs).
struct PairDraw {
    uint32_t pre, post;
};
AXON_HD PairDraw draw_pair(uint64_t seed, uint32_t stream, uint32_t round, uint64_t k, uint32_t n_pre, uint32_t n_post) {
    const RandomBlock b = philox_block(seed, stream, round, k >> 1);
    const uint32_t w = 2 * static_cast<uint32_t>(k & 1u);
    return PairDraw{uniform_index(b.v[w], n_pre), uniform_index(b.v[w + 1], n_post)};
}

/// Pair k's first attempt from round r on that is not an autapse: its key pre << 32 | post
/// (sorting keys orders rows, then posts); r is left at that attempt's round.
AXON_HD uint64_t valid_pair(const ConnectivityParams& p, uint64_t k, uint32_t& r) {
    for (;; ++r) {
        const PairDraw d = draw_pair(p.seed, p.stream, r, k, p.n_pre, p.n_post);
        if (!(p.no_autapses && d.pre == d.post)) return (static_cast<uint64_t>(d.pre) << 32) | d.post;
    }
}

/// Bernoulli(p) trials over targets [0, n) of one row by geometric skipping: the gap to the
/// next success is floor(log(u) / log(1 - p)). `log1m_p` = log(1 - p) (host-computed), 0 < p < 1.
template <class Emit>
AXON_HD void bernoulli_row(uint64_t seed, uint32_t stream, uint64_t row, uint32_t n, float log1m_p, Emit emit) {
    int64_t j = -1;
    for (uint32_t k = 0;; ++k) {
        const float u = uniform_open_closed(draw_word(seed, stream, row, k));
        const float gap = det_log(u) / log1m_p;  // >= 0
        if (gap >= static_cast<float>(static_cast<int64_t>(n) - j - 1)) return;
        j += 1 + static_cast<int64_t>(gap);
        emit(static_cast<uint32_t>(j));
    }
}

}  // namespace axon
