// Poisson processes on the time grid.
//  - A Poisson population's neuron spikes in a step with probability rate*dt (<= 1).
//  - A Poisson input gives every target neuron an independent Poisson(rate*dt) count of
//    kicks per step (NEST's poisson_generator semantics), drawn by inversion of one uniform
//    against a cumulative table computed once on the host in double: no division in the
//    loop, and both backends read the same table, so they draw the same count.
#pragma once
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

}  // namespace axon
