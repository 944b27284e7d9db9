#include "connectivity.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>

#include "counting_sort.hpp"
#include "distinct_pairs.hpp"
#include "pair_set.hpp"
#include "mapped_vector.hpp"
#include "multiversion.hpp"
#include "parallel.hpp"
#include "philox_batch.hpp"
#include "uninitialised_vector.hpp"

namespace axon::cpu {
namespace {

using Rule = ConnectivityParams::Rule;

// The gaps bernoulli_row takes from a batch of words: det_log(u) / log1m_p, vectorised.
AXON_CPU_MULTIVERSIONED(bernoulli_gaps, void,
                        (const uint32_t* __restrict words, uint32_t n, float log1m_p, float* __restrict gaps), {
                            for (uint32_t q = 0; q < n; ++q) gaps[q] = det_log(uniform_open_closed(words[q])) / log1m_p;
                        })

// Draws of one line come in batches of up to this many Philox rounds (four words each).
constexpr uint32_t kRoundBatch = 256;

/// What drawing lines needs besides their output, one per thread: this ISA's batch functions,
/// the indices taken so far in a line (without multapses), and a batch of the line's Philox
/// words and gaps.
struct LineScratch {
    PhiloxRoundWords philox = philox_round_words_for(active_isa());
    decltype(&bernoulli_gaps_baseline) gaps_of = bernoulli_gaps_for(active_isa());
    std::vector<uint8_t> taken;
    uint32_t words[4][kRoundBatch];
    float gaps[4][kRoundBatch];

    // Rounds [round, round + rounds) of line `line`'s words into `words`.
    void draw(const ConnectivityParams& p, uint32_t line, uint32_t round, uint32_t rounds) {
        philox(p.seed, p.stream, line, round, rounds, words[0], words[1], words[2], words[3]);
    }
};

/// Room for `rows` rows of `per_row` entries on average, `spread` the standard deviation of one
/// row's count: the mean and six standard deviations of the sum. A chunk's vector that grew by
/// doubling would leave its outgrown blocks behind as holes while ReuseFreedMemory keeps freed
/// memory (Brunel A's peak: 5.2 -> 7.1 bytes per synapse).
uint64_t room_for(uint64_t rows, double per_row, double spread) {
    return static_cast<uint64_t>(static_cast<double>(rows) * per_row + 6 * spread * std::sqrt(static_cast<double>(rows))) + 16;
}

/// Rows drawn independently in parallel chunks, then copied into place in row order (by the
/// same chunks' threads). row_fn(row, MappedVector<uint32_t>& posts, LineScratch&) appends one
/// row's posts, ascending; a row keeps per_row posts on average (spread: their standard
/// deviation), and row_fn may append up to `slack` more before it drops them.
template <class RowFn>
void build_rows(uint32_t n_pre, int threads, SynapseMatrix& m, double per_row, double spread, uint64_t slack,
                RowFn row_fn) {
    const int chunks = chunk_count(n_pre, threads);
    std::vector<MappedVector<uint32_t>> posts(static_cast<std::size_t>(chunks));
    m.row_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    for_chunks(n_pre, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        MappedVector<uint32_t>& out = posts[static_cast<std::size_t>(chunk)];
        out.reserve(room_for(end - begin, per_row, spread) + slack);
        LineScratch scratch;
        for (uint32_t i = begin; i < end; ++i) {
            const std::size_t before = out.size();
            row_fn(i, out, scratch);
            m.row_start[i + 1] = out.size() - before;
        }
    });
    for (uint32_t i = 0; i < n_pre; ++i) m.row_start[i + 1] += m.row_start[i];
    m.post.resize(m.row_start[n_pre]);  // uninitialised: each chunk's thread copies its rows in
    for_chunks(n_pre, threads, [&](uint32_t begin, uint32_t, int chunk) {
        MappedVector<uint32_t>& part = posts[static_cast<std::size_t>(chunk)];
        std::copy(part.begin(), part.end(), m.post.begin() + static_cast<std::ptrdiff_t>(m.row_start[begin]));
        MappedVector<uint32_t>().swap(part);  // unmapped as soon as copied: a lower peak
    });
}

/// build_rows for rows of exactly k posts each: each chunk's thread writes its rows in place,
/// one at a time through a line buffer, and nothing is copied after.
template <class RowFn>
void build_equal_rows(uint32_t n_pre, uint64_t k, int threads, SynapseMatrix& m, RowFn row_fn) {
    m.row_start.resize(static_cast<std::size_t>(n_pre) + 1);
    for (uint64_t i = 0; i <= n_pre; ++i) m.row_start[i] = i * k;
    m.post.resize(m.row_start[n_pre]);  // uninitialised: each chunk's thread writes its rows
    for_chunks(n_pre, threads, [&](uint32_t begin, uint32_t end, int) {
        MappedVector<uint32_t> line;
        line.reserve(k);
        LineScratch scratch;
        for (uint32_t i = begin; i < end; ++i) {
            line.clear();
            row_fn(i, line, scratch);
            assert(line.size() == k);
            std::copy(line.begin(), line.end(), m.post.begin() + static_cast<std::ptrdiff_t>(m.row_start[i]));
        }
    });
}

/// Draw p.k indices from [0, n) for line `line` (a row or column), skipping the excluded one
/// and, without multapses, indices already drawn. Appends them, sorted if asked. Draw k is
/// draw_word(p.seed, p.stream, line, k): word k % 4 of Philox round k / 4 at index `line`, the
/// rounds computed a batch at a time by the vectorised Philox.
void draw_indices(const ConnectivityParams& p, uint32_t line, uint32_t n, bool sorted, MappedVector<uint32_t>& out,
                  LineScratch& scratch) {
    const std::size_t first = out.size();
    const uint32_t excluded = excluded_index(p, line, n);
    std::vector<uint8_t>& taken = scratch.taken;
    if (!p.multapses && taken.size() < n) taken.assign(n, 0);
    uint64_t got = 0;
    for (uint32_t round = 0; got < p.k;) {
        // the rounds what is left needs if nothing is skipped, and one more
        const auto rounds = static_cast<uint32_t>(std::min<uint64_t>(kRoundBatch, (p.k - got + 3) / 4 + 1));
        scratch.draw(p, line, round, rounds);
        round += rounds;
        for (uint32_t r = 0; r < rounds && got < p.k; ++r)
            for (uint32_t w = 0; w < 4 && got < p.k; ++w) {
                const uint32_t j = uniform_index(scratch.words[w][r], n);
                if (j == excluded) continue;
                if (!p.multapses) {
                    if (taken[j]) continue;
                    taken[j] = 1;
                }
                out.push_back(j);
                ++got;
            }
    }
    if (!p.multapses)
        for (std::size_t s = first; s < out.size(); ++s) taken[out[s]] = 0;
    if (sorted) std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

/// bernoulli_row(p.seed, p.stream, line, n, p.log1m_p, emit) with the line's words drawn and
/// their gaps computed a batch of rounds at a time (the vectorised Philox and bernoulli_gaps):
/// the same operations on the same words, so the same targets.
template <class Emit>
void bernoulli_line(const ConnectivityParams& p, uint32_t line, uint32_t n, LineScratch& scratch, Emit emit) {
    // a row holds about n (1 - e^log1m_p) targets, each taking one word, and one word ends it
    const double expected = static_cast<double>(n) * -std::expm1(static_cast<double>(p.log1m_p)) + 1;
    int64_t j = -1;
    for (uint32_t round = 0;;) {
        const auto rounds = static_cast<uint32_t>(std::min<double>(kRoundBatch, expected / 4 + 2));
        scratch.draw(p, line, round, rounds);
        round += rounds;
        for (int w = 0; w < 4; ++w) scratch.gaps_of(scratch.words[w], rounds, p.log1m_p, scratch.gaps[w]);
        for (uint32_t r = 0; r < rounds; ++r)
            for (int w = 0; w < 4; ++w) {
                const float gap = scratch.gaps[w][r];  // >= 0
                if (gap >= static_cast<float>(static_cast<int64_t>(n) - j - 1)) return;
                j += 1 + static_cast<int64_t>(gap);
                emit(static_cast<uint32_t>(j));
            }
    }
}

/// CSR from synapses listed column by column (column_start over posts, column_pre the pre of
/// each synapse): a counting sort by pre that takes the columns in post order, so every row
/// comes out sorted by post without a comparison sort.
void csr_from_columns(uint32_t n_pre, const std::vector<uint64_t>& column_start, const uint32_t* column_pre,
                      uint64_t n, SynapseMatrix& m, int threads) {
    const auto walk = [&](uint64_t a, uint64_t b, auto&& fn) {
        if (a >= b) return;
        auto j = static_cast<std::size_t>(std::upper_bound(column_start.begin(), column_start.end(), a) - column_start.begin() - 1);
        for (uint64_t s = a; s < b; ++s) {
            while (column_start[j + 1] <= s) ++j;
            fn(column_pre[s], static_cast<uint32_t>(j));
        }
    };
    stable_counting_sort(n, n_pre, threads, walk, m.row_start, m.post);
}

/// (pre, post) pairs in any order -> columns (a counting sort by post), then CSR.
void csr_from_pairs(uint32_t n_pre, uint32_t n_post, const UninitialisedVector<uint32_t>& pre,
                    const UninitialisedVector<uint32_t>& post, SynapseMatrix& m, int threads) {
    std::vector<uint64_t> column_start;
    UninitialisedVector<uint32_t> column_pre;  // written whole by the sort
    const auto walk = [&](uint64_t a, uint64_t b, auto&& fn) {
        for (uint64_t s = a; s < b; ++s) fn(post[s], pre[s]);
    };
    stable_counting_sort(pre.size(), n_post, threads, walk, column_start, column_pre);
    csr_from_columns(n_pre, column_start, column_pre.data(), column_pre.size(), m, threads);
}

// ---- per-synapse draws of weights and delays ----

// Synapses a block of draws covers.
constexpr uint32_t kDrawBlock = 1024;
static_assert(kDrawBlock <= 65536, "first_attempts keeps positions in a block as uint16_t");

// First attempts of a block of n <= kDrawBlock elements from their random words. Returns how
// many normal draws fell outside [min, max], marked in `redraw`.
AXON_CPU_MULTIVERSIONED(first_attempts, uint32_t,
                        (const DrawParams& d, const uint32_t* __restrict words, uint32_t n, float* __restrict out,
                         uint8_t* __restrict redraw),
                        {
                            uint32_t misses = 0;
                            if (d.kind == 1) {
                                for (uint32_t q = 0; q < n; ++q) out[q] = uniform_from_word(d, words[q]);
                                return 0;
                            }
                            // normal_from_word in passes that vectorise: the central form for
                            // all; the tails' uniforms gathered (branch-free) and the tails'
                            // form (a logarithm, a square root) for just those, about 5 %.
                            float u[kDrawBlock];
                            uint8_t in_tail[kDrawBlock];
                            for (uint32_t q = 0; q < n; ++q) {
                                u[q] = normal_uniform_from_word(words[q]);
                                out[q] = d.a + d.b * det_normal_central(u[q]);
                                in_tail[q] = det_normal_in_tail(u[q]);
                            }
                            uint16_t tail_at[kDrawBlock];
                            uint32_t tails = 0;
                            for (uint32_t q = 0; q < n; ++q) {  // written at every q, kept at tails
                                tail_at[tails] = static_cast<uint16_t>(q);
                                tails += in_tail[q];
                            }
                            float tail_u[kDrawBlock], tail_value[kDrawBlock];
                            for (uint32_t t = 0; t < tails; ++t) tail_u[t] = u[tail_at[t]];
                            for (uint32_t t = 0; t < tails; ++t) tail_value[t] = d.a + d.b * det_normal_tail(tail_u[t]);
                            for (uint32_t t = 0; t < tails; ++t) out[tail_at[t]] = tail_value[t];
                            for (uint32_t q = 0; q < n; ++q) {
                                redraw[q] = !((out[q] >= d.min) & (out[q] <= d.max));  // &, not &&: no branch
                                misses += redraw[q];
                            }
                            return misses;
                        })

// The four words of Philox round 0 at indices [first, first + n) (n <= kDrawBlock / 2 + 1), in
// index order: word w of index first + g at out[4 g + w].
void philox_interleaved_words(Isa isa, uint64_t seed, uint32_t stream, uint64_t first, uint32_t n, uint32_t* out) {
    uint32_t words[4][kDrawBlock / 2 + 1];
    philox_index_words_for(isa)(seed, stream, 0, first, n, words[0], words[1], words[2], words[3]);
    for (uint32_t g = 0; g < n; ++g)
        for (uint32_t w = 0; w < 4; ++w) out[4 * g + w] = words[w][g];
}

// Whether Philox indices [first, first + n) share their upper 32 bits (one Philox batch).
bool one_batch(uint64_t first, uint32_t n) { return n == 0 || (first >> 32) == ((first + n - 1) >> 32); }

// Values of elements [first, first + n) of one block (n <= kDrawBlock), the first and second
// attempts by the loops of `isa`.
void draw_block(Isa isa, const DrawParams& d, uint64_t seed, uint32_t stream, uint64_t first, uint32_t n, float* out) {
    if (n == 0) return;
    if (d.kind == 0) {
        for (uint32_t q = 0; q < n; ++q) out[q] = d.a;
        return;
    }
    // Attempt 0 of element e is word e % 4 of Philox round 0 at index e / 4 (element_word).
    const uint64_t first_quad = first >> 2;
    const auto quads = static_cast<uint32_t>(((first + n - 1) >> 2) - first_quad + 1);
    if (!one_batch(first_quad, quads)) {  // rare: one by one
        for (uint32_t q = 0; q < n; ++q) out[q] = draw_value(d, seed, stream, first + q);
        return;
    }
    uint32_t all[kDrawBlock + 4];
    philox_interleaved_words(isa, seed, stream, first_quad, quads, all);
    const uint32_t* words = all + (first & 3u);
    uint8_t redraw[kDrawBlock];
    if (first_attempts_for(isa)(d, words, n, out, redraw) == 0) return;
    // The second attempts of the draws to redraw (the microcircuit's delays: 3-4 %), listed
    // without branches and made by the same vectorised loop; the few that miss again go on one
    // by one from attempt 2.
    uint16_t at[kDrawBlock];
    uint32_t misses = 0;
    for (uint32_t q = 0; q < n; ++q) {  // written at every q, kept at misses
        at[misses] = static_cast<uint16_t>(q);
        misses += redraw[q];
    }
    uint32_t second_words[kDrawBlock];
    for (uint32_t t = 0; t < misses; ++t) second_words[t] = element_word(seed, stream, 1, first + at[t]);
    float second[kDrawBlock];
    uint8_t again[kDrawBlock];
    first_attempts_for(isa)(d, second_words, misses, second, again);
    for (uint32_t t = 0; t < misses; ++t)
        out[at[t]] = again[t] ? draw_value_from(d, seed, stream, first + at[t], 2) : second[t];
}

// First attempts of n <= kDrawBlock pairs of fixed_total_number from their two words of Philox
// round 0 (pair q's at words[2q] and words[2q + 1]), as draw_pair makes them; returns how many
// are autapses to be redrawn, marked in `redraw`.
AXON_CPU_MULTIVERSIONED(first_pair_attempts, uint32_t,
                        (const ConnectivityParams& p, const uint32_t* __restrict words, uint32_t n,
                         uint32_t* __restrict pre, uint32_t* __restrict post, uint8_t* __restrict redraw),
                        {
                            const uint32_t n_pre = p.n_pre, n_post = p.n_post;
                            const uint8_t no_autapses = p.no_autapses;
                            uint32_t autapses = 0;
                            for (uint32_t q = 0; q < n; ++q) {
                                pre[q] = uniform_index(words[2 * q], n_pre);
                                post[q] = uniform_index(words[2 * q + 1], n_post);
                                redraw[q] = no_autapses & (pre[q] == post[q]);
                                autapses += redraw[q];
                            }
                            return autapses;
                        })

// Pairs [first, first + n) of fixed_total_number with multapses: each pair's first attempt that
// is not an autapse (valid_pair's), pre and post in separate arrays.
void draw_pair_block(Isa isa, const ConnectivityParams& p, uint64_t first, uint32_t n, uint32_t* pre, uint32_t* post) {
    const auto one = [&](uint32_t q, uint32_t round) {
        const uint64_t key = valid_pair(p, first + q, round);
        pre[q] = static_cast<uint32_t>(key >> 32);
        post[q] = static_cast<uint32_t>(key);
    };
    if (n == 0) return;
    // Attempt 0 of pair k is words 2 (k % 2), 2 (k % 2) + 1 of Philox round 0 at index k / 2;
    // blocks start at multiples of kDrawBlock (for_blocks), so pair `first` takes words 0 and 1.
    assert(first % 2 == 0);
    const uint64_t first_half = first >> 1;
    const auto halves = static_cast<uint32_t>(((first + n - 1) >> 1) - first_half + 1);
    if (!one_batch(first_half, halves)) {  // rare: one by one
        for (uint32_t q = 0; q < n; ++q) one(q, 0);
        return;
    }
    uint32_t all[2 * kDrawBlock + 4];
    philox_interleaved_words(isa, p.seed, p.stream, first_half, halves, all);
    uint8_t redraw[kDrawBlock];
    if (first_pair_attempts_for(isa)(p, all, n, pre, post, redraw) == 0) return;
    for (uint32_t q = 0; q < n; ++q)
        if (redraw[q]) one(q, 1);
}

// fixed_total_number without multapses: (pre[k], post[k]) hold each pair's first valid attempt;
// those taken by an earlier pair are replaced by their first later attempt that is not. Pair k
// depends on pairs 0..k-1, so this is sequential: one set insertion per pair, its memory
// prefetched kAhead pairs before. A pair seen taken kPeek pairs early (most that will be) has
// its first redraw drawn and prefetched then; the rounds after it are drawn when needed.
void redraw_taken_pairs(const ConnectivityParams& p, uint32_t* pre, uint32_t* post, int threads) {
    constexpr uint64_t kAhead = 64, kPeek = 32;
    struct Redraw {
        uint64_t k = UINT64_MAX, key = 0;
        uint32_t r = 0;
    };
    const auto first_redraw = [&](uint64_t k) {
        Redraw d{k, 0, 0};
        valid_pair(p, k, d.r);  // the round of its first valid attempt
        d.key = valid_pair(p, k, ++d.r);
        return d;
    };
    const auto pre_of = [](uint64_t key) { return static_cast<uint32_t>(key >> 32); };
    const auto post_of = [](uint64_t key) { return static_cast<uint32_t>(key); };
    Redraw early[2 * kPeek];  // pair c's at c % (2 kPeek): pair k's is not overwritten before it is used
    PairSet taken(p.k, p.n_pre, p.n_post, threads);
    for (uint64_t k = 0; k < p.k; ++k) {
        if (k + kAhead < p.k) taken.prefetch(pre[k + kAhead], post[k + kAhead]);
        if (const uint64_t c = k + kPeek; c < p.k && taken.contains(pre[c], post[c])) {
            Redraw& d = early[c % (2 * kPeek)];
            d = first_redraw(c);
            taken.prefetch(pre_of(d.key), post_of(d.key));
        }
        if (taken.insert(pre[k], post[k])) continue;
        Redraw d = early[k % (2 * kPeek)].k == k ? early[k % (2 * kPeek)] : first_redraw(k);
        while (!taken.insert(pre_of(d.key), post_of(d.key))) d.key = valid_pair(p, k, ++d.r);
        pre[k] = pre_of(d.key);
        post[k] = post_of(d.key);
    }
}

// store(first, count) for the blocks of kDrawBlock elements of [0, n), in parallel where there
// are many; it writes into arrays sized before and must not throw (an OpenMP region).
template <class Store>
void for_blocks(uint64_t n, int threads, Store store) {
    const int64_t blocks = static_cast<int64_t>((n + kDrawBlock - 1) / kDrawBlock);
#pragma omp parallel for num_threads(threads) schedule(static) if (threads > 1 && blocks > 16)
    for (int64_t b = 0; b < blocks; ++b) {
        const uint64_t first = static_cast<uint64_t>(b) * kDrawBlock;
        store(first, static_cast<uint32_t>(n - first < kDrawBlock ? n - first : kDrawBlock));
    }
}

}  // namespace

SynapseMatrix::DelayBounds SynapseMatrix::delay_bounds(int threads) const {
    if (delay.empty()) return {size() == 0 ? uint16_t{UINT16_MAX} : delay_const, delay_const};
    uint16_t low = UINT16_MAX, high = delay_const;  // the longest at least delay_const, as always
    const auto n = static_cast<int64_t>(delay.size());
#pragma omp parallel for num_threads(threads) schedule(static) reduction(min : low) reduction(max : high) if (threads > 1 && n > (1 << 20))
    for (int64_t s = 0; s < n; ++s) {
        low = std::min(low, delay[s]);
        high = std::max(high, delay[s]);
    }
    return {low, high};
}

SynapseMatrix build_structure(const ConnectivityParams& p, PostRange posts, int threads) {
    SynapseMatrix m;
    const uint32_t lo = posts.first, hi = posts.first + posts.count;
    const auto own = [&](uint32_t j) { return j >= lo && j < hi; };
    switch (p.rule) {
    case Rule::all_to_all:
        build_rows(p.n_pre, threads, m, posts.count, 0, 0, [&](uint32_t i, MappedVector<uint32_t>& out, LineScratch&) {
            for (uint32_t j = lo; j < hi; ++j)
                if (j != excluded_index(p, i, p.n_post)) out.push_back(j - lo);
        });
        break;
    case Rule::one_to_one:
        build_rows(p.n_pre, threads, m, 1, 0, 0, [&](uint32_t i, MappedVector<uint32_t>& out, LineScratch&) {
            if (!p.no_autapses && own(i)) out.push_back(i - lo);  // onto itself without autapses: nothing (NEST)
        });
        break;
    case Rule::fixed_probability: {
        const double prob = -std::expm1(static_cast<double>(p.log1m_p));  // log1m_p = log(1 - p)
        const double per_row = posts.count * prob;
        build_rows(p.n_pre, threads, m, per_row, std::sqrt(per_row * (1 - prob)), 0, [&](uint32_t i, MappedVector<uint32_t>& out, LineScratch& scratch) {
            bernoulli_line(p, i, p.n_post, scratch, [&](uint32_t j) {
                if (j != excluded_index(p, i, p.n_post) && own(j)) out.push_back(j - lo);
            });
        });
        break;
    }
    case Rule::fixed_outdegree: {
        const auto row = [&](uint32_t i, MappedVector<uint32_t>& out, LineScratch& scratch) {
            const std::size_t first = out.size();
            draw_indices(p, i, p.n_post, true, out, scratch);
            if (posts.count == p.n_post) return;
            std::size_t kept = first;  // the row is sorted: its own posts are one stretch
            for (std::size_t s = first; s < out.size(); ++s)
                if (own(out[s])) out[kept++] = out[s] - lo;
            out.resize(kept);
        };
        if (posts.count == p.n_post)
            build_equal_rows(p.n_pre, p.k, threads, m, row);
        else {  // each row's k posts drawn, those onto the block (a fraction f of them) kept
            const double f = static_cast<double>(posts.count) / p.n_post;
            build_rows(p.n_pre, threads, m, p.k * f, std::sqrt(p.k * f * (1 - f)), p.k, row);
        }
        break;
    }
    case Rule::fixed_indegree: {
        // Columns drawn in parallel (one line per post neuron), then transposed; scattering
        // the columns in post order leaves every row sorted without a sort.
        SynapseMatrix columns;
        build_equal_rows(posts.count, p.k, threads, columns, [&](uint32_t j, MappedVector<uint32_t>& out, LineScratch& scratch) {
            draw_indices(p, lo + j, p.n_pre, false, out, scratch);
        });
        csr_from_columns(p.n_pre, columns.row_start, columns.post.data(), columns.post.size(), m, threads);
        break;
    }
    case Rule::fixed_total_number: {
        if (distinct_pairs_fit(p)) return distinct_pairs(p, posts, threads);  // no multapses, dense
        // Pair k's attempt r is two words of Philox round r at index k / 2 (draw_pair); attempt
        // r + 1 replaces a rejected draw.
        // Every pair is drawn (without multapses a pair depends on those before it); those
        // onto other posts are dropped.
        UninitialisedVector<uint32_t> pre(p.k), post(p.k);  // every pair is stored
        draw_first_valid_pairs(p, pre.data(), post.data(), threads);
        if (!p.multapses) redraw_taken_pairs(p, pre.data(), post.data(), threads);
        if (posts.count != p.n_post) {
            std::size_t kept = 0;
            for (std::size_t s = 0; s < post.size(); ++s)
                if (own(post[s])) {
                    pre[kept] = pre[s];
                    post[kept++] = post[s] - lo;
                }
            pre.resize(kept);
            post.resize(kept);
        }
        csr_from_pairs(p.n_pre, posts.count, pre, post, m, threads);
        break;
    }
    }
    return m;
}

SynapseMatrix restrict_to_posts(const std::vector<uint64_t>& row_start, const std::vector<uint32_t>& post,
                                PostRange posts) {
    SynapseMatrix m;
    const std::size_t rows = row_start.size() - 1;
    const auto own = [&](uint32_t j) { return j >= posts.first && j - posts.first < posts.count; };
    m.row_start.assign(rows + 1, 0);
    for (std::size_t i = 0; i < rows; ++i) {  // counted first: the array is sized once, not grown
        m.row_start[i + 1] = m.row_start[i];
        for (uint64_t s = row_start[i]; s < row_start[i + 1]; ++s) m.row_start[i + 1] += own(post[s]);
    }
    m.post.resize(m.row_start[rows]);
    uint64_t kept = 0;
    for (uint64_t s = row_start[0]; s < row_start[rows]; ++s)
        if (own(post[s])) m.post[kept++] = post[s] - posts.first;
    return m;
}

void draw_first_valid_pairs(const ConnectivityParams& p, uint32_t* pre, uint32_t* post, int threads) {
    draw_first_valid_pairs(p, 0, p.k, pre, post, threads);
}

void draw_first_valid_pairs(const ConnectivityParams& p, uint64_t first, uint64_t n, uint32_t* pre, uint32_t* post,
                            int threads) {
    if (first % 2 != 0) throw std::invalid_argument("draw_first_valid_pairs: the first pair must be even");
    const Isa isa = active_isa();
    for_blocks(n, threads, [&](uint64_t at, uint32_t count) {  // at: a multiple of kDrawBlock, so first + at is even
        draw_pair_block(isa, p, first + at, count, pre + at, post + at);
    });
}

void draw_weights(const DrawParams& d, uint64_t seed, uint32_t stream, uint64_t n, float* out, int threads) {
    const Isa isa = active_isa();
    for_blocks(n, threads,
               [&](uint64_t first, uint32_t count) { draw_block(isa, d, seed, stream, first, count, out + first); });
}

void draw_delays(const DrawParams& d, uint64_t seed, uint32_t stream, float dt_ms, uint64_t n, uint16_t* out,
                 int threads) {
    const Isa isa = active_isa();
    for_blocks(n, threads, [&](uint64_t first, uint32_t count) {
        float values[kDrawBlock];
        draw_block(isa, d, seed, stream, first, count, values);
        for (uint32_t q = 0; q < count; ++q) out[first + q] = delay_steps_from_ms(values[q], dt_ms);
    });
}

// Each row's segment in blocks of at most kDrawBlock, rows split over threads.
template <class Store>
void for_row_blocks(const std::vector<uint64_t>& row_start, const std::vector<uint64_t>& global_first, int threads,
                    Store store) {
    const auto rows = static_cast<uint32_t>(row_start.size() - 1);
    for_chunks(rows, threads, [&](uint32_t begin, uint32_t end, int) {
        for (uint32_t i = begin; i < end; ++i)
            for (uint64_t done = 0, n = row_start[i + 1] - row_start[i]; done < n; done += kDrawBlock)
                store(global_first[i] + done, row_start[i] + done,
                      static_cast<uint32_t>(n - done < kDrawBlock ? n - done : kDrawBlock));
    });
}

void draw_weights_in_rows(const DrawParams& d, uint64_t seed, uint32_t stream, const std::vector<uint64_t>& row_start,
                          const std::vector<uint64_t>& global_first, float* out, int threads) {
    const Isa isa = active_isa();
    for_row_blocks(row_start, global_first, threads, [&](uint64_t global, uint64_t local, uint32_t count) {
        draw_block(isa, d, seed, stream, global, count, out + local);
    });
}

void draw_delays_in_rows(const DrawParams& d, uint64_t seed, uint32_t stream, float dt_ms,
                         const std::vector<uint64_t>& row_start, const std::vector<uint64_t>& global_first,
                         uint16_t* out, int threads) {
    const Isa isa = active_isa();
    for_row_blocks(row_start, global_first, threads, [&](uint64_t global, uint64_t local, uint32_t count) {
        float values[kDrawBlock];
        draw_block(isa, d, seed, stream, global, count, values);
        for (uint32_t q = 0; q < count; ++q) out[local + q] = delay_steps_from_ms(values[q], dt_ms);
    });
}

}  // namespace axon::cpu
