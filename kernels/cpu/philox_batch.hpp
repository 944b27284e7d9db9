// Philox4x32-10 for many consecutive counters at once, written structure-of-arrays so the
// compiler vectorises the rounds (one counter per SIMD lane). Bit-identical to
// r123::Philox4x32 and so to philox_block()/step_block() (tests/models/det_math_test.cpp).
// Inlined into multiversioned loops (multiversion.hpp), the rounds take that ISA's vectors.
#pragma once
#include <cassert>
#include <cstdint>

#include "isa.hpp"

namespace axon::cpu {

/// The ten rounds of Philox4x32 on one counter (x0..x3) with key (k0, k1).
[[gnu::always_inline]] inline void philox_rounds(uint32_t& x0, uint32_t& x1, uint32_t& x2, uint32_t& x3, uint32_t k0,
                                                 uint32_t k1) {
    for (int round = 0; round < 10; ++round) {
        const uint64_t p0 = static_cast<uint64_t>(0xD2511F53u) * x0;
        const uint64_t p1 = static_cast<uint64_t>(0xCD9E8D57u) * x2;
        const uint32_t y0 = static_cast<uint32_t>(p1 >> 32) ^ x1 ^ k0;
        const uint32_t y2 = static_cast<uint32_t>(p0 >> 32) ^ x3 ^ k1;
        x1 = static_cast<uint32_t>(p1);
        x3 = static_cast<uint32_t>(p0);
        x0 = y0;
        x2 = y2;
        k0 += 0x9E3779B9u;  // Weyl key schedule
        k1 += 0xBB67AE85u;
    }
}

/// The first `Words` (1, 2 or 4) words of philox_block(seed, stream, round, index) for index in
/// [first, first + n), which must not cross a multiple of 2^32: word k of index first + q in
/// out_k[q] (the pointers of words not wanted are ignored).
template <int Words>
[[gnu::always_inline]] inline void philox_words(uint64_t seed, uint32_t stream, uint32_t round, uint64_t first,
                                                uint32_t n, uint32_t* __restrict out0, uint32_t* __restrict out1,
                                                uint32_t* __restrict out2, uint32_t* __restrict out3) {
    static_assert(Words == 1 || Words == 2 || Words == 4, "one, two or four words");
    const auto lo = static_cast<uint32_t>(first), hi = static_cast<uint32_t>(first >> 32);
    const auto k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
    for (uint32_t q = 0; q < n; ++q) {
        uint32_t x0 = lo + q, x1 = hi, x2 = round, x3 = stream;
        philox_rounds(x0, x1, x2, x3, k0, k1);
        out0[q] = x0;
        if constexpr (Words >= 2) out1[q] = x1;
        if constexpr (Words == 4) {
            out2[q] = x2;
            out3[q] = x3;
        }
    }
}

/// All four words of philox_block(seed, stream, first_round + q, index) for q in [0, n): one
/// counter's successive rounds (draw_word's sequence of a line), word k in out_k[q].
/// first_round + n must not exceed 2^32.
[[gnu::always_inline]] inline void philox_round_words(uint64_t seed, uint32_t stream, uint64_t index,
                                                      uint32_t first_round, uint32_t n, uint32_t* __restrict out0,
                                                      uint32_t* __restrict out1, uint32_t* __restrict out2,
                                                      uint32_t* __restrict out3) {
    const auto lo = static_cast<uint32_t>(index), hi = static_cast<uint32_t>(index >> 32);
    const auto k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
    for (uint32_t q = 0; q < n; ++q) {
        uint32_t x0 = lo, x1 = hi, x2 = first_round + q, x3 = stream;
        philox_rounds(x0, x1, x2, x3, k0, k1);
        out0[q] = x0;
        out1[q] = x1;
        out2[q] = x2;
        out3[q] = x3;
    }
}

/// philox_words with the words wanted given by their pointers: out1..out3, out2..out3 or none
/// null.
[[gnu::always_inline]] inline void philox_index_words(uint64_t seed, uint32_t stream, uint32_t round, uint64_t first,
                                                      uint32_t n, uint32_t* out0, uint32_t* out1,
                                                      uint32_t* out2 = nullptr, uint32_t* out3 = nullptr) {
    assert((out2 == nullptr) == (out3 == nullptr) && (out2 == nullptr || out1 != nullptr));
    if (out2 != nullptr) philox_words<4>(seed, stream, round, first, n, out0, out1, out2, out3);
    else if (out1 != nullptr) philox_words<2>(seed, stream, round, first, n, out0, out1, nullptr, nullptr);
    else philox_words<1>(seed, stream, round, first, n, out0, nullptr, nullptr, nullptr);
}

/// The words of step_block(seed, stream, step, 4 (first_quad + q)) for q in [0, n): word k of
/// quad q in out_k[q]. step_block is Philox at index (step's upper half, quad), round step's
/// lower half.
inline void philox_step_blocks(uint64_t seed, uint32_t stream, uint64_t step, uint32_t first_quad, uint32_t n,
                               uint32_t* out0, uint32_t* out1, uint32_t* out2, uint32_t* out3) {
    philox_words<4>(seed, stream, static_cast<uint32_t>(step), ((step >> 32) << 32) | first_quad, n, out0, out1, out2,
                    out3);
}

/// philox_index_words as a function for an ISA: AVX2 and AVX-512 have hand-vectorised versions
/// (philox_batch.cpp), twice as fast as the compiler's; the same words.
using PhiloxWords = void (*)(uint64_t seed, uint32_t stream, uint32_t round, uint64_t first, uint32_t n,
                             uint32_t* out0, uint32_t* out1, uint32_t* out2, uint32_t* out3);
PhiloxWords philox_index_words_for(Isa isa);

/// philox_round_words as a function for an ISA (hand-vectorised for AVX2 and AVX-512).
using PhiloxRoundWords = void (*)(uint64_t seed, uint32_t stream, uint64_t index, uint32_t first_round, uint32_t n,
                                  uint32_t* out0, uint32_t* out1, uint32_t* out2, uint32_t* out3);
PhiloxRoundWords philox_round_words_for(Isa isa);

}  // namespace axon::cpu
