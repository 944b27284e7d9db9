// The CUDA builder's two algorithms for rules without multapses, emulated on the host step
// by step as the kernels of kernels/cuda/connectivity.cu run them (the same draws, the same
// rounds, the same acceptance tests), against the host builder's sequential redraws. They
// vouch for the algorithms wherever no GPU runs the kernels; the cross-backend tests compare
// the kernels themselves.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "axon/axon.hpp"
#include "kernels/models/connectivity.hpp"
#include "kernels/models/random.hpp"

namespace axon {
namespace {

constexpr uint64_t kSeed = 77;
const uint32_t kStream = rng_stream(RngPurpose::connectivity, 0);  // projection 0

Connections host_built(uint32_t n_pre, uint32_t n_post, const ConnectRule& rule, bool same_population) {
    Network net(NetworkOptions{0.1, kSeed});
    const PopulationId a = net.add_lif_exp("A", n_pre, LifParams{});
    const PopulationId b = same_population ? a : net.add_lif_exp("B", n_post, LifParams{});
    net.connect(a, b, rule, Distribution::constant(1.0), Distribution::constant(1.0));
    Simulator sim(net);
    return sim.connections(ProjectionId{0});
}

// distinct_lines_kernel: rounds of `block` draws per line; a draw is taken when not excluded,
// not in the bitmap (earlier rounds) and not drawn by an earlier thread of its round.
std::vector<uint32_t> emulate_distinct_line(uint32_t line, uint32_t n, uint64_t k, uint32_t skip, uint32_t block) {
    std::vector<uint8_t> bitmap(n, 0);
    std::vector<uint32_t> out;
    for (uint32_t round = 0; out.size() < k; ++round) {
        std::vector<uint32_t> drawn(block);
        for (uint32_t t = 0; t < block; ++t)
            drawn[t] = uniform_index(draw_word(kSeed, kStream, line, round * block + t), n);
        std::vector<uint32_t> takes;
        for (uint32_t t = 0; t < block; ++t) {
            const uint32_t j = drawn[t];
            const bool repeat = std::find(drawn.begin(), drawn.begin() + t, j) != drawn.begin() + t;
            if (j != skip && !bitmap[j] && !repeat) takes.push_back(j);
        }
        for (uint32_t j : takes) {  // ranks below K only
            if (out.size() == k) break;
            out.push_back(j);
            bitmap[j] = 1;
        }
    }
    return out;
}

TEST(DeviceConstruction, DistinctLinesEqualTheHostsRedraws) {
    // Rows of 150 of 200 (several rounds, many repeats) and rows taking their whole pool.
    struct Case {
        uint32_t n_pre, n_post;
        uint64_t k;
        bool same;
    };
    for (const Case c : {Case{40, 200, 150, false}, Case{30, 30, 29, true}, Case{25, 1000, 130, false}}) {
        const Connections host = host_built(c.n_pre, c.n_post, ConnectRule::fixed_outdegree(c.k, false, false), c.same);
        for (uint32_t block : {128u, 32u}) {
            for (uint32_t i = 0; i < c.n_pre; ++i) {
                std::vector<uint32_t> row = emulate_distinct_line(i, c.n_post, c.k, c.same ? i : c.n_post, block);
                std::sort(row.begin(), row.end());
                const std::vector<uint32_t> expected(host.post.begin() + static_cast<std::ptrdiff_t>(host.row_start[i]),
                                                     host.post.begin() + static_cast<std::ptrdiff_t>(host.row_start[i + 1]));
                ASSERT_EQ(row, expected) << "row " << i << ", block " << block << ", k " << c.k;
            }
        }
    }
}

// distinct_pairs: rounds of a stable sort by key (earliest pair first among equal keys) and
// a redraw of every later pair with the same key, until no key repeats.
std::vector<uint64_t> emulate_distinct_pairs(uint32_t n_pre, uint32_t n_post, uint64_t n, bool no_autapses,
                                             int& rounds_taken) {
    std::vector<uint32_t> round(n, 0);
    std::vector<uint64_t> key(n);
    auto draw_from = [&](uint64_t k) {
        for (;; ++round[k]) {
            const PairDraw d = draw_pair(kSeed, kStream, round[k], k, n_pre, n_post);
            if (!(no_autapses && d.pre == d.post)) return (static_cast<uint64_t>(d.pre) << 32) | d.post;
        }
    };
    for (uint64_t k = 0; k < n; ++k) key[k] = draw_from(k);
    std::vector<uint64_t> order(n);
    for (rounds_taken = 1;; ++rounds_taken) {
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](uint64_t x, uint64_t y) { return key[x] < key[y]; });
        std::vector<uint64_t> redraw;
        for (uint64_t s = 1; s < n; ++s)
            if (key[order[s]] == key[order[s - 1]]) redraw.push_back(order[s]);
        if (redraw.empty()) break;
        for (uint64_t k : redraw) {  // from the sorted keys of this round, as the kernel reads them
            ++round[k];
            key[k] = draw_from(k);
        }
    }
    std::vector<uint64_t> sorted;
    for (uint64_t k : order) sorted.push_back(key[k]);
    return sorted;
}

TEST(DeviceConstruction, DistinctPairsEqualTheHostsSequentialRedraws) {
    struct Case {
        uint32_t n_pre, n_post;
        uint64_t n;
        bool same;
    };
    for (const Case c : {Case{50, 60, 600, false}, Case{40, 40, 1400, true}, Case{30, 20, 600, false}}) {
        const Connections host = host_built(c.n_pre, c.n_post, ConnectRule::fixed_total_number(c.n, false, false), c.same);
        std::vector<uint64_t> expected;
        for (uint32_t i = 0; i < c.n_pre; ++i)
            for (uint64_t s = host.row_start[i]; s < host.row_start[i + 1]; ++s)
                expected.push_back((static_cast<uint64_t>(i) << 32) | host.post[s]);
        int rounds = 0;
        EXPECT_EQ(emulate_distinct_pairs(c.n_pre, c.n_post, c.n, c.same, rounds), expected) << c.n << " pairs";
        EXPECT_GT(rounds, 2) << "a case with repeats of repeats";
    }
}

}  // namespace
}  // namespace axon
