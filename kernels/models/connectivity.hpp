// Random connectivity, drawn row by row (or column by column) from counter-based random
// numbers, so each row is independent of the others: the CPU builds rows in parallel and
// a GPU builder can draw the same rows with one thread or warp each.
// Every function emits candidate indices through `emit`, in the order they are drawn.
#pragma once
#include <cstdint>

#include "det_math.hpp"
#include "hd.hpp"
#include "random.hpp"

namespace axon {

/// Unbiased enough (bias < n / 2^32) integer in [0, n) from one 32-bit word.
AXON_HD uint32_t uniform_index(uint32_t word, uint32_t n) {
    return static_cast<uint32_t>((static_cast<uint64_t>(word) * n) >> 32);
}

/// The k-th 32-bit word of the draw sequence `line` (a row, column or pair) of a stream.
AXON_HD uint32_t draw_word(uint64_t seed, uint32_t stream, uint64_t line, uint32_t k) {
    return philox_block(seed, stream, k >> 2, line).v[k & 3u];
}

/// Attempt `round` of pair k of fixed_total_number: Philox line k, round `round`.
struct PairDraw {
    uint32_t pre, post;
};
AXON_HD PairDraw draw_pair(uint64_t seed, uint32_t stream, uint32_t round, uint64_t k, uint32_t n_pre, uint32_t n_post) {
    const RandomBlock b = philox_block(seed, stream, round, k);
    return PairDraw{uniform_index(b.v[0], n_pre), uniform_index(b.v[1], n_post)};
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
