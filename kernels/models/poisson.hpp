// Poisson processes on the time grid.
//  - A Poisson population's neuron spikes in a step with probability rate*dt (<= 1).
//  - A Poisson input gives every target neuron an independent Poisson(rate*dt) count of
//    kicks per step (NEST's poisson_generator semantics), drawn by inversion of one uniform
//    against a cumulative table computed once on the host in double: no division in the
//    loop, and both backends read the same table, so they draw the same count.
#pragma once
#include <cmath>
#include <cstdint>

#include "hd.hpp"
#include "model_fields.hpp"
#include "random.hpp"

namespace axon {

/// Entries of the cumulative table: enough for a mean of 50 kicks per step plus 12 sigma.
constexpr uint32_t kPoissonTableSize = 160;

struct PoissonCountParams {
    /// cdf[k] = P(count <= k) rounded to float; the last used entry is 2 (> any uniform),
    /// so the search always ends, at most at max_count.
    float cdf[kPoissonTableSize];
    uint32_t max_count;
    /// Entries below 1.0f: a uniform in [0, 1) can pass only these, so the count also
    /// equals the number of them it passes (the form the vectorised CPU loop uses).
    uint32_t table_length;
};

AXON_HD uint32_t poisson_count(const PoissonCountParams& p, float u) {
    uint32_t k = 0;
    while (u >= p.cdf[k]) ++k;
    return k;
}

/// The count the table stops at for a mean of lambda kicks per step: 12 sigma above it.
AXON_HD uint32_t poisson_max_count(double lambda) {
    const auto m = static_cast<uint32_t>(lambda + 12.0 * sqrt(lambda) + 12.0);
    return m < kPoissonTableSize ? m : kPoissonTableSize - 1;  // lambda <= 50 never gets here
}

/// One neuron's rate for a Poisson input with rates per neuron: its mean count per step and
/// e^-lambda, computed on the host in double (so that both backends start from the same bits).
struct PoissonNeuronRate {
    double lambda;
    double p_zero;
};

/// The count for uniform u by the recurrence the table is built with (poisson_count_params),
/// in double, one term at a time: where a neuron's rate equals a population's, it draws the
/// table's count. IEEE operations only (no contraction), so host and device agree.
AXON_HD uint32_t poisson_count(const PoissonNeuronRate& r, float u) {
    const uint32_t max_count = poisson_max_count(r.lambda);
    double term = r.p_zero, cdf = 0.0;
    for (uint32_t k = 0; k < max_count; ++k) {
        cdf += term;
        if (u < static_cast<float>(cdf)) return k;
        term *= r.lambda / (k + 1);
    }
    return max_count;
}

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
        return grid_uniform(ctx.seed, ctx.stream, ctx.step, i) < k.p_spike;
    }
};

}  // namespace axon
