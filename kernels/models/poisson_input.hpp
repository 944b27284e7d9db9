// Poisson inputs on the time grid: a Poisson input gives every target neuron an independent
// Poisson(rate*dt) count of kicks per step (NEST's poisson_generator semantics), drawn by
// inversion of one uniform against a cumulative table computed once on the host in double
// (engine/src/model_params.cpp): no division in the loop, and both backends read the same
// table, so they draw the same count. The CPU kernel is kernels/cpu/poisson_input.cpp; on the
// GPU the update kernel draws them (update_neuron, kernels/cuda/step_phases.cuh).
#pragma once
#include <cmath>
#include <cstdint>

#include "hd.hpp"

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

}  // namespace axon
