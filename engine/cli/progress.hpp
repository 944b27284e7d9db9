// Progress of a run on stderr: a bar redrawn in place on a terminal (simulated time, wall
// time, ETA), fitted to the terminal's width at each redraw; plain lines every 10 % when stderr
// is a file or a pipe; nothing when quiet.
#pragma once
#include <chrono>
#include <string>

namespace axon::cli {

class Progress {
public:
    Progress(double total_ms, bool quiet);
    void update(double simulated_ms);
    void finish();

private:
    double total_ms_;
    bool quiet_, terminal_;
    int last_decile_ = -1;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

/// The terminal bar's text, at most `columns - 1` characters: the bar shrinks first, then the
/// wall time and the ETA are dropped.
std::string progress_line(double simulated_ms, double total_ms, double wall_s, double eta_s, int columns);

}  // namespace axon::cli
