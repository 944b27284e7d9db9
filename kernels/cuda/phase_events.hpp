// CUDA events at the phase boundaries of a step, for a per-phase breakdown of where the
// device time goes (BackendOptions::profile). Events resolve to about half a microsecond;
// each step is synchronised before its times are summed, so profile without graphs.
#pragma once
#include <cuda_runtime.h>

#include <string>
#include <vector>

#include "axon/backend.hpp"
#include "cuda_check.hpp"

namespace axon::cuda {

class PhaseEvents {
public:
    PhaseEvents() = default;
    PhaseEvents(const PhaseEvents&) = delete;
    PhaseEvents& operator=(const PhaseEvents&) = delete;
    ~PhaseEvents() {
        for (cudaEvent_t e : events_) cudaEventDestroy(e);
    }

    void init(const std::vector<std::string>& phases) {
        for (const std::string& name : phases) totals_.push_back(PhaseTime{name, 0.0});
        events_.resize(phases.size() + 1, nullptr);
        for (cudaEvent_t& e : events_) AXON_CUDA_CHECK(cudaEventCreate(&e));
    }
    bool on() const { return !events_.empty(); }
    /// Boundary k: the start of phase k (k = the number of phases: the end of the step).
    void mark(std::size_t boundary, cudaStream_t stream) {
        if (on()) AXON_CUDA_CHECK(cudaEventRecord(events_[boundary], stream));
    }
    /// Wait for the step's last event and add each phase's time.
    void accumulate() {
        if (!on()) return;
        AXON_CUDA_CHECK(cudaEventSynchronize(events_.back()));
        for (std::size_t k = 0; k + 1 < events_.size(); ++k) {
            float ms = 0;
            AXON_CUDA_CHECK(cudaEventElapsedTime(&ms, events_[k], events_[k + 1]));
            totals_[k].seconds += ms * 1e-3;
        }
    }
    const std::vector<PhaseTime>& totals() const { return totals_; }

private:
    std::vector<cudaEvent_t> events_;
    std::vector<PhaseTime> totals_;
};

}  // namespace axon::cuda
