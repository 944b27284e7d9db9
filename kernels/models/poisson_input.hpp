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

/// P(count <= 0), P(count <= 1), ... in turn, rounded to float: the one recurrence, in double,
/// that both the table (poisson_count_params) and the per-neuron draw below use, so a neuron at
/// a population's rate draws the table's count. IEEE operations only (no contraction), so host
/// and device agree.
struct PoissonCdf {
    double lambda, term, cdf = 0.0;
    uint32_t k = 0;
    AXON_HD PoissonCdf(double lambda_, double p_zero) : lambda(lambda_), term(p_zero) {}
    AXON_HD float next() {
        cdf += term;
        term *= lambda / ++k;
        return static_cast<float>(cdf);
    }
};

/// One neuron's rate for a Poisson input with rates per neuron: its mean count per step and
/// e^-lambda, computed on the host in double (so that both backends start from the same bits).
struct PoissonNeuronRate {
    double lambda;
    double p_zero;
};

/// The count for uniform u, walking the cumulative probabilities term by term.
AXON_HD uint32_t poisson_count(const PoissonNeuronRate& r, float u) {
    const uint32_t max_count = poisson_max_count(r.lambda);
    PoissonCdf cdf(r.lambda, r.p_zero);
    for (uint32_t k = 0; k < max_count; ++k)
        if (u < cdf.next()) return k;
    return max_count;
}

}  // namespace axon
