// A stable counting sort by a small key, in parallel: the connectivity builders' way of putting
// synapses (or pairs) in row, column or part order without a comparison sort.
#pragma once
#include <cstdint>
#include <vector>

#include "parallel.hpp"

namespace axon::cpu {

/// A stable counting sort by key, in parallel. walk(a, b, fn) calls fn(key, value) for items
/// [a, b) in order (keys below n_keys); the values come out in `out` ordered by key, items of one
/// key in item order, and key_start (n_keys + 1) marks each key's run. Each thread counts, then
/// places, one contiguous range of the items, from where the items of the same key in the
/// ranges before it end: the sequential sort's result, whatever the thread count. `walk` runs
/// inside OpenMP regions and must not throw (FirstFailure, parallel.hpp).
template <class Walk, class Out>
void stable_counting_sort(uint64_t n, uint32_t n_keys, int threads, Walk walk, std::vector<uint64_t>& key_start,
                          Out& out) {
    const int parts = chunk_count(n, threads);
    std::vector<std::vector<uint64_t>> next(static_cast<std::size_t>(parts), std::vector<uint64_t>(n_keys, 0));
    const auto first = [&](int part) { return n * static_cast<uint64_t>(part) / static_cast<uint64_t>(parts); };
#pragma omp parallel for num_threads(parts) schedule(static, 1) if (parts > 1)
    for (int part = 0; part < parts; ++part) {
        std::vector<uint64_t>& count = next[static_cast<std::size_t>(part)];
        walk(first(part), first(part + 1), [&](uint32_t key, auto) { ++count[key]; });
    }
    key_start.assign(static_cast<std::size_t>(n_keys) + 1, 0);
    uint64_t placed = 0;
    for (uint32_t key = 0; key < n_keys; ++key) {
        key_start[key] = placed;
        for (std::vector<uint64_t>& part : next) {  // the part's count becomes where its items start
            const uint64_t count = part[key];
            part[key] = placed;
            placed += count;
        }
    }
    key_start[n_keys] = placed;
    out.resize(n);
#pragma omp parallel for num_threads(parts) schedule(static, 1) if (parts > 1)
    for (int part = 0; part < parts; ++part) {
        std::vector<uint64_t>& at = next[static_cast<std::size_t>(part)];
        walk(first(part), first(part + 1), [&](uint32_t key, auto value) { out[at[key]++] = value; });
    }
}

}  // namespace axon::cpu
