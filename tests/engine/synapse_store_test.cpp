// The CPU backend's synapse store: post indices and delays in the fewest bytes their ranges need
// (NarrowArray), the same values as the builder's matrix, and propagation over every width
// equal to a plain loop over the builder's 32-bit indices and 16-bit delays; a plastic
// projection's transposed index, its presynaptic ids as narrow; the matrix's delay bounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include "engine/src/backend_setup.hpp"
#include "kernels/cpu/connectivity.hpp"
#include "kernels/cpu/narrow_array.hpp"
#include "kernels/cpu/propagate.hpp"
#include "kernels/cpu/synapse_store.hpp"

namespace axon {
namespace {

TEST(NarrowArray, TakesTheFewestBytesThatHoldTheLargestValue) {
    EXPECT_EQ(cpu::NarrowArray::bytes_for(0), 1);
    EXPECT_EQ(cpu::NarrowArray::bytes_for(255), 1);
    EXPECT_EQ(cpu::NarrowArray::bytes_for(256), 2);
    EXPECT_EQ(cpu::NarrowArray::bytes_for(65535), 2);
    EXPECT_EQ(cpu::NarrowArray::bytes_for(65536), 4);
    EXPECT_EQ(cpu::NarrowArray::bytes_for(UINT32_MAX), 4);
    for (uint32_t max : {255u, 256u, 65535u, 65536u, UINT32_MAX}) {
        const std::vector<uint32_t> values{0, max / 3, max - 1, max};
        for (int threads : {1, 2}) {
            const cpu::NarrowArray a = cpu::NarrowArray::of(values, max, threads);
            EXPECT_EQ(a.bytes_per_value(), cpu::NarrowArray::bytes_for(max));
            EXPECT_EQ(a.size(), values.size());
            EXPECT_EQ(a.widened<uint32_t>(), values) << "max " << max;
            // a vector handed over is taken where already narrow, copied narrower otherwise
            cpu::UninitialisedVector<uint32_t> handed(values.begin(), values.end());
            const uint32_t* storage = handed.data();
            const cpu::NarrowArray b = cpu::NarrowArray::of(std::move(handed), max, threads);
            EXPECT_EQ(b.bytes_per_value(), cpu::NarrowArray::bytes_for(max));
            EXPECT_EQ(b.widened<uint32_t>(), values) << "max " << max;
            const bool taken = b.visit([&](const auto& v) { return static_cast<const void*>(v.data()) == storage; });
            EXPECT_EQ(taken, b.bytes_per_value() == 4) << "max " << max;
        }
    }
    EXPECT_TRUE(cpu::NarrowArray().empty());
}

TEST(NarrowArray, RefusesAValueAboveThePromisedMaximum) {
    std::vector<uint16_t> values(3000000, 7);  // large enough to be copied by two threads
    values[2999999] = 256;
    EXPECT_THROW(cpu::NarrowArray::of(values, 255, 2), std::logic_error);
    EXPECT_EQ(cpu::NarrowArray::of(values, 256, 2).widened<uint16_t>(), values);
    // the same when the vector would be taken whole (already the fewest bytes)
    cpu::UninitialisedVector<uint16_t> handed(values.begin(), values.end());
    handed[2999999] = 65535;
    EXPECT_THROW(cpu::NarrowArray::of(std::move(handed), 65534, 2), std::logic_error);
}

// A random matrix onto n_post neurons: `rows` rows of up to `per_row` sorted posts, per-synapse
// weights (or a constant), delays in [1, longest] (or a constant where longest is 0).
cpu::SynapseMatrix random_matrix(uint32_t n_post, uint32_t rows, uint32_t per_row, bool weights, uint16_t longest,
                                 uint32_t seed) {
    std::mt19937 rng(seed);
    cpu::SynapseMatrix m;
    m.row_start.assign(rows + 1, 0);
    for (uint32_t i = 0; i < rows; ++i) {
        std::vector<uint32_t> row(rng() % (per_row + 1));
        for (uint32_t& p : row) p = rng() % n_post;
        row.push_back(n_post - 1);  // the largest index occurs
        std::sort(row.begin(), row.end());
        m.post.insert(m.post.end(), row.begin(), row.end());
        m.row_start[i + 1] = m.post.size();
    }
    m.weight_const = 0.25f;
    m.delay_const = 3;
    if (weights)
        for (std::size_t s = 0; s < m.post.size(); ++s) m.weight.push_back(static_cast<float>(rng() % 2001) * 0.01f - 10.0f);
    if (longest > 0) {
        for (std::size_t s = 0; s < m.post.size(); ++s) m.delay.push_back(static_cast<uint16_t>(1 + rng() % longest));
        m.delay.back() = longest;
    }
    return m;
}

// ring[(slot_now + delay) mod slots][post] += weight over the spiking rows, one synapse at a time.
std::vector<Fixed> reference_ring(const cpu::SynapseMatrix& m, const std::vector<uint32_t>& spikes, uint32_t n_post,
                                  uint32_t slots, uint32_t slot_now) {
    std::vector<Fixed> ring(static_cast<std::size_t>(slots) * n_post, 0);
    for (uint32_t i : spikes)
        for (uint64_t s = m.row_start[i]; s < m.row_start[i + 1]; ++s) {
            const uint32_t delay = m.delay.empty() ? m.delay_const : m.delay[s];
            const float w = m.weight.empty() ? m.weight_const : m.weight[s];
            ring[static_cast<std::size_t>((slot_now + delay) % slots) * n_post + m.post[s]] += to_fixed(w);
        }
    return ring;
}

// Not among them: 4-byte posts with 2-byte delays (the reference ring of 65,537 neurons x 257
// slots would take 135 MB); that loop is the same template as the others'.
struct StoreCase {
    uint32_t n_post;
    uint16_t longest_delay;  // 0: constant delays
    bool weights;
    int post_bytes, delay_bytes;  // delay_bytes 0: no delay array
};

TEST(SynapseStore, KeepsEveryValueInTheFewestBytesAndPropagatesTheSameOnEveryWidth) {
    const std::vector<StoreCase> cases{
        {200, 0, false, 1, 0},       {200, 255, true, 1, 1},      {200, 300, false, 1, 2},
        {256, 0, false, 1, 0},       {257, 300, true, 2, 2},      {5000, 256, true, 2, 2},
        {65536, 40, true, 2, 1},     {65537, 40, false, 4, 1},    {70000, 0, true, 4, 0},
    };
    uint32_t seed = 1;
    for (const StoreCase& c : cases) {
        SCOPED_TRACE("n_post " + std::to_string(c.n_post) + ", longest delay " + std::to_string(c.longest_delay));
        const uint32_t rows = 400;
        const cpu::SynapseMatrix m = random_matrix(c.n_post, rows, 600, c.weights, c.longest_delay, seed++);
        cpu::SynapseMatrix copy = m;
        const cpu::SynapseStore store = cpu::SynapseStore::from(std::move(copy), c.n_post, 2);
        EXPECT_EQ(store.post.bytes_per_value(), c.post_bytes);
        EXPECT_EQ(store.delay.empty() ? 0 : store.delay.bytes_per_value(), c.delay_bytes);
        EXPECT_EQ(cpu::SynapseStore::bytes_per_synapse(c.n_post, c.weights, c.longest_delay > 0, c.longest_delay),
                  c.post_bytes + (c.weights ? 4 : 0) + c.delay_bytes);
        EXPECT_EQ(store.row_start, m.row_start);
        EXPECT_EQ(store.post_values(), std::vector<uint32_t>(m.post.begin(), m.post.end()));
        EXPECT_EQ(store.weight_values(), m.weight_values());
        EXPECT_EQ(store.delay_values(), m.delay_values());

        std::vector<uint32_t> spikes;
        for (uint32_t i = 0; i < rows; i += 3) spikes.push_back(i);
        const uint32_t slots = std::max<uint32_t>(c.longest_delay, m.delay_const) + 1, slot_now = slots / 2;
        const std::vector<Fixed> expected = reference_ring(m, spikes, c.n_post, slots, slot_now);
        for (int threads : {1, 2}) {
            std::vector<Fixed> ring(expected.size(), 0);
            const uint64_t events =
                cpu::propagate(store, SpikeListView{spikes.data(), static_cast<uint32_t>(spikes.size())},
                               RingView{ring.data(), slots, 1, c.n_post}, 0, slot_now, threads);
            uint64_t expected_events = 0;
            for (uint32_t i : spikes) expected_events += m.row_start[i + 1] - m.row_start[i];
            EXPECT_EQ(events, expected_events);
            EXPECT_EQ(ring, expected) << threads << " threads";
        }
    }
}

TEST(SynapseStore, TakesTheLongestDelayItIsGivenAndRefusesOneTooShort) {
    // The backend passes the longest delay it found with delay_bounds: the store narrows by it
    // (one scan of the delays, not two) and keeps every delay; one below a delay in the matrix
    // is refused, nothing kept.
    const cpu::SynapseMatrix m = random_matrix(300, 200, 600, true, 255, 7);
    const uint16_t longest = m.max_delay();
    ASSERT_EQ(longest, 255);  // random_matrix draws up to its longest delay: the case is 1-byte delays
    cpu::SynapseMatrix copy = m;
    const cpu::SynapseStore store = cpu::SynapseStore::from(std::move(copy), 300, 2, longest);
    EXPECT_EQ(store.delay.bytes_per_value(), 1);
    EXPECT_EQ(store.delay_values(), m.delay_values());
    EXPECT_EQ(store.weight_values(), m.weight_values());
    cpu::SynapseMatrix too_short = m;  // narrowed to 1 byte by the delay given: the copy checks
    EXPECT_THROW(cpu::SynapseStore::from(std::move(too_short), 300, 2, static_cast<uint16_t>(longest - 1)), std::logic_error);
    // Delays that keep their 2 bytes are taken whole, and checked too.
    cpu::SynapseMatrix wide = random_matrix(300, 200, 600, true, 1000, 8);
    ASSERT_EQ(wide.max_delay(), 1000);
    EXPECT_THROW(cpu::SynapseStore::from(std::move(wide), 300, 2, 999), std::logic_error);
}

// A matrix of n_pre rows over n_post posts: row i holds posts (i * 7 + k * 13) % n_post for
// k < per_row, ascending, so every column gathers entries of many rows.
cpu::SynapseMatrix spread_rows(uint32_t n_pre, uint32_t n_post, uint32_t per_row) {
    cpu::SynapseMatrix m;
    m.row_start.push_back(0);
    for (uint32_t i = 0; i < n_pre; ++i) {
        std::vector<uint32_t> row;
        for (uint32_t k = 0; k < per_row; ++k) row.push_back((i * 7 + k * 13) % n_post);
        std::sort(row.begin(), row.end());
        row.erase(std::unique(row.begin(), row.end()), row.end());
        m.post.insert(m.post.end(), row.begin(), row.end());
        m.row_start.push_back(m.post.size());
    }
    return m;
}

TEST(Transpose, KeepsPreIdsInTheFewestBytesInColumnOrder) {
    // 1, 2 and 4 bytes on either side of each width's limit; every entry's synapse and pre as a
    // plain walk over the columns finds them (by post, then by pre within a column).
    for (const auto& [n_pre, bytes] : {std::pair{256u, 1}, std::pair{257u, 2}, std::pair{65536u, 2}, std::pair{65537u, 4}}) {
        const uint32_t n_post = 50;
        const cpu::SynapseMatrix m = spread_rows(n_pre, n_post, 3);
        const detail::Transpose t = detail::transpose(m, n_post);
        ASSERT_EQ(t.pre.bytes_per_value(), bytes) << n_pre;
        const std::vector<uint32_t> pre = t.pre.widened<uint32_t>();
        ASSERT_EQ(pre.size(), m.size());
        uint64_t c = 0;
        for (uint32_t j = 0; j < n_post; ++j) {
            ASSERT_EQ(t.column_start[j], c);
            for (uint32_t i = 0; i < n_pre; ++i)
                for (uint64_t s = m.row_start[i]; s < m.row_start[i + 1]; ++s)
                    if (m.post[s] == j) {
                        ASSERT_EQ(t.synapse[c], s) << n_pre << " column " << j;
                        ASSERT_EQ(pre[c], i) << n_pre << " column " << j;
                        ++c;
                    }
        }
        EXPECT_EQ(t.column_start[n_post], m.size());
    }
}

TEST(SynapseMatrix, DelayBoundsAreTheShortestAndLongestOnAnyThreadCount) {
    cpu::SynapseMatrix m;
    EXPECT_EQ(m.delay_bounds().min, UINT16_MAX);  // no synapses: nothing bounds the exchange
    m = spread_rows(4, 10, 2);
    m.delay_const = 3;
    EXPECT_EQ(m.delay_bounds().min, 3);  // one delay for all
    EXPECT_EQ(m.delay_bounds().max, 3);
    // Per-synapse delays, more than the parallel pass's threshold (2^20).
    m.post.assign((1u << 20) + 5, 0);
    m.row_start = {0, m.post.size()};
    m.delay_const = 1;
    m.delay.resize(m.post.size());
    for (std::size_t s = 0; s < m.delay.size(); ++s) m.delay[s] = static_cast<uint16_t>(2 + s % 1000);
    m.delay[777777] = 1234;
    m.delay[1048580] = 2;
    for (int threads : {1, 2}) {
        EXPECT_EQ(m.delay_bounds(threads).min, 2) << threads;
        EXPECT_EQ(m.delay_bounds(threads).max, 1234) << threads;
        EXPECT_EQ(m.max_delay(threads), 1234);
        EXPECT_EQ(m.min_delay(threads), 2);
    }
}

}  // namespace
}  // namespace axon
