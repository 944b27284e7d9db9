#include "philox_batch.hpp"

#if AXON_CPU_MULTIVERSION
// GCC 12 warns of uninitialized values inside its own AVX-512 intrinsics once they are inlined
// (GCC bug 105593, fixed in GCC 13): the warning is about the header, not this code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#endif

namespace axon::cpu {
namespace {

void philox_words_baseline(uint64_t seed, uint32_t stream, uint32_t round, uint64_t first, uint32_t n, uint32_t* out0,
                           uint32_t* out1, uint32_t* out2, uint32_t* out3) {
    philox_index_words(seed, stream, round, first, n, out0, out1, out2, out3);
}

void philox_rounds_baseline(uint64_t seed, uint32_t stream, uint64_t index, uint32_t first_round, uint32_t n,
                            uint32_t* out0, uint32_t* out1, uint32_t* out2, uint32_t* out3) {
    philox_round_words(seed, stream, index, first_round, n, out0, out1, out2, out3);
}

#if AXON_CPU_MULTIVERSION
// Philox's products are 32 x 32 -> 64 bits. GCC vectorises them by widening every lane to 64 bits
// (AVX-512: vpmullq), which takes twice the instructions of multiplying the even and the odd
// lanes in place (vpmuludq) and blending the halves back, as here. Two vectors of counters per
// iteration keep two independent chains of rounds in flight. The values are Random123's (tested
// against philox_block on every ISA).
#define AXON_PHILOX_SIMD(isa, target_spec, V, W, set1, add, srli, slli, xor_, mul, blend, odd_mask, loadu_iota, storeu) \
    __attribute__((target(target_spec), always_inline)) inline void mulhilo_##isa(V x, V m, V& hi, V& lo) {            \
        const V even = mul(x, m), odd = mul(srli(x, 32), m);                                                            \
        hi = blend(odd_mask, srli(even, 32), odd);                                                                      \
        lo = blend(odd_mask, even, slli(odd, 32));                                                                      \
    }                                                                                                                   \
    /* ByRound: the lanes take successive rounds of one index, else successive indices. */                          \
    template <bool ByRound>                                                                                             \
    __attribute__((target(target_spec), always_inline)) inline void philox_batch_##isa(                                 \
        uint64_t seed, uint32_t stream, uint32_t round, uint64_t first, uint32_t n, uint32_t* out0, uint32_t* out1,    \
        uint32_t* out2, uint32_t* out3) {                                                                               \
        const auto lo32 = static_cast<uint32_t>(first), hi32 = static_cast<uint32_t>(first >> 32);                     \
        const V m0 = set1(static_cast<int>(0xD2511F53u)), m1 = set1(static_cast<int>(0xCD9E8D57u)), iota = loadu_iota; \
        uint32_t q = 0;                                                                                                 \
        for (; q + 2 * W <= n; q += 2 * W) {                                                                            \
            /* the varying counter word: base + lane (a lambda would lose the target) */                              \
            const uint32_t base = ByRound ? round + q : lo32 + q;                                                       \
            const V va = add(set1(static_cast<int>(base)), iota), vb = add(set1(static_cast<int>(base + W)), iota);     \
            V a0 = ByRound ? set1(static_cast<int>(lo32)) : va, b0 = ByRound ? a0 : vb;                                 \
            V a2 = ByRound ? va : set1(static_cast<int>(round)), b2 = ByRound ? vb : a2;                                \
            V a1 = set1(static_cast<int>(hi32)), b1 = a1;                                                               \
            V a3 = set1(static_cast<int>(stream)), b3 = a3;                                                             \
            uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);                          \
            for (int r = 0; r < 10; ++r) {                                                                              \
                const V key0 = set1(static_cast<int>(k0)), key1 = set1(static_cast<int>(k1));                           \
                V ha0, la0, ha2, la2, hb0, lb0, hb2, lb2;                                                               \
                mulhilo_##isa(a0, m0, ha0, la0);                                                                        \
                mulhilo_##isa(a2, m1, ha2, la2);                                                                        \
                mulhilo_##isa(b0, m0, hb0, lb0);                                                                        \
                mulhilo_##isa(b2, m1, hb2, lb2);                                                                        \
                a0 = xor_(xor_(ha2, a1), key0);                                                                         \
                a2 = xor_(xor_(ha0, a3), key1);                                                                         \
                a1 = la2;                                                                                               \
                a3 = la0;                                                                                               \
                b0 = xor_(xor_(hb2, b1), key0);                                                                         \
                b2 = xor_(xor_(hb0, b3), key1);                                                                         \
                b1 = lb2;                                                                                               \
                b3 = lb0;                                                                                               \
                k0 += 0x9E3779B9u;                                                                                      \
                k1 += 0xBB67AE85u;                                                                                      \
            }                                                                                                           \
            storeu(reinterpret_cast<V*>(out0 + q), a0);                                                                 \
            storeu(reinterpret_cast<V*>(out0 + q + W), b0);                                                             \
            if (out1 != nullptr) {                                                                                      \
                storeu(reinterpret_cast<V*>(out1 + q), a1);                                                             \
                storeu(reinterpret_cast<V*>(out1 + q + W), b1);                                                         \
            }                                                                                                           \
            if (out2 != nullptr) {                                                                                      \
                storeu(reinterpret_cast<V*>(out2 + q), a2);                                                             \
                storeu(reinterpret_cast<V*>(out2 + q + W), b2);                                                         \
                storeu(reinterpret_cast<V*>(out3 + q), a3);                                                             \
                storeu(reinterpret_cast<V*>(out3 + q + W), b3);                                                         \
            }                                                                                                           \
        }                                                                                                               \
        const auto rest = [q](uint32_t* out) { return out == nullptr ? nullptr : out + q; };                           \
        if constexpr (ByRound)                                                                                          \
            philox_round_words(seed, stream, first, round + q, n - q, out0 + q, out1 + q, out2 + q, out3 + q);         \
        else                                                                                                            \
            philox_index_words(seed, stream, round, first + q, n - q, out0 + q, rest(out1), rest(out2), rest(out3));   \
    }                                                                                                                   \
    __attribute__((target(target_spec))) void philox_words_##isa(uint64_t seed, uint32_t stream, uint32_t round,      \
                                                                 uint64_t first, uint32_t n, uint32_t* out0,           \
                                                                 uint32_t* out1, uint32_t* out2, uint32_t* out3) {     \
        philox_batch_##isa<false>(seed, stream, round, first, n, out0, out1, out2, out3);                              \
    }                                                                                                                   \
    __attribute__((target(target_spec))) void philox_rounds_##isa(uint64_t seed, uint32_t stream, uint64_t index,     \
                                                                  uint32_t first_round, uint32_t n, uint32_t* out0,    \
                                                                  uint32_t* out1, uint32_t* out2, uint32_t* out3) {    \
        philox_batch_##isa<true>(seed, stream, first_round, index, n, out0, out1, out2, out3);                         \
    }

#define AXON_BLEND256(mask, a, b) _mm256_blend_epi32(a, b, mask)
#define AXON_BLEND512(mask, a, b) _mm512_mask_blend_epi32(mask, a, b)
AXON_PHILOX_SIMD(avx2, "arch=x86-64-v3", __m256i, 8u, _mm256_set1_epi32, _mm256_add_epi32, _mm256_srli_epi64,
                 _mm256_slli_epi64, _mm256_xor_si256, _mm256_mul_epu32, AXON_BLEND256, 0xAA,
                 _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_storeu_si256)
AXON_PHILOX_SIMD(avx512, "arch=x86-64-v4", __m512i, 16u, _mm512_set1_epi32, _mm512_add_epi32, _mm512_srli_epi64,
                 _mm512_slli_epi64, _mm512_xor_si512, _mm512_mul_epu32, AXON_BLEND512, 0xAAAA,
                 _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), _mm512_storeu_si512)
#undef AXON_BLEND256
#undef AXON_BLEND512
#undef AXON_PHILOX_SIMD
#endif

}  // namespace

#if AXON_CPU_MULTIVERSION
#pragma GCC diagnostic pop
#endif

PhiloxWords philox_index_words_for(Isa isa) {
    switch (isa) {
#if AXON_CPU_MULTIVERSION
        case Isa::avx2: return philox_words_avx2;
        case Isa::avx512: return philox_words_avx512;
#endif
        default: return philox_words_baseline;
    }
}

PhiloxRoundWords philox_round_words_for(Isa isa) {
    switch (isa) {
#if AXON_CPU_MULTIVERSION
        case Isa::avx2: return philox_rounds_avx2;
        case Isa::avx512: return philox_rounds_avx512;
#endif
        default: return philox_rounds_baseline;
    }
}

}  // namespace axon::cpu
