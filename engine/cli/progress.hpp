// Progress of a run on stderr: a bar redrawn in place on a terminal (simulated time, wall
// time, ETA); plain lines every 10 % when stderr is a file or a pipe; nothing when quiet.
#pragma once
#include <chrono>

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

}  // namespace axon::cli
