// Poisson processes on the time grid.
//  - A Poisson population's neuron spikes in a step with probability rate*dt (<= 1).
//  - A Poisson input gives every target neuron an independent Poisson(rate*dt) count of
//    kicks per step (NEST's poisson_generator semantics), drawn by sequential inversion
//    of one uniform with float arithmetic only, so both backends draw the same count.
#pragma once
#include <cstdint>

#include "hd.hpp"

namespace axon {

struct PoissonCountParams {
    float lambda;          ///< mean count per step: rate * dt
    float exp_minus_lambda;
    uint32_t max_count;    ///< guard for float round-off in the cumulative sum
};

AXON_HD uint32_t poisson_count(const PoissonCountParams& p, float u) {
    float term = p.exp_minus_lambda;
    float cdf = term;
    uint32_t k = 0;
    while (u >= cdf && k < p.max_count) {
        ++k;
        term = term * p.lambda / static_cast<float>(k);
        cdf = cdf + term;
    }
    return k;
}

}  // namespace axon
