// While a ReuseFreedMemory lives, a freed large block stays resident and the next allocation of
// its size takes it; when the scope ends, the free memory goes back to the system.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "engine/src/reuse_freed_memory.hpp"

namespace axon {
namespace {

// This process's resident memory (VmRSS), in KiB.
long resident_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// A block of `bytes`, every page written (the compiler may not drop the writes).
char* touched_block(std::size_t bytes) {
    auto* block = static_cast<char*>(std::malloc(bytes));
    std::memset(block, 1, bytes);
    asm volatile("" : : "r"(block) : "memory");
    return block;
}

TEST(ReuseFreedMemory, KeepsFreedBlocksForTheNextAllocationAndReturnsThemAfter) {
#if !defined(__GLIBC__) || !defined(__linux__) || defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "glibc's allocator on Linux only (sanitizers bring their own)";
#endif
    constexpr std::size_t kBytes = std::size_t{256} << 20;
    constexpr long kBlockKib = kBytes >> 10;
    const long before = resident_kib();
    ASSERT_GT(before, 0);
    {
        const detail::ReuseFreedMemory reuse;
        char* first = touched_block(kBytes);
        const auto first_at = reinterpret_cast<std::uintptr_t>(first);
        std::free(first);
        EXPECT_GT(resident_kib(), before + kBlockKib * 9 / 10);  // freed, still resident
        char* second = static_cast<char*>(std::malloc(kBytes));
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(second), first_at);  // the same pages again
        std::free(second);
    }
    EXPECT_LT(resident_kib(), before + kBlockKib / 10);  // returned when the scope ended
    {  // without a scope, glibc maps such a block apart and unmaps it when freed
        char* alone = touched_block(kBytes);
        std::free(alone);
        EXPECT_LT(resident_kib(), before + kBlockKib / 10);
    }
}

}  // namespace
}  // namespace axon
