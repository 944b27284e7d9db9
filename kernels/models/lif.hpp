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
#include <cmath>
#include <cstdint>

#include "hd.hpp"
#include "model_fields.hpp"

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
/// kBounded false leaves out the lower bound v_min: the same where it is -inf.
template <bool kBounded = true>
AXON_HD float lif_hold_or(float v_integrated, const LifStepParams& p, float v, int32_t& refractory) {
    const bool active = refractory == 0;
    const float bounded = kBounded && v_integrated < p.v_min ? p.v_min : v_integrated;
    refractory = active ? 0 : refractory - 1;
    return active ? bounded : v;
}

/// One step of a LIF neuron with exponential current synapses; returns true on a spike.
/// in_exc and in_inh are the summed weights (pA) arriving at this step. kLean leaves out the
/// external current's term and the lower bound on V: the CPU update's shortcut for populations
/// whose currents are all zero and whose v_min is -inf (cpu::lean_step_holds), where the
/// results are the same (adding a zero term changes only the sign of a zero sum, which
/// e_l + v_rel does not keep unless e_l is a zero itself).
template <bool kLean = false>
AXON_HD bool lif_exp_step(const LifStepParams& p, float& v, float& i_exc, float& i_inh, float& theta,
                          int32_t& refractory, float i_ext, float in_exc, float in_inh) {
    float v_rel = (v - p.e_l) * p.p_vv + i_exc * p.p_v_iexc + i_inh * p.p_v_iinh;
    if (!kLean) v_rel = v_rel + i_ext * p.p_v_iext;  // the same sum, in the same order
    v = lif_hold_or<!kLean>(p.e_l + v_rel, p, v, refractory);
    i_exc = i_exc * p.p_exc + in_exc;
    i_inh = i_inh * p.p_inh + in_inh;
    return lif_fire(p, v, theta, refractory);
}

/// One step of a LIF neuron with delta synapses; in_mV is the summed weight arriving now
/// (lost while refractory).
template <bool kLean = false>  // as lif_exp_step's
AXON_HD bool lif_delta_step(const LifStepParams& p, float& v, float& theta, int32_t& refractory, float i_ext,
                            float in_mV) {
    float v_rel = (v - p.e_l) * p.p_vv;
    if (!kLean) v_rel = v_rel + i_ext * p.p_v_iext;
    v = lif_hold_or<!kLean>(p.e_l + v_rel + in_mV, p, v, refractory);
    return lif_fire(p, v, theta, refractory);
}

// ---- the registry entries (engine/include/axon/models.hpp lists the models) ---------------

/// The parameters of both LIF models, in this order; the tau_syn_* pair is unused by lif_delta.
/// Defaults are the Potjans-Diesmann microcircuit neuron (NEST iaf_psc_exp defaults but E_L,
/// V_reset = -65 mV and tau_syn = 0.5 ms).
struct LifFields {
    enum : uint32_t {
        c_m, tau_m, e_l, v_th, v_reset, v_min, t_ref, tau_syn_exc, tau_syn_inh, i_e, delta_theta, tau_theta, count
    };
    static constexpr ParamField params[count] = {
        positive("c_m_pF", 250.0, "membrane capacitance"),
        positive("tau_m_ms", 10.0, "membrane time constant"),
        any_value("e_l_mV", -65.0, "resting potential"),
        any_value("v_th_mV", -50.0, "resting threshold theta_0 (above v_reset_mV)"),
        any_value("v_reset_mV", -65.0, "reset potential"),
        ParamField{"v_min_mV", -kInf, -kInf, kInf, false, true, "lower bound on V (at most v_reset_mV; -inf: none)"},
        non_negative("t_ref_ms", 2.0, "refractory period, rounded to steps"),
        positive("tau_syn_exc_ms", 0.5, "excitatory current time constant (lif_exp)"),
        positive("tau_syn_inh_ms", 0.5, "inhibitory current time constant (lif_exp)"),
        any_value("i_e_pA", 0.0, "constant input current (changeable while running)"),
        non_negative("delta_theta_mV", 0.0, "adaptive threshold: jump per spike (0: fixed threshold)"),
        positive("tau_theta_ms", 100.0, "adaptive threshold: relaxation time constant"),
    };
    /// Ranges that depend on other fields; `fail(field, min, max, min_open, max_open)` reports one.
    template <class Fail>
    static void check(const double* p, double /*dt_ms*/, Fail&& fail) {
        if (!(p[v_th] > p[v_reset])) fail(v_th, p[v_reset], kInf, true, true);
        if (!(p[v_min] <= p[v_reset])) fail(v_min, -kInf, p[v_reset], false, false);
    }
};

/// V change at the end of a step per pA of an exponential synapse's current at its start
/// (NEST's propagator_32), with the tau_syn == tau_m limit handled. Host, double.
inline double lif_exp_synapse_propagator(double tau_syn, double tau_m, double c_m, double h) {
    const double inv_diff = 1.0 / tau_syn - 1.0 / tau_m;
    if (std::abs(inv_diff) * h < 1e-12) return h / c_m * std::exp(-h / tau_m);
    return std::exp(-h / tau_m) * -std::expm1(-h * inv_diff) / (c_m * inv_diff);
}

/// The LIF step constants from the parameters (LifFields order), on the host in double.
inline LifStepParams lif_step_constants(const double* p, bool exp_synapses, double h) {
    using F = LifFields;
    LifStepParams s{};
    s.p_vv = static_cast<float>(std::exp(-h / p[F::tau_m]));
    s.p_v_iext = static_cast<float>(-p[F::tau_m] / p[F::c_m] * std::expm1(-h / p[F::tau_m]));
    if (exp_synapses) {
        s.p_v_iexc = static_cast<float>(lif_exp_synapse_propagator(p[F::tau_syn_exc], p[F::tau_m], p[F::c_m], h));
        s.p_v_iinh = static_cast<float>(lif_exp_synapse_propagator(p[F::tau_syn_inh], p[F::tau_m], p[F::c_m], h));
        s.p_exc = static_cast<float>(std::exp(-h / p[F::tau_syn_exc]));
        s.p_inh = static_cast<float>(std::exp(-h / p[F::tau_syn_inh]));
    }
    s.e_l = static_cast<float>(p[F::e_l]);
    s.v_reset = static_cast<float>(p[F::v_reset]);
    s.v_min = static_cast<float>(p[F::v_min]);
    s.theta_0 = static_cast<float>(p[F::v_th]);
    const bool adaptive = p[F::delta_theta] > 0;
    s.p_theta = adaptive ? static_cast<float>(std::exp(-h / p[F::tau_theta])) : 0.0f;
    s.delta_theta = static_cast<float>(p[F::delta_theta]);
    s.refractory_steps = static_cast<int32_t>(std::llround(p[F::t_ref] / h));
    return s;
}

/// LIF with exponential current synapses (NEST iaf_psc_exp); weights in pA.
struct lif_exp_model : LifFields {
    static constexpr const char* name = "lif_exp";
    static constexpr const char* summary = "LIF, exponential current synapses (NEST iaf_psc_exp)";
    static constexpr const char* weight_unit = "pA";
    static constexpr uint32_t receptors = 2;  ///< excitatory, inhibitory
    enum : uint32_t { v, theta, i_exc, i_inh, refractory, state_count };
    static constexpr StateField state[state_count] = {
        {"v", "mV", "membrane potential"},
        {"theta", "mV", "firing threshold, adaptive or fixed"},
        {"i_exc", "pA", "excitatory synaptic current"},
        {"i_inh", "pA", "inhibitory synaptic current"},
        {"refractory", "steps", "refractory steps left"},
    };
    using Constants = LifStepParams;
    static Constants constants(const double* p, double dt_ms) { return lif_step_constants(p, true, dt_ms); }
    /// Initial state (V: E_L, unless the population gives its initial V).
    static float initial(uint32_t var, const Constants& k) { return var == v ? k.e_l : var == theta ? k.theta_0 : 0.0f; }
    /// One step of neuron i; in[r] = the summed weights arriving on receptor r now.
    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext&) {
        auto refr = static_cast<int32_t>(s[refractory][i]);  // whole steps: exact in float
        const bool spike =
            lif_exp_step(k, s[v][i], s[i_exc][i], s[i_inh][i], s[theta][i], refr, i_ext, in[0], in[1]);
        s[refractory][i] = static_cast<float>(refr);
        return spike;
    }
};

/// LIF with delta synapses (NEST iaf_psc_delta, Brunel 2000); weights in mV.
struct lif_delta_model : LifFields {
    static constexpr const char* name = "lif_delta";
    static constexpr const char* summary = "LIF, delta synapses (NEST iaf_psc_delta)";
    static constexpr const char* weight_unit = "mV";
    static constexpr uint32_t receptors = 1;  ///< both receptors add to V
    enum : uint32_t { v, theta, refractory, state_count };
    static constexpr StateField state[state_count] = {
        {"v", "mV", "membrane potential"},
        {"theta", "mV", "firing threshold, adaptive or fixed"},
        {"refractory", "steps", "refractory steps left"},
    };
    using Constants = LifStepParams;
    static Constants constants(const double* p, double dt_ms) { return lif_step_constants(p, false, dt_ms); }
    static float initial(uint32_t var, const Constants& k) { return var == v ? k.e_l : var == theta ? k.theta_0 : 0.0f; }
    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext&) {
        auto refr = static_cast<int32_t>(s[refractory][i]);
        const bool spike = lif_delta_step(k, s[v][i], s[theta][i], refr, i_ext, in[0]);
        s[refractory][i] = static_cast<float>(refr);
        return spike;
    }
};

}  // namespace axon
