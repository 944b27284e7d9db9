// fixed_total_number without multapses: the builder's draws (distinct_pairs' parts and rounds
// for dense projections; for sparse ones the sequential draw with PairSet, a hash set, with
// prefetching and early redraws) take exactly the pairs the rule's definition takes, here drawn
// the plain way with std::set.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "kernels/cpu/connectivity.hpp"
#include "kernels/cpu/distinct_pairs.hpp"
#include "kernels/cpu/pair_set.hpp"

namespace axon {
namespace {

TEST(PairSet, InsertsOnceAndKnowsWhatItHolds) {
    // 30 x 40 possible pairs: room for 100 takes a bitmap, room for 10 a hash set
    for (uint64_t room : {100u, 10u}) {
        cpu::PairSet set(room, 30, 40, 2);
        EXPECT_FALSE(set.contains(3, 7));
        EXPECT_TRUE(set.insert(3, 7));
        EXPECT_TRUE(set.contains(3, 7));
        EXPECT_FALSE(set.insert(3, 7));
        EXPECT_TRUE(set.insert(7, 3));
        EXPECT_TRUE(set.insert(29, 39));
        EXPECT_TRUE(set.insert(0, 0));
        EXPECT_FALSE(set.contains(0, 1));
        EXPECT_FALSE(set.insert(29, 39)) << room;
    }
}

// Pair k's key: its first valid attempt not taken by pairs 0..k-1 (the rule's definition).
std::vector<uint64_t> keys_by_definition(const ConnectivityParams& p) {
    std::set<uint64_t> seen;
    for (uint64_t k = 0; k < p.k; ++k) {
        uint32_t r = 0;
        uint64_t key = valid_pair(p, k, r);
        while (!seen.insert(key).second) key = valid_pair(p, k, ++r);
    }
    return {seen.begin(), seen.end()};  // ascending: rows, then posts, as the CSR
}

ConnectivityParams total_number(uint32_t n_pre, uint32_t n_post, uint64_t k, bool no_autapses) {
    ConnectivityParams p{};
    p.rule = ConnectivityParams::Rule::fixed_total_number;
    p.n_pre = n_pre;
    p.n_post = n_post;
    p.no_autapses = no_autapses;
    p.multapses = false;
    p.k = k;
    p.seed = 9;
    p.stream = 4;
    return p;
}

// The keys of a CSR structure onto posts [first, ...), as the whole projection's keys.
std::vector<uint64_t> keys_of(const cpu::SynapseMatrix& m, uint32_t n_pre, uint32_t first_post = 0) {
    std::vector<uint64_t> keys;
    for (uint32_t i = 0; i < n_pre; ++i)
        for (uint64_t s = m.row_start[i]; s < m.row_start[i + 1]; ++s) keys.push_back(uint64_t{i} << 32 | (m.post[s] + first_post));
    return keys;
}

TEST(PairSet, FixedTotalNumberWithoutMultapsesTakesTheDefinitionsPairs) {
    struct Case {
        uint32_t n_pre, n_post;
        uint64_t k;
        bool no_autapses;
    };
    // nearly every pair (PairSet's bitmap), a third of them (distinct_pairs), and sparse
    // (PairSet's hash set), where few pairs repeat
    for (const Case& c : {Case{50, 60, 2900, false}, Case{40, 40, 1500, true}, Case{300, 200, 20000, false},
                          Case{20000, 30000, 5000, false}, Case{3000, 3000, 100000, true}}) {
        const ConnectivityParams p = total_number(c.n_pre, c.n_post, c.k, c.no_autapses);
        const std::vector<uint64_t> expected = keys_by_definition(p);
        for (int threads : {1, 2}) {
            const cpu::SynapseMatrix m = cpu::build_structure(p, cpu::PostRange{0, c.n_post}, threads);
            EXPECT_EQ(keys_of(m, c.n_pre), expected) << c.n_pre << " x " << c.n_post << ", " << c.k << " pairs";
        }
    }
}

TEST(DistinctPairs, TakesDenseProjectionsWithoutMultapses) {
    EXPECT_TRUE(cpu::distinct_pairs_fit(total_number(50, 60, 1500, false)));   // half of all pairs
    EXPECT_FALSE(cpu::distinct_pairs_fit(total_number(50, 60, 1501, false)));  // more: PairSet's bitmap
    EXPECT_TRUE(cpu::distinct_pairs_fit(total_number(640, 100, 1000, false)));   // exactly 64 pairs per drawn one
    EXPECT_FALSE(cpu::distinct_pairs_fit(total_number(641, 100, 1000, false)));  // more: PairSet's hash set
    ConnectivityParams with_multapses = total_number(50, 60, 1000, false);
    with_multapses.multapses = true;
    EXPECT_FALSE(cpu::distinct_pairs_fit(with_multapses));
    EXPECT_FALSE(cpu::distinct_pairs_fit(total_number(50, 60, 0, false)));
}

// Parts of one row to the whole matrix, rounds to the end or one thread from the start, one or
// two threads: always the definition's pairs, also onto a range of posts.
TEST(DistinctPairs, EveryLayoutTakesTheDefinitionsPairs) {
    struct Case {
        uint32_t n_pre, n_post;
        uint64_t k;
        bool no_autapses;
    };
    const cpu::DistinctPairsLayout layouts[] = {
        {16, 0},           // a row per part, rounds until no pair is left
        {700, 3},          // a few rows per part
        {1 << 30, 0},      // one part, rounds until no pair is left
        {64, UINT64_MAX},  // every refused pair by the one thread
        {},                // the defaults
    };
    // 400 x 400 refuses more than 8,192 first attempts: the rounds' draws and sort run on two threads
    for (const Case& c : {Case{50, 60, 1500, false}, Case{40, 40, 780, true}, Case{400, 500, 20000, true},
                          Case{7, 9000, 1500, false}, Case{400, 400, 70000, true}}) {
        const ConnectivityParams p = total_number(c.n_pre, c.n_post, c.k, c.no_autapses);
        ASSERT_TRUE(cpu::distinct_pairs_fit(p));
        const std::vector<uint64_t> expected = keys_by_definition(p);
        const cpu::PostRange some{c.n_post / 3, c.n_post / 2};
        std::vector<uint64_t> expected_some;
        for (uint64_t key : expected)
            if (static_cast<uint32_t>(key) - some.first < some.count) expected_some.push_back(key);
        for (const cpu::DistinctPairsLayout& layout : layouts)
            for (int threads : {1, 2}) {
                const std::string at = std::to_string(c.n_pre) + " x " + std::to_string(c.n_post) + ", part bytes " +
                                       std::to_string(layout.part_bytes) + ", " + std::to_string(threads) + " threads";
                EXPECT_EQ(keys_of(cpu::distinct_pairs(p, cpu::PostRange{0, c.n_post}, threads, layout), c.n_pre), expected) << at;
                EXPECT_EQ(keys_of(cpu::distinct_pairs(p, some, threads, layout), c.n_pre, some.first), expected_some) << at;
            }
    }
}

}  // namespace
}  // namespace axon
