/// @file models.hpp
/// Neuron models and their parameters (units in the names). Equations and sources:
/// docs/models.md and kernels/models/lif.hpp.
#pragma once
#include <limits>

namespace axon {

/// The neuron models of a population.
enum class NeuronModel {
    lif_exp,    ///< LIF with exponential current synapses (NEST iaf_psc_exp); weights in pA
    lif_delta,  ///< LIF with delta synapses (NEST iaf_psc_delta, Brunel 2000); weights in mV
    poisson     ///< independent Poisson spike trains (rate_Hz); a pure spike source
};

const char* to_string(NeuronModel model);

/// Parameters of both LIF models. Defaults are the Potjans-Diesmann microcircuit neuron.
struct LifParams {
    double c_m_pF = 250.0;           ///< membrane capacitance (> 0)
    double tau_m_ms = 10.0;          ///< membrane time constant (> 0)
    double e_l_mV = -65.0;           ///< resting potential
    double v_th_mV = -50.0;          ///< resting threshold theta_0 (> v_reset_mV)
    double v_reset_mV = -65.0;       ///< reset potential
    double v_min_mV = -std::numeric_limits<double>::infinity();  ///< lower bound on V
    double t_ref_ms = 2.0;           ///< refractory period (>= 0), rounded to steps
    double tau_syn_exc_ms = 0.5;     ///< excitatory current time constant (lif_exp; > 0)
    double tau_syn_inh_ms = 0.5;     ///< inhibitory current time constant (lif_exp; > 0)
    double i_e_pA = 0.0;             ///< constant input current (changeable while running)
    double delta_theta_mV = 0.0;     ///< adaptive threshold: jump per spike (>= 0; 0 = fixed)
    double tau_theta_ms = 100.0;     ///< adaptive threshold: relaxation time constant (> 0)
};

/// Parameters of a Poisson population.
struct PoissonParams {
    double rate_Hz = 10.0;  ///< firing rate (>= 0, rate * dt <= 1)
};

}  // namespace axon
