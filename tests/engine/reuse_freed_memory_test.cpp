// While a ReuseFreedMemory lives, a freed large block stays resident and the next allocation of
// its size takes it; when the scope ends, the free memory goes back to the system.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "engine/src/reuse_freed_memory.hpp"

namespace axon {
namespace {

// This process's resident memory (VmRSS), in KiB, read without allocating: an allocation here
// could take the freed block the test watches.
long resident_kib() {
    char text[4096];
    const int fd = open("/proc/self/status", O_RDONLY);
    if (fd < 0) return -1;
    const ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) return -1;
    text[n] = '\0';
    const char* at = std::strstr(text, "VmRSS:");
    return at ? std::strtol(at + 6, nullptr, 10) : -1;
}

// A block of `bytes`, every page written (the compiler may not drop the writes).
char* touched_block(std::size_t bytes) {
    auto* block = static_cast<char*>(std::malloc(bytes));
    std::memset(block, 1, bytes);
    asm volatile("" : : "r"(block) : "memory");
    return block;
}

TEST(ReuseFreedMemory, KeepsFreedBlocksForTheNextAllocationAndReturnsThemAfter) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define AXON_TEST_OWN_ALLOCATOR 1
#endif
#endif
#if !defined(__GLIBC__) || !defined(__linux__) || defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || \
    defined(AXON_TEST_OWN_ALLOCATOR)
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
