// OpenMP loops whose bodies can throw (kernels/cpu/parallel.hpp): an exception may not leave an
// OpenMP region, so FirstFailure carries the lowest iteration's out of it, to the caller.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

#include "kernels/cpu/parallel.hpp"

namespace axon {
namespace {

std::string message_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "nothing thrown";
}

TEST(FirstFailure, RethrowsTheLowestIterationsExceptionAfterTheLoop) {
    std::atomic<int> ran{0}, later_thrown{0};
    const std::string what = message_of([&] {
        cpu::FirstFailure failure;
#pragma omp parallel for num_threads(4) schedule(dynamic, 1)
        for (int64_t i = 0; i < 64; ++i)
            failure.run(i, [&] {
                ++ran;
                if (i == 40 || i == 63) {
                    ++later_thrown;
                    throw std::runtime_error("iteration " + std::to_string(i));
                }
                if (i == 17) {  // throws last (the other threads take 40 and 63 meanwhile), yet is kept
                    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
                    while (later_thrown.load() < 2 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
                    throw std::runtime_error("iteration 17");
                }
            });
        failure.rethrow();
    });
    EXPECT_EQ(later_thrown.load(), 2);
    EXPECT_EQ(what, "iteration 17");
    EXPECT_EQ(ran.load(), 64);  // every iteration ran: the others' work is whole
    cpu::FirstFailure none;
    none.run(0, [] {});
    EXPECT_NO_THROW(none.rethrow());
}

TEST(FirstFailure, ForChunksPassesAChunksExceptionToTheCaller) {
    const uint32_t n = 4 * cpu::kMinChunk;
    ASSERT_EQ(cpu::chunk_count(n, 2), 2);
    std::atomic<uint32_t> covered{0};
    EXPECT_EQ(message_of([&] {
                  cpu::for_chunks(n, 2, [&](uint32_t begin, uint32_t end, int chunk) {
                      covered += end - begin;
                      if (chunk == 1) throw std::runtime_error("chunk 1");
                  });
              }),
              "chunk 1");
    EXPECT_EQ(covered.load(), n);
    EXPECT_EQ(message_of([&] {
                  cpu::for_chunks(n, 2, [&](uint32_t, uint32_t, int chunk) {
                      throw std::runtime_error("chunk " + std::to_string(chunk));
                  });
              }),
              "chunk 0");
    const auto one_chunk = [] { cpu::for_chunks(16, 2, [](uint32_t, uint32_t, int) { throw std::runtime_error("one"); }); };
    EXPECT_EQ(message_of(one_chunk), "one");  // one chunk: no region, thrown as it is
}

}  // namespace
}  // namespace axon
