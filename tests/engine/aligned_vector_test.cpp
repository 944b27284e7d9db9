// The neuron arrays' allocator: every block starts on a cache line, whatever was allocated before.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kernels/cpu/aligned_vector.hpp"
#include "kernels/cpu/parallel.hpp"

namespace axon {
namespace {

bool on_cache_line(const void* p) { return reinterpret_cast<uintptr_t>(p) % cpu::kCacheLine == 0; }

TEST(AlignedVector, EveryBlockStartsOnACacheLine) {
    std::vector<std::vector<char>> clutter;  // odd-sized blocks in between
    for (std::size_t n : {1u, 3u, 17u, 100u, 4095u, 40000u, 1u << 20}) {
        clutter.emplace_back(n % 97 + 1);
        cpu::AlignedVector<float> v(n, 1.0f);
        EXPECT_TRUE(on_cache_line(v.data())) << n;
        v.resize(3 * n + 5);
        EXPECT_TRUE(on_cache_line(v.data())) << n;
        const std::vector<float> plain = cpu::to_plain(v);
        EXPECT_EQ(cpu::to_aligned(plain), v);
        cpu::AlignedVector<int64_t> ring(n);
        EXPECT_TRUE(on_cache_line(ring.data())) << n;
    }
}

// Advice only: any block, aligned to a page or not, big or small, keeps its values.
TEST(AlignedVector, HugePageAdviceKeepsTheBlock) {
    for (std::size_t n : {std::size_t{10}, std::size_t{1000}, std::size_t{3} << 20}) {
        cpu::AlignedVector<int64_t> ring;
        ring.reserve(n);
        cpu::advise_huge_pages(ring.data() + 1, (n - 1) * sizeof(int64_t));  // an unaligned start too
        ring.assign(n, 7);
        EXPECT_EQ(std::count(ring.begin(), ring.end(), int64_t{7}), static_cast<std::ptrdiff_t>(n));
    }
}

TEST(AlignedVector, ThreadChunksStartOnACacheLineOfFloats) {
    for (uint32_t n : {1000u, 40000u, 12345u})
        for (int chunks : {2, 3, 7})
            for (int p = 0; p <= chunks; ++p) {
                const uint32_t begin = cpu::chunk_begin(n, chunks, p);
                EXPECT_TRUE(begin == n || begin % (cpu::kCacheLine / sizeof(float)) == 0) << n << " " << chunks << " " << p;
                if (p > 0) {
                    EXPECT_LE(cpu::chunk_begin(n, chunks, p - 1), begin);
                }
            }
}

}  // namespace
}  // namespace axon
