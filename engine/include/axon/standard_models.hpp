/// @file standard_models.hpp
/// The standard benchmark networks of the field (parameters and sources: docs/models.md),
/// ready to simulate, benchmark or extend. Every population's spikes are recorded.
#pragma once
#include "axon/export.hpp"
#include <cstdint>

#include "axon/network.hpp"

namespace axon AXON_API {
namespace models {

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

/// Vogels & Abbott 2005 COBA (Brette et al. 2007, benchmark 1): lif_cond_exp neurons (C_m
/// 200 pF, g_L 10 nS, so tau_m 20 ms; E_L = V_reset = -60 mV, V_th -50 mV, t_ref 5 ms), 80%
/// excitatory, connection probability p = 0.02 (no autapses), conductance jumps 6 nS (E_ex 0 mV,
/// tau 5 ms) and 67 nS (E_in -80 mV, tau 10 ms). As in the benchmark's reference script, the
/// activity starts from random initial values and then sustains itself: V ~ N(-65, 5) mV,
/// g_ex ~ N(40, 15) nS, g_in ~ N(200, 120) nS.
struct CobaOptions {
    uint32_t neurons = 4000;
    uint64_t seed = 1;
    double dt_ms = 0.1;
};
Network coba(const CobaOptions& options = {});

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

/// Izhikevich 2003's network with one parameter set per population: 80% regular-spiking
/// excitatory (a 0.02, b 0.2, c -65 mV, d 8), 20% fast-spiking inhibitory (a 0.1, d 2), fixed
/// in-degrees of 0.8 N and 0.2 N up to 800 and 200 (the paper's all-to-all at N = 1000, the
/// same statistics above it), weights uniform in [0, 0.5] mV and [-1, 0] mV, delay 1 ms. The
/// paper's thalamic noise (a Gaussian current of SD 5, 2 per ms) becomes balanced Poisson kicks
/// of +-1 mV at 12.5 kHz each (excitatory) and +-0.5 mV at 8 kHz each (inhibitory): mean 0, the
/// same variance per ms.
struct IzhikevichOptions {
    uint32_t neurons = 1000;
    uint64_t seed = 1;
    double dt_ms = 0.1;
};
Network izhikevich(const IzhikevichOptions& options = {});

}  // namespace models
}  // namespace axon
