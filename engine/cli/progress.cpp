#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace axon::cli {
namespace {

// The terminal's width now (it may change during a run), else $COLUMNS, else 80.
int terminal_columns() {
    winsize size{};
    if (ioctl(fileno(stderr), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    const char* columns = std::getenv("COLUMNS");
    const int n = columns ? std::atoi(columns) : 0;
    return n > 0 ? n : 80;
}

std::string format(const char* fmt, double a, double b = 0) {
    char text[128];
    std::snprintf(text, sizeof text, fmt, a, b);
    return text;
}

}  // namespace

std::string progress_line(double simulated_ms, double total_ms, double wall_s, double eta_s, int columns) {
    const double fraction = total_ms > 0 ? std::clamp(simulated_ms / total_ms, 0.0, 1.0) : 1.0;
    const std::string core = format("%5.1f%% ", 100 * fraction) + format("%.0f/%.0f ms", simulated_ms, total_ms);
    const std::string wall = format(" | wall %.1f s", wall_s), eta = format(" | ETA %.1f s", eta_s);
    const auto width = static_cast<std::size_t>(std::max(columns - 1, 1));
    std::string text = core + wall + eta;
    if (text.size() + 8 > width) text = core + eta;  // keep a bar of at least 5 before the wall time
    if (text.size() + 8 > width) text = core;
    if (text.size() + 8 > width) return text.substr(0, width);
    const std::size_t bar = std::min<std::size_t>(30, width - text.size() - 3);
    const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(bar));
    return "[" + std::string(filled, '#') + std::string(bar - filled, '.') + "] " + text;
}

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
        // "\033[K" clears what a longer earlier line left on the right.
        std::fprintf(stderr, "\r%s\033[K", progress_line(simulated_ms, total_ms_, wall, eta, terminal_columns()).c_str());
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
