// The Poisson population (neuron model "poisson"): a neuron spikes in a step with
// probability rate*dt (<= 1). Poisson inputs, which kick other populations' neurons, are
// kernels/models/poisson_input.hpp.
#pragma once
#include <cstdint>

#include "hd.hpp"
#include "model_fields.hpp"
#include "random.hpp"

namespace axon {

/// A population of independent Poisson spike trains: neuron i spikes at step t when its
/// uniform (Philox, keyed by the population's stream, t and i) is below rate * dt. A pure
/// source: no state, no input.
struct poisson_model {
    static constexpr const char* name = "poisson";
    static constexpr const char* summary = "independent Poisson spike trains (a source: no state, no input)";
    static constexpr const char* weight_unit = "";
    static constexpr uint32_t receptors = 0;
    enum : uint32_t { rate, count };
    static constexpr ParamField params[count] = {
        ParamField{"rate_Hz", 10.0, 0.0, kInf, false, true, "firing rate (rate x dt at most 1)", true},
    };
    template <class Fail>
    static void check(const double* p, double dt_ms, Fail&& fail) {
        if (p[rate] * dt_ms * 1e-3 > 1.0) fail(rate, 0.0, 1000.0 / dt_ms, false, false);  // at most a spike per step
    }
    enum : uint32_t { state_count };
    static constexpr StateField* state = nullptr;
    struct Constants {
        float p_spike;  ///< rate * dt, rounded to float on the host
    };
    static Constants constants(const double* p, double dt_ms) {
        return Constants{static_cast<float>(p[rate] * dt_ms * 1e-3)};
    }
    static float initial(uint32_t, const Constants&) { return 0.0f; }
    AXON_HD static bool step(const Constants& k, float* const*, uint32_t i, float, const float*,
                             const StepContext& ctx) {
        return grid_uniform(ctx.seed, ctx.stream, ctx.step, ctx.first + i) < k.p_spike;
    }
};

}  // namespace axon
