// The host's memory bandwidth as a copy loop measures it here (STREAM's "copy"), for the
// fraction of it a run uses: the best of five copies of a buffer far larger than any cache,
// counting the bytes read and written. Measured in a child process, so that its buffers do not
// count towards this process's peak memory (peak_host_memory_bytes is a figure of the run).
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>

namespace axon::bench {

inline double copy_bandwidth_GBps(std::size_t bytes) {
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

/// The copy bandwidth (10^9 B/s) of `bytes`-sized buffers, measured in a child; 0 if that fails.
inline double measured_copy_bandwidth_GBps(std::size_t bytes = std::size_t{256} << 20) {
    int channel[2];
    if (pipe(channel) != 0) return 0.0;
    const pid_t child = fork();
    if (child == 0) {
        const double GBps = copy_bandwidth_GBps(bytes);
        const bool sent = write(channel[1], &GBps, sizeof GBps) == static_cast<ssize_t>(sizeof GBps);
        _exit(sent ? 0 : 1);
    }
    close(channel[1]);
    double GBps = 0.0;
    if (child < 0 || read(channel[0], &GBps, sizeof GBps) != static_cast<ssize_t>(sizeof GBps)) GBps = 0.0;
    close(channel[0]);
    if (child > 0) waitpid(child, nullptr, 0);
    return GBps;
}

}  // namespace axon::bench
