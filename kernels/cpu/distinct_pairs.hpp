// fixed_total_number without multapses, in parallel. The rule is sequential: pair k takes its
// first valid attempt (valid_pair) that no pair before it holds. Here the possible pairs are
// split into parts of consecutive rows, one bit per possible pair, each part small enough to
// stay in a core's L2 cache (unless one row is larger), and the pairs' first attempts are sorted
// into their parts:
//
// 1. Each part, on its own thread, takes its first attempts in pair order: the first pair on
//    a key holds it (its index kept per key: a rank directory over the bits and an array of
//    holders), every later one must move on.
// 2. In rounds, every pair that must move on claims its next attempt's key in that key's part:
//    a free key is taken; of a held key's holder and claimants the earliest pair holds it, and
//    the others move on (a later holder too: it only held the key out of turn). When few are
//    left, one thread finishes them, earliest first, each until it holds a key.
// 3. Each part's bits, now the keys held, are its rows in CSR order: no sort.
//
// A pair only ever gives way to an earlier one, so a key held by a pair before k stays held by
// one before k; every key a pair passed over ends held by an earlier pair, and the result is
// the sequential rule's whatever the order of the claims (the argument of the CUDA builder's
// rounds, kernels/cuda/connectivity.cu). tests/engine/pair_set_test.cpp checks it against the
// rule drawn with std::set.
#pragma once
#include <cstdint>

#include "connectivity.hpp"

namespace axon::cpu {

/// How distinct_pairs splits its work. The defaults suit a 1 MB L2 cache (256 KiB parts built the
/// microcircuit fastest, against 128 KiB and 512 KiB); tests take tiny parts and thresholds to
/// exercise every path on small networks.
struct DistinctPairsLayout {
    uint64_t part_bytes = 256 << 10;   ///< memory a part's bits, ranks and holders aim at
    uint64_t sequential_below = 4096;  ///< fewer pairs left to move on than this: one thread ends
};

/// Whether distinct_pairs builds projection p (fixed_total_number without multapses): a bit
/// per possible pair costs at most 8 bytes per drawn pair (PairSet's bitmap condition), at most
/// half of all pairs are drawn, and pair indices fit 32 bits. Other projections take PairSet's
/// sequential draw.
bool distinct_pairs_fit(const ConnectivityParams& p);

/// The structure of such a projection onto `posts`, as build_structure gives it.
SynapseMatrix distinct_pairs(const ConnectivityParams& p, PostRange posts, int threads,
                             const DistinctPairsLayout& layout = {});

}  // namespace axon::cpu
