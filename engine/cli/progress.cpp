#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace axon::cli {

Progress::Progress(double total_ms, bool quiet)
    : total_ms_(total_ms), quiet_(quiet), terminal_(isatty(fileno(stderr)) != 0),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void Progress::update(double simulated_ms) {
    if (quiet_ || total_ms_ <= 0) return;
    const auto now = std::chrono::steady_clock::now();
    const double wall = std::chrono::duration<double>(now - start_).count();
    const double fraction = simulated_ms / total_ms_;
    const double eta = fraction > 0 ? wall * (1 - fraction) / fraction : 0;
    if (terminal_) {
        if (now - last_draw_ < std::chrono::milliseconds(100) && fraction < 1) return;
        last_draw_ = now;
        char bar[31];
        const int filled = static_cast<int>(fraction * 30);
        for (int k = 0; k < 30; ++k) bar[k] = k < filled ? '#' : '.';
        bar[30] = '\0';
        std::fprintf(stderr, "\r[%s] %5.1f%%  %.0f / %.0f ms simulated | wall %.1f s | ETA %.1f s   ", bar,
                     100 * fraction, simulated_ms, total_ms_, wall, eta);
        std::fflush(stderr);
        return;
    }
    const int decile = static_cast<int>(fraction * 10 + 1e-9);
    if (decile == last_decile_) return;
    last_decile_ = decile;
    std::fprintf(stderr, "progress: %3d%% (%.0f / %.0f ms simulated, wall %.1f s, ETA %.1f s)\n", decile * 10,
                 simulated_ms, total_ms_, wall, eta);
}

void Progress::finish() {
    if (!quiet_ && terminal_) std::fprintf(stderr, "\n");
}

}  // namespace axon::cli
