// Propagation split over threads by postsynaptic range: where each thread's share of a row
// starts (first_post_at_or_after) is std::lower_bound's answer for every row shape, and the ring
// comes out the same for every thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "kernels/cpu/propagate.hpp"
#include "kernels/cpu/row_search.hpp"

namespace axon {
namespace {

TEST(RowSearch, EqualsLowerBoundForEveryRowShape) {
    std::mt19937 rng(7);
    const uint32_t n = 1000;
    std::vector<std::vector<uint32_t>> rows = {{}, {0}, {999}, {5, 5, 5, 5}, {0, 1, 2, 3, 997, 998, 999}};
    for (uint32_t size : {1u, 2u, 3u, 10u, 100u, 1000u, 5000u}) {
        std::vector<uint32_t> uniform(size), clustered(size);
        for (uint32_t& p : uniform) p = rng() % n;
        for (uint32_t& p : clustered) p = 900 + rng() % 100;  // far from where a uniform row would hold them
        std::sort(uniform.begin(), uniform.end());
        std::sort(clustered.begin(), clustered.end());
        rows.push_back(uniform);
        rows.push_back(clustered);
    }
    for (const std::vector<uint32_t>& row : rows)
        for (uint32_t low : {0u, 300u})
            for (uint32_t value = 0; value <= n + 1; ++value) {
                const auto first = static_cast<uint64_t>(std::lower_bound(row.begin(), row.end(), low) - row.begin());
                const auto expected = static_cast<uint64_t>(std::lower_bound(row.begin(), row.end(), value) - row.begin());
                const uint64_t found = cpu::first_post_at_or_after(row.data(), first, row.size(), value, low, n);
                if (value >= low) ASSERT_EQ(found, expected) << "row of " << row.size() << ", value " << value << ", low " << low;
                else ASSERT_EQ(found, first);
            }
}

TEST(RowSearch, PropagationIsTheSameOnAnyThreadCount) {
    const uint32_t n = 20000, rows = 300, per_row = 400;
    std::mt19937 rng(11);
    cpu::SynapseMatrix m;
    std::vector<uint64_t>& row_start = m.row_start;
    auto& post = m.post;
    auto& weight = m.weight;
    row_start.assign(rows + 1, 0);
    for (uint32_t i = 0; i < rows; ++i) {
        std::vector<uint32_t> r(per_row);
        for (uint32_t& p : r) p = i % 3 == 0 ? rng() % 500 : rng() % n;  // some rows clustered at the start
        std::sort(r.begin(), r.end());
        post.insert(post.end(), r.begin(), r.end());
        for (uint32_t k = 0; k < per_row; ++k) weight.push_back(static_cast<float>(rng() % 1000) * 0.01f);
        row_start[i + 1] = post.size();
    }
    std::vector<uint32_t> spikes;
    for (uint32_t i = 0; i < rows; i += 2) spikes.push_back(i);
    const cpu::SynapseStore csr = cpu::SynapseStore::from(std::move(m), n, 1);
    std::vector<Fixed> one;
    for (int threads : {1, 2, 3, 7}) {
        std::vector<Fixed> ring(2ull * n, 0);
        const RingView view{ring.data(), 2, 1, n};
        const uint64_t events = cpu::propagate(csr, SpikeListView{spikes.data(), static_cast<uint32_t>(spikes.size())},
                                               view, 0, 0, threads);
        EXPECT_EQ(events, spikes.size() * per_row);
        if (threads == 1) one = ring;
        EXPECT_EQ(ring, one) << threads << " threads";
    }
    EXPECT_NE(std::count(one.begin(), one.end(), Fixed{0}), static_cast<std::ptrdiff_t>(one.size()));
}

}  // namespace
}  // namespace axon
