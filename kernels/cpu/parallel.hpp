// Splitting per-neuron loops into contiguous chunks for OpenMP threads. Chunk p covers a
// lower index range than chunk p + 1, so per-chunk outputs concatenated in chunk order
// come out in neuron order whatever the number of threads: results never depend on it.
#pragma once
#include <cstdint>
#include <exception>
#include <utility>
#include <vector>

#include "aligned_vector.hpp"

namespace axon::cpu {

/// Below this many elements per thread a loop runs on one thread: the fork costs more.
constexpr uint32_t kMinChunk = 4096;

inline int chunk_count(uint64_t n, int threads) {
    if (threads <= 1 || n < 2 * static_cast<uint64_t>(kMinChunk)) return 1;
    const uint64_t by_size = n / kMinChunk;
    return static_cast<int>(by_size < static_cast<uint64_t>(threads) ? by_size : threads);
}

/// Chunk boundaries, multiples of 16 (four-at-a-time random draws never straddle, and a chunk of a
/// float array starts on a cache line).
inline uint32_t chunk_begin(uint32_t n, int chunks, int p) {
    if (p >= chunks) return n;
    return static_cast<uint32_t>((static_cast<uint64_t>(n) * p / chunks) & ~uint64_t{15});
}

/// An exception may not leave an OpenMP region (the process would end), so a loop whose body
/// can throw (an allocation that fails) runs each iteration through `run`, which keeps the
/// exception of the lowest-numbered iteration that threw, and calls `rethrow` after the loop.
/// Every iteration runs to its end or its exception (unlike a loop on one thread, which would
/// stop at the first), so the caller gets an error that does not depend on the thread count.
class FirstFailure {
public:
    template <class Fn>
    void run(int64_t iteration, Fn&& fn) noexcept {
        try {
            fn();
        } catch (...) {
            keep(iteration, std::current_exception());
        }
    }
    void rethrow() const {
        if (failure_) std::rethrow_exception(failure_);
    }

private:
    void keep(int64_t iteration, std::exception_ptr e) noexcept {
#pragma omp critical(axon_first_failure)
        if (iteration < iteration_) {
            iteration_ = iteration;
            failure_ = std::move(e);
        }
    }
    std::exception_ptr failure_;
    int64_t iteration_ = INT64_MAX;
};

/// Run fn(begin, end, chunk) over [0, n) on up to `threads` threads; an exception of fn (the
/// lowest chunk's) reaches the caller after every chunk has run.
template <class Fn>
void for_chunks(uint32_t n, int threads, Fn&& fn) {
    const int chunks = chunk_count(n, threads);
    if (chunks == 1) {
        fn(0u, n, 0);
        return;
    }
    FirstFailure failure;
#pragma omp parallel for num_threads(chunks) schedule(static, 1)
    for (int p = 0; p < chunks; ++p)
        failure.run(p, [&] { fn(chunk_begin(n, chunks, p), chunk_begin(n, chunks, p + 1), p); });
    failure.rethrow();
}

/// Buffers reused from step to step by the neuron update: a spike flag per neuron, and
/// per-chunk spike lists gathered into one ascending list.
class UpdateScratch {
public:
    uint8_t* fired(uint32_t n) {
        if (fired_.size() < n) fired_.resize(n);
        return fired_.data();
    }
    std::vector<uint32_t>& chunk(int p) { return parts_[static_cast<std::size_t>(p)]; }
    void reset(int chunks) {
        if (parts_.size() < static_cast<std::size_t>(chunks)) parts_.resize(static_cast<std::size_t>(chunks));
        for (auto& part : parts_) part.clear();
    }
    void gather(std::vector<uint32_t>& out) const {
        out.clear();
        for (const auto& part : parts_) out.insert(out.end(), part.begin(), part.end());
    }

private:
    AlignedVector<uint8_t> fired_;
    std::vector<std::vector<uint32_t>> parts_;
};

}  // namespace axon::cpu
