// Wall time per phase of the CPU step pipeline, when profiling (BackendOptions::profile);
// off, each lap is one branch.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "axon/backend.hpp"

namespace axon::detail {

class PhaseClock {
public:
    PhaseClock() = default;
    PhaseClock(std::vector<std::string> phases, bool on) : on_(on) {
        for (std::string& name : phases) totals_.push_back(PhaseTime{std::move(name), 0.0});
    }
    /// The start of a step.
    void start() {
        if (on_) last_ = Clock::now();
    }
    /// The time since the last start or lap goes to `phase`.
    void lap(std::size_t phase) {
        if (!on_) return;
        const Clock::time_point now = Clock::now();
        totals_[phase].seconds += std::chrono::duration<double>(now - last_).count();
        last_ = now;
    }
    /// Empty when not profiling.
    std::vector<PhaseTime> totals() const { return on_ ? totals_ : std::vector<PhaseTime>{}; }

private:
    using Clock = std::chrono::steady_clock;
    bool on_ = false;
    Clock::time_point last_{};
    std::vector<PhaseTime> totals_;
};

}  // namespace axon::detail
