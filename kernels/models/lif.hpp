// Leaky integrate-and-fire neurons, one step of exact integration (Rotter & Diesmann 1999).
// Two synapse types:
//  - exponential current synapses, as NEST's iaf_psc_exp:
//      dV/dt = -(V - E_L)/tau_m + (I_exc + I_inh + I_ext)/C_m,  dI_x/dt = -I_x/tau_x;
//    V is advanced with the currents of the previous step, then the step's input is
//    added to the currents, so input arriving at step t moves V from step t + 1 on;
//  - delta synapses, as NEST's iaf_psc_delta (Brunel 2000 model A): input arriving at
//    step t moves V by its weight (mV) at step t; input during refractoriness is lost.
// Both have a refractory period counted in steps (V held at V_reset) and an optional
// adaptive threshold: theta relaxes to theta_0 with tau_theta and jumps by delta_theta
// at each spike. All propagators are computed on the host in double (engine/src/model_params.cpp).
#pragma once
#include <cstdint>

#include "hd.hpp"

namespace axon {

/// Per-population constants of one LIF step (floats, precomputed on the host).
struct LifStepParams {
    float p_vv;         ///< exp(-dt/tau_m)
    float p_v_iext;     ///< V change per pA of constant current: tau_m/C_m (1 - exp(-dt/tau_m))
    float p_v_iexc;     ///< V change per pA of excitatory current (exp synapses)
    float p_v_iinh;     ///< V change per pA of inhibitory current (exp synapses)
    float p_exc;        ///< exp(-dt/tau_syn_exc)
    float p_inh;        ///< exp(-dt/tau_syn_inh)
    float e_l;          ///< resting potential (mV)
    float v_reset;      ///< reset potential (mV)
    float v_min;        ///< lower bound on V (mV), -inf when unbounded
    float theta_0;      ///< resting threshold (mV)
    float p_theta;      ///< exp(-dt/tau_theta); 0 when the threshold is fixed
    float delta_theta;  ///< threshold jump per spike (mV); 0 when the threshold is fixed
    int32_t refractory_steps;
};

// The step functions are written as selects, not branches: every operation runs for every
// neuron and the results are chosen afterwards. The selected values are the same float
// operations in the same order either way (so determinism is untouched), and the CPU loops
// vectorise while GPU warps do not diverge.

/// Relax the threshold by one step, test it, and on a spike reset V and start refractoriness.
AXON_HD bool lif_fire(const LifStepParams& p, float& v, float& theta, int32_t& refractory) {
    const float relaxed = p.theta_0 + (theta - p.theta_0) * p.p_theta;
    const bool spike = v >= relaxed;
    v = spike ? p.v_reset : v;
    refractory = spike ? p.refractory_steps : refractory;
    theta = spike ? relaxed + p.delta_theta : relaxed;
    return spike;
}

/// V after one step of integration, or held (and refractoriness counted down) if refractory.
AXON_HD float lif_hold_or(float v_integrated, const LifStepParams& p, float v, int32_t& refractory) {
    const bool active = refractory == 0;
    const float bounded = v_integrated < p.v_min ? p.v_min : v_integrated;
    refractory = active ? 0 : refractory - 1;
    return active ? bounded : v;
}

/// One step of a LIF neuron with exponential current synapses; returns true on a spike.
/// in_exc and in_inh are the summed weights (pA) arriving at this step.
AXON_HD bool lif_exp_step(const LifStepParams& p, float& v, float& i_exc, float& i_inh, float& theta,
                          int32_t& refractory, float i_ext, float in_exc, float in_inh) {
    const float v_rel = (v - p.e_l) * p.p_vv + i_exc * p.p_v_iexc + i_inh * p.p_v_iinh + i_ext * p.p_v_iext;
    v = lif_hold_or(p.e_l + v_rel, p, v, refractory);
    i_exc = i_exc * p.p_exc + in_exc;
    i_inh = i_inh * p.p_inh + in_inh;
    return lif_fire(p, v, theta, refractory);
}

/// One step of a LIF neuron with delta synapses; in_mV is the summed weight arriving now
/// (lost while refractory).
AXON_HD bool lif_delta_step(const LifStepParams& p, float& v, float& theta, int32_t& refractory, float i_ext,
                            float in_mV) {
    const float v_rel = (v - p.e_l) * p.p_vv + i_ext * p.p_v_iext;
    v = lif_hold_or(p.e_l + v_rel + in_mV, p, v, refractory);
    return lif_fire(p, v, theta, refractory);
}

}  // namespace axon
