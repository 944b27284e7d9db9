// LIF with exponential conductance synapses, as NEST's iaf_cond_exp (Brette et al. 2007,
// benchmark 1, "COBA"):
//   C dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I_e,
//   dg_x/dt = -g_x / tau_x,   V >= V_th: V <- V_reset, held there for t_ref.
// Weights are conductance jumps (nS). NEST integrates with an adaptive RKF45; here each step of
// dt is cut into ceil(dt / max_substep_ms) classical RK4 substeps of V, with the conductances'
// exact exponential sampled at each stage (start, middle, end of the substep): the V equation
// is linear, so this is accurate to far below a float's precision at the default substep. As
// for lif_exp, input arriving at step t enters the conductances at the end of the step.
#pragma once
#include <cmath>
#include <cstdint>

#include "hd.hpp"
#include "model_fields.hpp"

namespace axon {

struct lif_cond_exp_model {
    static constexpr const char* name = "lif_cond_exp";
    static constexpr const char* summary = "LIF, exponential conductance synapses (NEST iaf_cond_exp)";
    static constexpr const char* weight_unit = "nS";
    static constexpr uint32_t receptors = 2;
    enum : uint32_t { c_m, g_l, e_l, v_th, v_reset, t_ref, e_ex, e_in, tau_syn_ex, tau_syn_in, i_e, max_substep, count };
    static constexpr ParamField params[count] = {
        positive("c_m_pF", 250.0, "membrane capacitance"),
        positive("g_l_nS", 16.6667, "leak conductance"),
        any_value("e_l_mV", -70.0, "leak reversal potential"),
        any_value("v_th_mV", -55.0, "threshold (above v_reset_mV)"),
        any_value("v_reset_mV", -60.0, "reset potential"),
        non_negative("t_ref_ms", 2.0, "refractory period, rounded to steps"),
        any_value("e_ex_mV", 0.0, "excitatory reversal potential"),
        any_value("e_in_mV", -85.0, "inhibitory reversal potential"),
        positive("tau_syn_ex_ms", 0.2, "excitatory conductance time constant"),
        positive("tau_syn_in_ms", 2.0, "inhibitory conductance time constant"),
        any_value("i_e_pA", 0.0, "constant input current (changeable while running)"),
        ParamField{"max_substep_ms", 0.05, 0.0, kInf, true, true, "longest RK4 substep: dt is cut into ceil(dt / this)"},
    };
    template <class Fail>
    static void check(const double* p, double, Fail&& fail) {
        if (!(p[v_th] > p[v_reset])) fail(v_th, p[v_reset], kInf, true, true);
    }
    enum : uint32_t { v, g_ex, g_in, refractory, state_count };
    static constexpr StateField state[state_count] = {
        {"v", "mV", "membrane potential"},
        {"g_ex", "nS", "excitatory conductance"},
        {"g_in", "nS", "inhibitory conductance"},
        {"refractory", "steps", "refractory steps left"},
    };
    struct Constants {
        Rk4Substeps sub;
        float inv_c, g_l, e_l, e_ex, e_in, v_th, v_reset;
        SubstepDecay ex, inh;  ///< conductance decay over h/2 and h
        int32_t refractory_steps;
    };
    static Constants constants(const double* p, double dt_ms) {
        Constants k{};
        k.sub = rk4_substeps(dt_ms, p[max_substep]);
        k.inv_c = static_cast<float>(1.0 / p[c_m]);
        k.g_l = static_cast<float>(p[g_l]);
        k.e_l = static_cast<float>(p[e_l]);
        k.e_ex = static_cast<float>(p[e_ex]);
        k.e_in = static_cast<float>(p[e_in]);
        k.v_th = static_cast<float>(p[v_th]);
        k.v_reset = static_cast<float>(p[v_reset]);
        k.ex = substep_decay(k.sub, dt_ms, p[tau_syn_ex]);
        k.inh = substep_decay(k.sub, dt_ms, p[tau_syn_in]);
        k.refractory_steps = static_cast<int32_t>(std::llround(p[t_ref] / dt_ms));
        return k;
    }
    static float initial(uint32_t var, const Constants& k) { return var == v ? k.e_l : 0.0f; }

    /// dV/dt (mV/ms) at V with conductances ge, gi (nS) and current i (pA).
    AXON_HD static float dv(const Constants& k, float v_, float ge, float gi, float i) {
        return (-k.g_l * (v_ - k.e_l) - ge * (v_ - k.e_ex) - gi * (v_ - k.e_in) + i) * k.inv_c;
    }

    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext&) {
        return step_substeps(k, s, i, i_ext, in, k.sub.n);
    }
    /// The step in n = k.sub.n substeps: a uint32_t, or Substeps<N> from the CPU's loops.
    template <class Count>
    AXON_HD static bool step_substeps(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                                      Count n) {
        float v_ = s[v][i], ge = s[g_ex][i], gi = s[g_in][i];
        auto refr = static_cast<int32_t>(s[refractory][i]);
        const bool held = refr > 0;
        float integrated = v_;
        for (uint32_t sub = 0; sub < n; ++sub) {
            const float ge_mid = ge * k.ex.half, gi_mid = gi * k.inh.half;
            const float ge_end = ge * k.ex.full, gi_end = gi * k.inh.full;
            const float k1 = dv(k, integrated, ge, gi, i_ext);
            const float k2 = dv(k, integrated + k.sub.h_half * k1, ge_mid, gi_mid, i_ext);
            const float k3 = dv(k, integrated + k.sub.h_half * k2, ge_mid, gi_mid, i_ext);
            const float k4 = dv(k, integrated + k.sub.h * k3, ge_end, gi_end, i_ext);
            integrated = integrated + k.sub.h_sixth * (k1 + 2.0f * k2 + 2.0f * k3 + k4);
            ge = ge_end;
            gi = gi_end;
        }
        v_ = held ? k.v_reset : integrated;
        refr = held ? refr - 1 : refr;
        const bool spike = v_ >= k.v_th;
        s[v][i] = spike ? k.v_reset : v_;
        s[refractory][i] = static_cast<float>(spike ? k.refractory_steps : refr);
        s[g_ex][i] = ge + in[0];
        s[g_in][i] = gi + in[1];
        return spike;
    }
};

}  // namespace axon
