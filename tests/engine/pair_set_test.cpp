// fixed_total_number without multapses: the builder's fast sequential draw (PairSet: a bitmap
// for dense projections, a hash set for sparse ones; prefetching and early redraws) takes
// exactly the pairs the rule's definition takes, here drawn the plain way with std::set.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "kernels/cpu/connectivity.hpp"
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

TEST(PairSet, FixedTotalNumberWithoutMultapsesTakesTheDefinitionsPairs) {
    struct Case {
        uint32_t n_pre, n_post;
        uint64_t k;
        bool no_autapses;
    };
    // dense (a bitmap) up to nearly every pair; sparse (a hash set), where few pairs repeat
    for (const Case& c : {Case{50, 60, 2900, false}, Case{40, 40, 1500, true}, Case{300, 200, 20000, false},
                          Case{20000, 30000, 5000, false}, Case{3000, 3000, 100000, true}}) {
        ConnectivityParams p{};
        p.rule = ConnectivityParams::Rule::fixed_total_number;
        p.n_pre = c.n_pre;
        p.n_post = c.n_post;
        p.no_autapses = c.no_autapses;
        p.multapses = false;
        p.k = c.k;
        p.seed = 9;
        p.stream = 4;
        const std::vector<uint64_t> expected = keys_by_definition(p);
        for (int threads : {1, 2}) {
            const cpu::SynapseMatrix m = cpu::build_structure(p, cpu::PostRange{0, c.n_post}, threads);
            std::vector<uint64_t> keys;
            for (uint32_t i = 0; i < c.n_pre; ++i)
                for (uint64_t s = m.row_start[i]; s < m.row_start[i + 1]; ++s) keys.push_back(uint64_t{i} << 32 | m.post[s]);
            EXPECT_EQ(keys, expected) << c.n_pre << " x " << c.n_post << ", " << c.k << " pairs";
        }
    }
}

}  // namespace
}  // namespace axon
