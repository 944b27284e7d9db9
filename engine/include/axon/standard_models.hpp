/// @file standard_models.hpp
/// The standard benchmark networks of the field (parameters and sources: docs/models.md),
/// ready to simulate, benchmark or extend. Every population's spikes are recorded.
#pragma once
#include <cstdint>

#include "axon/network.hpp"

namespace axon::models {

/// Vogels & Abbott 2005 CUBA (Brette et al. 2007, benchmark 2): LIF with exponential
/// currents, 80% excitatory, connection probability 80 / N (mean in-degree 80), no autapses.
struct CubaOptions {
    uint32_t neurons = 4000;
    uint64_t seed = 1;
    double dt_ms = 0.1;
    /// Benchmark model 4: additive pair STDP on E->E (tau 20 ms both, A_plus = 0.01 w_max,
    /// A_minus = -1.05 A_plus, weights in [0, w_max] with w_max = 2 x 1.62).
    bool stdp = false;
};
Network cuba(const CubaOptions& options = {});

/// Brunel 2000 model A: delta-synapse LIF, N_E = 4 N_I, fixed in-degrees C_E = 1000 and
/// C_I = 250 at every size, J = 0.1 mV, g = 5, delay 1.5 ms, Poisson drive eta = 2.
struct BrunelOptions {
    uint32_t neurons = 12500;
    uint64_t seed = 1;
    double dt_ms = 0.1;
    double g = 5.0;    ///< relative inhibitory strength
    double eta = 2.0;  ///< external rate relative to the threshold rate
};
Network brunel_a(const BrunelOptions& options = {});

}  // namespace axon::models
