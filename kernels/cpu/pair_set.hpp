// The pairs already taken, for the sequential draw of fixed_total_number without multapses
// (kernels/cpu/connectivity.cpp): one bit per possible (pre, post) pair where there are at most
// 64 possible pairs per drawn one (the bits take no more room than the drawn pairs), else an
// open-addressing hash set of pair keys at most half full (16 to 32 bytes per pair). Either
// way one memory visit per pair, which the caller can prefetch a few pairs ahead
// (std::unordered_set took a node allocation and a pointer chase per pair: 25 times slower).
#pragma once
#include <cstdint>

#include "uninitialised_vector.hpp"

namespace axon::cpu {

class PairSet {
public:
    /// Room for `pairs` pairs of pre in [0, n_pre) and post in [0, n_post), cleared by `threads`
    /// threads.
    PairSet(uint64_t pairs, uint32_t n_pre, uint32_t n_post, int threads) : n_post_(n_post) {
        const uint64_t possible = static_cast<uint64_t>(n_pre) * n_post;
        bitmap_ = possible / 64 <= pairs;
        uint64_t words = (possible + 63) / 64;
        if (!bitmap_) {
            int bits = 4;
            while ((uint64_t{1} << bits) < 2 * pairs) ++bits;
            shift_ = 64 - bits;
            mask_ = (uint64_t{1} << bits) - 1;
            words = mask_ + 1;
        }
        slots_.resize(words);
        const auto n = static_cast<int64_t>(words);
        const uint64_t empty = bitmap_ ? 0 : kEmpty;
#pragma omp parallel for num_threads(threads) schedule(static) if (threads > 1 && n > (1 << 20))
        for (int64_t i = 0; i < n; ++i) slots_[static_cast<std::size_t>(i)] = empty;
    }

    /// Whether (pre, post) was new (it is in the set either way).
    bool insert(uint32_t pre, uint32_t post) { return visit(pre, post, true); }
    /// Whether (pre, post) is in the set.
    bool contains(uint32_t pre, uint32_t post) { return !visit(pre, post, false); }

    /// Brings the cache line insert(pre, post) starts at closer (a hint). Inlined by force: GCC
    /// drops calls to a function whose only effect is a prefetch.
    [[gnu::always_inline]] void prefetch(uint32_t pre, uint32_t post) const {
        __builtin_prefetch(&slots_[bitmap_ ? bit_of(pre, post) / 64 : hash_slot(key_of(pre, post))], 1);
    }

private:
    static constexpr uint64_t kEmpty = UINT64_MAX;  // never a key: pre is below 2^32 - 1

    // Whether (pre, post) is absent; added if `add`.
    bool visit(uint32_t pre, uint32_t post, bool add) {
        if (bitmap_) {
            const uint64_t index = bit_of(pre, post);
            uint64_t& word = slots_[index / 64];
            const uint64_t bit = uint64_t{1} << (index % 64);
            const bool absent = (word & bit) == 0;
            if (add) word |= bit;
            return absent;
        }
        const uint64_t key = key_of(pre, post);
        for (uint64_t at = hash_slot(key);; at = (at + 1) & mask_) {
            if (slots_[at] == key) return false;
            if (slots_[at] == kEmpty) {
                if (add) slots_[at] = key;
                return true;
            }
        }
    }

    uint64_t bit_of(uint32_t pre, uint32_t post) const { return static_cast<uint64_t>(pre) * n_post_ + post; }
    static uint64_t key_of(uint32_t pre, uint32_t post) { return static_cast<uint64_t>(pre) << 32 | post; }
    // Fibonacci hashing: the multiplied key's high bits spread neighbouring keys apart.
    uint64_t hash_slot(uint64_t key) const { return (key * 0x9E3779B97F4A7C15ull) >> shift_; }

    uint64_t n_post_;
    bool bitmap_ = false;
    int shift_ = 60;
    uint64_t mask_ = 0;
    UninitialisedVector<uint64_t> slots_;  // bits, or keys
};

}  // namespace axon::cpu
