// Given spike trains replayed (NEST's spike_generator): neuron i spikes at step t when t is in
// its list of steps. The lists come with the population (Network::add_spike_source), not from
// parameters: each backend hands them to the step through StepContext (replay_start: where
// each neuron's steps begin, size + 1 entries; replay_step: the steps, ascending per neuron).
// A pure source: no state, no input; a binary search per neuron and step.
#pragma once
#include <cstdint>

#include "hd.hpp"
#include "model_fields.hpp"

namespace axon {

struct spike_source_model {
    static constexpr const char* name = "spike_source";
    static constexpr const char* summary = "replays given spike times (NEST spike_generator; a source: no state, no input)";
    static constexpr const char* weight_unit = "";
    static constexpr uint32_t receptors = 0;
    enum : uint32_t { count };
    static constexpr const ParamField* params = nullptr;
    template <class Fail>
    static void check(const double*, double, Fail&&) {}
    enum : uint32_t { state_count };
    static constexpr StateField* state = nullptr;
    struct Constants {
        uint32_t unused;
    };
    static Constants constants(const double*, double) { return Constants{0}; }
    static float initial(uint32_t, const Constants&) { return 0.0f; }
    AXON_HD static bool step(const Constants&, float* const*, uint32_t i, float, const float*, const StepContext& ctx) {
        uint64_t lo = ctx.replay_start[i], hi = ctx.replay_start[i + 1];
        while (lo < hi) {  // the first step >= ctx.step
            const uint64_t mid = lo + (hi - lo) / 2;
            if (ctx.replay_step[mid] < ctx.step)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < ctx.replay_start[i + 1] && ctx.replay_step[lo] == ctx.step;
    }
};

}  // namespace axon
