#include "distinct_pairs.hpp"

#include <algorithm>
#include <queue>
#include <vector>

#include "counting_sort.hpp"
#include "parallel.hpp"
#include "multiversion.hpp"
#include "uninitialised_vector.hpp"

namespace axon::cpu {
namespace {

constexpr uint32_t kNone = UINT32_MAX;
constexpr int64_t kClaimsAhead = 8;  // claims prefetched ahead
constexpr uint64_t kMaxPartBits = uint64_t{UINT32_MAX} - 1;  // a part's bit numbers fit 32 bits, kNone spare

// Pair k, which must leave its attempts up to this round. A pair refused its first valid
// attempt waits at round 0: if rounds before that attempt were autapses, valid_pair from round 1
// gives the same key again, which is refused again (an earlier pair holds it), at the cost of
// drawing those rounds and claiming once more, for the rare pair whose round 0 was an autapse.
struct Pending {
    uint32_t k, round;
};

// Keys of one part taken by pairs on a later attempt than their first: bit -> (pair, round).
// Open addressing, at most half full.
class TakenLater {
public:
    struct Slot {
        uint32_t key = kNone, k = 0, round = 0;
    };
    Slot* find(uint32_t key) {
        if (slots_.empty()) return nullptr;
        for (uint32_t at = home(key);; at = (at + 1) & mask()) {
            if (slots_[at].key == key) return &slots_[at];
            if (slots_[at].key == kNone) return nullptr;
        }
    }
    [[gnu::always_inline]] void prefetch(uint32_t key) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[home(key)]);
    }
    void add(uint32_t key, Pending holder) {  // key is not in the set
        if (2 * (used_ + 1) > slots_.size()) grow();
        uint32_t at = home(key);
        while (slots_[at].key != kNone) at = (at + 1) & mask();
        slots_[at] = Slot{key, holder.k, holder.round};
        ++used_;
    }
    template <class Fn>
    void for_each_key(Fn fn) const {
        for (const Slot& s : slots_)
            if (s.key != kNone) fn(s.key);
    }

private:
    uint32_t mask() const { return static_cast<uint32_t>(slots_.size() - 1); }
    uint32_t home(uint32_t key) const { return static_cast<uint32_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask(); }
    void grow() {
        std::vector<Slot> old(slots_.empty() ? 16 : 2 * slots_.size());
        old.swap(slots_);
        for (const Slot& s : old)
            if (s.key != kNone) {
                uint32_t at = home(s.key);
                while (slots_[at].key != kNone) at = (at + 1) & mask();
                slots_[at] = s;
            }
    }
    std::vector<Slot> slots_;
    uint32_t used_ = 0;
};

// The bits set in x. The kernels are built for the x86-64 baseline, which lacks popcnt: GCC's
// builtin would call libgcc's table walk. GCC knows this form, and compiles it to popcnt in the
// multiversioned loops below (x86-64-v3 and v4 have it): the microcircuit's parts are marked
// and ranked 1.35x as fast (bench/results/cpu-prefetch.md).
[[gnu::always_inline]] inline uint32_t count_ones(uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return static_cast<uint32_t>((x * 0x0101010101010101ull) >> 56);
}

inline void set_bit(uint64_t* words, uint32_t bit) { words[bit / 64] |= uint64_t{1} << (bit % 64); }

// How many bits of `words` come before `bit`, from `ranks` (per word: the bits before it).
[[gnu::always_inline]] inline uint32_t rank_of(const uint64_t* words, const uint32_t* ranks, uint32_t bit) {
    return ranks[bit / 64] + count_ones(words[bit / 64] & ((uint64_t{1} << (bit % 64)) - 1));
}

// fn(w, bits) for each word w that bits [from, to) touch: its bits within that range.
template <class Fn>
void for_each_word(const uint64_t* words, uint64_t from, uint64_t to, Fn fn) {
    for (uint64_t b = from; b < to;) {
        const uint64_t w = b / 64, lo = b % 64, hi = std::min<uint64_t>(64, to - (b - lo));
        fn(w, words[w] & (hi == 64 ? ~uint64_t{0} : (uint64_t{1} << hi) - 1) & (~uint64_t{0} << lo));
        b += hi - lo;
    }
}

AXON_CPU_MULTIVERSIONED(count_bits, uint64_t, (const uint64_t* words, uint64_t from, uint64_t to), {
    uint64_t n = 0;
    for_each_word(words, from, to, [&](uint64_t, uint64_t bits) { n += count_ones(bits); });
    return n;
})

// ranks[i] = the bits of words before word i; returns the bits of all n words.
AXON_CPU_MULTIVERSIONED(rank_words, uint32_t, (const uint64_t* __restrict words, uint32_t* __restrict ranks, uint64_t n), {
    uint32_t before = 0;
    for (uint64_t i = 0; i < n; ++i) {
        ranks[i] = before;
        before += count_ones(words[i]);
    }
    return before;
})

// at[e] = rank_of the bit in entry e's low 32 bits, for e in [0, n).
AXON_CPU_MULTIVERSIONED(rank_entries, void,
                        (const uint64_t* words, const uint32_t* ranks, const uint64_t* entries, uint64_t n,
                         uint32_t* __restrict at),
                        {
                            for (uint64_t e = 0; e < n; ++e) at[e] = rank_of(words, ranks, static_cast<uint32_t>(entries[e]));
                        })

template <class Fn>
void for_each_bit(const uint64_t* words, uint64_t from, uint64_t to, Fn fn) {
    for_each_word(words, from, to, [&](uint64_t w, uint64_t bits) {
        for (; bits; bits &= bits - 1) fn(w * 64 + static_cast<uint64_t>(__builtin_ctzll(bits)));
    });
}

// The lists one after another.
std::vector<Pending> joined(const std::vector<std::vector<Pending>>& lists) {
    std::vector<Pending> all;
    for (const std::vector<Pending>& l : lists) all.insert(all.end(), l.begin(), l.end());
    return all;
}

class DistinctPairs {
public:
    DistinctPairs(const ConnectivityParams& p, int threads, const DistinctPairsLayout& layout)
        : p_(p), threads_(threads) {
        // A part's memory per possible pair: its bit, its share of the rank directory (4 bytes
        // per 64 bits), and the expected index of a first attempt (4 bytes, for the fraction of
        // pairs drawn).
        const double density = static_cast<double>(p.k) / (static_cast<double>(p.n_pre) * p.n_post);
        const double bits = static_cast<double>(layout.part_bytes) / (1.0 / 8 + 4.0 / 64 + 4 * density);
        rows_per_part_ = static_cast<uint32_t>(std::clamp(bits / p.n_post, 1.0, static_cast<double>(p.n_pre)));
        rows_per_part_ = static_cast<uint32_t>(std::clamp<uint64_t>(rows_per_part_, 1, std::max<uint64_t>(1, kMaxPartBits / p.n_post)));
        parts_ = static_cast<uint32_t>((uint64_t{p.n_pre} + rows_per_part_ - 1) / rows_per_part_);
        word_start_.resize(parts_ + 1, 0);
        for (uint32_t q = 0; q < parts_; ++q) {
            word_start_[q + 1] = word_start_[q] + (rows_in(q) * p.n_post + 63) / 64;
        }
        part_of_row_.resize(p.n_pre);
        bit_of_row_.resize(p.n_pre);
        for (uint32_t i = 0; i < p.n_pre; ++i) {  // the divisions once per row, not per pair
            part_of_row_[i] = i / rows_per_part_;
            bit_of_row_[i] = (i % rows_per_part_) * p.n_post;
        }
        taken_later_.resize(parts_);
        sequential_below_ = layout.sequential_below;
    }

    SynapseMatrix build(PostRange posts) {
        std::vector<Pending> pending = hold_first_attempts();
        move_on(std::move(pending));
        return rows(posts);
    }

private:
    uint64_t rows_in(uint32_t q) const {
        return std::min<uint64_t>(rows_per_part_, p_.n_pre - static_cast<uint64_t>(q) * rows_per_part_);
    }
    uint32_t part_of(uint64_t key) const { return part_of_row_[key >> 32]; }
    uint32_t bit_of(uint64_t key) const { return bit_of_row_[key >> 32] + static_cast<uint32_t>(key); }  // in its part
    uint64_t* words(uint32_t q) { return bits_.data() + word_start_[q]; }
    bool has(uint32_t q, uint32_t bit) { return (words(q)[bit / 64] >> (bit % 64)) & 1; }
    // How many bits of part q come before `bit`.
    uint32_t rank(uint32_t q, uint32_t bit) {
        return rank_of(bits_.data() + word_start_[q], ranks_.data() + word_start_[q], bit);
    }

    // Step 1. Returns the pairs whose first attempt an earlier pair holds.
    std::vector<Pending> hold_first_attempts() {
        std::vector<uint64_t> part_start;
        UninitialisedVector<uint64_t> entries;  // per part, in pair order: k << 32 | bit
        {
            UninitialisedVector<uint32_t> pre(p_.k), post(p_.k);
            draw_first_valid_pairs(p_, pre.data(), post.data(), threads_);
            const auto walk = [&](uint64_t a, uint64_t b, auto&& fn) {
                for (uint64_t k = a; k < b; ++k) {
                    const uint64_t key = uint64_t{pre[k]} << 32 | post[k];
                    fn(part_of(key), k << 32 | bit_of(key));
                }
            };
            stable_counting_sort(p_.k, parts_, threads_, walk, part_start, entries);
        }
        bits_.resize(word_start_[parts_]);
        ranks_.resize(word_start_[parts_]);
        // A part holds at most as many keys as it has pairs: its holders start where its pairs do,
        // and each part is marked and given its holders in one go, while it is in the cache.
        holder_start_ = std::move(part_start);
        first_holder_.resize(p_.k);
        std::vector<std::vector<Pending>> refused(parts_);
        const auto parts = static_cast<int64_t>(parts_);
        FirstFailure failure;  // the refused lists and pair sets allocate
#pragma omp parallel for num_threads(threads_) schedule(dynamic, 1) if (threads_ > 1)
        for (int64_t q = 0; q < parts; ++q)
            failure.run(q, [&] {
                const uint64_t* part = entries.data() + holder_start_[q];
                const uint64_t n = holder_start_[q + 1] - holder_start_[q];
                const uint32_t keys = mark_part(static_cast<uint32_t>(q), part, n);
                hold_part(static_cast<uint32_t>(q), part, n, keys, refused[q]);
            });
        failure.rethrow();
        return joined(refused);
    }

    // Part q's bits of first attempts and their ranks; returns how many bits are set.
    uint32_t mark_part(uint32_t q, const uint64_t* entries, uint64_t n) {
        uint64_t* w = words(q);
        const uint64_t n_words = word_start_[q + 1] - word_start_[q];
        std::fill(w, w + n_words, 0);
        for (uint64_t e = 0; e < n; ++e) set_bit(w, static_cast<uint32_t>(entries[e]));
        return rank_words_(w, ranks_.data() + word_start_[q], n_words);
    }

    // The first pair on each first-attempt key of part q holds it; the others are refused.
    // Ranks come a batch at a time, so that their cache misses overlap.
    void hold_part(uint32_t q, const uint64_t* entries, uint64_t n, uint32_t keys, std::vector<Pending>& refused) {
        const uint64_t* w = words(q);
        const uint32_t* r = ranks_.data() + word_start_[q];
        uint32_t* holder = first_holder_.data() + holder_start_[q];
        std::fill(holder, holder + keys, kNone);
        constexpr uint64_t kBatch = 64;
        uint32_t at[kBatch];
        for (uint64_t first = 0; first < n; first += kBatch) {
            const uint64_t count = std::min(kBatch, n - first);
            rank_entries_(w, r, entries + first, count, at);
            for (uint64_t e = 0; e < count; ++e) {
                const auto k = static_cast<uint32_t>(entries[first + e] >> 32);
                if (holder[at[e]] == kNone)
                    holder[at[e]] = k;
                else
                    refused.push_back(Pending{k, 0});
            }
        }
    }

    // Brings closer what claim(q, bit, ...) looks at first (a hint): scattered over the part,
    // and the part is out of the cache by the time a round comes back to it. The prefetches are
    // inlined by force: GCC drops calls to a function that only prefetches.
    [[gnu::always_inline]] void prefetch_claim(uint32_t q, uint32_t bit) const {
        taken_later_[q].prefetch(bit);
        __builtin_prefetch(bits_.data() + word_start_[q] + bit / 64);
        __builtin_prefetch(ranks_.data() + word_start_[q] + bit / 64);
    }

    // Then, the first attempts' holder of that key, once its bits are near.
    [[gnu::always_inline]] void prefetch_holder(uint32_t q, uint32_t bit) {
        if (has(q, bit)) __builtin_prefetch(first_holder_.data() + holder_start_[q] + rank(q, bit));
    }

    // Pair c claims the key (q, bit) of its attempt c.round. Returns the pair that moves on:
    // c itself if an earlier pair holds the key, the later holder c displaced, or k = kNone.
    Pending claim(uint32_t q, uint32_t bit, Pending c) {
        if (TakenLater::Slot* s = taken_later_[q].find(bit)) {
            if (s->k < c.k) return c;
            const Pending displaced{s->k, s->round};
            s->k = c.k;
            s->round = c.round;
            return displaced;
        }
        if (has(q, bit)) {
            const uint32_t h = first_holder_[holder_start_[q] + rank(q, bit)];
            if (h < c.k) return c;
            taken_later_[q].add(bit, c);
            return Pending{h, 0};
        }
        taken_later_[q].add(bit, c);
        return Pending{kNone, 0};
    }

    // Step 2: until every pair holds a key of its own.
    void move_on(std::vector<Pending> pending) {
        struct Attempt {
            Pending c;
            uint32_t part, bit;
        };
        std::vector<Attempt> attempts;
        std::vector<uint64_t> part_start;
        std::vector<Attempt> by_part;
        std::vector<std::vector<Pending>> refused(parts_);
        while (!pending.empty() && pending.size() >= sequential_below_) {
            attempts.resize(pending.size());
            const auto n = static_cast<int64_t>(pending.size());
#pragma omp parallel for num_threads(threads_) schedule(static) if (threads_ > 1 && n > 4096)
            for (int64_t i = 0; i < n; ++i) {
                Pending c{pending[i].k, pending[i].round + 1};
                const uint64_t key = valid_pair(p_, c.k, c.round);
                attempts[i] = Attempt{c, part_of(key), bit_of(key)};
            }
            const auto walk = [&](uint64_t a, uint64_t b, auto&& fn) {
                for (uint64_t i = a; i < b; ++i) fn(attempts[i].part, attempts[i]);
            };
            stable_counting_sort(attempts.size(), parts_, threads_, walk, part_start, by_part);
            const auto parts = static_cast<int64_t>(parts_);
            // Each part's claims, in any order: claims on different keys touch different state,
            // and a key's own end with its earliest claimant holding it, the others moving on.
            FirstFailure failure;  // as in hold_first_attempts
#pragma omp parallel for num_threads(threads_) schedule(dynamic, 16) if (threads_ > 1)
            for (int64_t q = 0; q < parts; ++q)
                failure.run(q, [&] {
                    refused[q].clear();
                    const auto first = by_part.begin() + static_cast<int64_t>(part_start[q]);
                    const auto last = by_part.begin() + static_cast<int64_t>(part_start[q + 1]);
                    for (auto a = first; a != last; ++a) {
                        if (last - a > kClaimsAhead) prefetch_claim(static_cast<uint32_t>(q), a[kClaimsAhead].bit);
                        if (last - a > kClaimsAhead / 2) prefetch_holder(static_cast<uint32_t>(q), a[kClaimsAhead / 2].bit);
                        const Pending out = claim(static_cast<uint32_t>(q), a->bit, a->c);
                        if (out.k != kNone) refused[q].push_back(out);
                    }
                });
            failure.rethrow();
            pending = joined(refused);
        }
        // The last few, one thread, the earliest pair first, each until it holds a key.
        const auto later = [](const Pending& a, const Pending& b) { return a.k > b.k; };
        std::priority_queue<Pending, std::vector<Pending>, decltype(later)> queue(later, std::move(pending));
        while (!queue.empty()) {
            Pending c = queue.top();
            queue.pop();
            for (;;) {
                ++c.round;
                const uint64_t key = valid_pair(p_, c.k, c.round);
                const Pending out = claim(part_of(key), bit_of(key), c);
                if (out.k == c.k) continue;
                if (out.k != kNone) queue.push(out);
                break;
            }
        }
    }

    // Step 3: every part's keys, the first attempts' bits and the later ones', as CSR rows.
    SynapseMatrix rows(PostRange posts) {
        SynapseMatrix m;
        m.row_start.assign(static_cast<std::size_t>(p_.n_pre) + 1, 0);
        const auto parts = static_cast<int64_t>(parts_);
        const auto row_bits = [&](uint32_t q, uint64_t i) {  // where row i's bits onto `posts` start in its part
            return (i - uint64_t{q} * rows_per_part_) * p_.n_post + posts.first;
        };
#pragma omp parallel for num_threads(threads_) schedule(dynamic, 1) if (threads_ > 1)
        for (int64_t q = 0; q < parts; ++q) {
            const auto part = static_cast<uint32_t>(q);
            uint64_t* w = words(part);
            taken_later_[q].for_each_key([&](uint32_t bit) { set_bit(w, bit); });
            for (uint64_t i = part * uint64_t{rows_per_part_}, end = i + rows_in(part); i < end; ++i) {
                const uint64_t first = row_bits(part, i);
                m.row_start[i + 1] = count_bits_(w, first, first + posts.count);
            }
        }
        for (uint32_t i = 0; i < p_.n_pre; ++i) m.row_start[i + 1] += m.row_start[i];
        m.post.resize(m.row_start[p_.n_pre]);
#pragma omp parallel for num_threads(threads_) schedule(dynamic, 1) if (threads_ > 1)
        for (int64_t q = 0; q < parts; ++q) {
            const auto part = static_cast<uint32_t>(q);
            for (uint64_t i = part * uint64_t{rows_per_part_}, end = i + rows_in(part); i < end; ++i) {
                const uint64_t first = row_bits(part, i);
                uint64_t at = m.row_start[i];
                for_each_bit(words(part), first, first + posts.count,
                             [&](uint64_t bit) { m.post[at++] = static_cast<uint32_t>(bit - first); });
            }
        }
        return m;
    }

    const ConnectivityParams& p_;
    int threads_;
    decltype(&count_bits_baseline) count_bits_ = count_bits_for(active_isa());
    decltype(&rank_words_baseline) rank_words_ = rank_words_for(active_isa());
    decltype(&rank_entries_baseline) rank_entries_ = rank_entries_for(active_isa());
    uint32_t rows_per_part_ = 1, parts_ = 0;
    uint64_t sequential_below_ = 0;
    std::vector<uint32_t> part_of_row_, bit_of_row_;  // a row's part, and its first bit there
    std::vector<uint64_t> word_start_;   // part q's bits: words [word_start_[q], word_start_[q + 1])
    UninitialisedVector<uint64_t> bits_;  // a bit per possible pair: a first attempt's, later also a later one's
    UninitialisedVector<uint32_t> ranks_;  // per word: the part's bits before it
    std::vector<uint64_t> holder_start_;  // part q's first holders from here (where its first attempts were)
    UninitialisedVector<uint32_t> first_holder_;  // per first-attempt key of a part, in bit order: the pair holding it
    std::vector<TakenLater> taken_later_;  // per part
};

}  // namespace

bool distinct_pairs_fit(const ConnectivityParams& p) {
    const uint64_t possible = static_cast<uint64_t>(p.n_pre) * p.n_post;
    // Above half of all pairs the rounds' claims (a refused fifth of the pairs at half, over a
    // third near all of them) would take more than construction_scratch's 40 B per pair.
    return !p.multapses && possible > 0 && p.k > 0 && p.k < kNone && possible / 64 <= p.k && p.k <= possible / 2;
}

SynapseMatrix distinct_pairs(const ConnectivityParams& p, PostRange posts, int threads, const DistinctPairsLayout& layout) {
    return DistinctPairs(p, threads, layout).build(posts);
}

}  // namespace axon::cpu
