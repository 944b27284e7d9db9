// The host's memory bandwidth as a copy loop measures it here (STREAM's "copy"), for the
// fraction of it a run uses: the best of five copies of a buffer far larger than any cache,
// counting the bytes read and written.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>

namespace axon::bench {

inline double measured_copy_bandwidth_GBps(std::size_t bytes = std::size_t{256} << 20) {
    std::vector<char> from(bytes, 1), to(bytes, 0);
    double best_s = 1e30;
    for (int k = 0; k < 5; ++k) {
        const auto start = std::chrono::steady_clock::now();
        std::memcpy(to.data(), from.data(), bytes);
        best_s = std::min(best_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        from[k] = to[bytes - 1 - k];  // the copies depend on each other: none is optimised away
    }
    return 2.0 * static_cast<double>(bytes) / best_s * 1e-9;
}

}  // namespace axon::bench
