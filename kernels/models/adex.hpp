// Adaptive exponential integrate-and-fire neurons (Brette & Gerstner 2005) with exponential
// current synapses, as NEST's aeif_psc_exp:
//   C dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T) / Delta_T) - w + I_exc + I_inh + I_e
//   tau_w dw/dt = a (V - E_L) - w,   dI_x/dt = -I_x / tau_x,
//   V >= V_peak: V <- V_reset, w <- w + b, then V held at V_reset for t_ref (w goes on).
// NEST integrates with an adaptive RK45; this is a fixed step: each step of dt is cut into
// `substeps` classical RK4 steps of V and w (the default, 4 at dt = 0.1 ms, keeps the spike's
// fast upswing stable), with the synaptic currents' exact exponential sampled at each stage.
// The right-hand side takes min(V, V_peak) for V, as NEST's does, so that an RK stage past
// the peak neither overflows the exponential nor kicks w. As for
// lif_exp, input arriving at step t enters the currents at the end of the step. At most one
// spike per step. Float, with det_exp: the same values on every backend.
#pragma once
#include <cmath>
#include <cstdint>

#include "det_math.hpp"
#include "hd.hpp"
#include "model_fields.hpp"

namespace axon {

struct adex_model {
    static constexpr const char* name = "adex";
    static constexpr const char* summary = "adaptive exponential integrate-and-fire, exponential current synapses (NEST aeif_psc_exp)";
    static constexpr const char* weight_unit = "pA";
    static constexpr uint32_t receptors = 2;
    enum : uint32_t {
        c_m, g_l, e_l, v_t, delta_t, tau_w, a, b, v_reset, v_peak, t_ref, tau_syn_exc, tau_syn_inh, i_e, max_substep,
        count
    };
    static constexpr ParamField params[count] = {
        positive("c_m_pF", 281.0, "membrane capacitance"),
        positive("g_l_nS", 30.0, "leak conductance"),
        any_value("e_l_mV", -70.6, "leak reversal potential"),
        any_value("v_t_mV", -50.4, "spike initiation threshold V_T"),
        positive("delta_t_mV", 2.0, "slope factor Delta_T"),
        positive("tau_w_ms", 144.0, "adaptation time constant"),
        any_value("a_nS", 4.0, "subthreshold adaptation"),
        any_value("b_pA", 80.5, "spike-triggered adaptation"),
        any_value("v_reset_mV", -60.0, "reset potential"),
        any_value("v_peak_mV", 0.0, "spike detection (above v_t_mV)"),
        non_negative("t_ref_ms", 0.0, "refractory period, rounded to steps"),
        positive("tau_syn_exc_ms", 0.2, "excitatory current time constant"),
        positive("tau_syn_inh_ms", 2.0, "inhibitory current time constant"),
        any_value("i_e_pA", 0.0, "constant input current (changeable while running)"),
        ParamField{"max_substep_ms", 0.025, 0.0, kInf, true, true, "longest RK4 substep: dt is cut into ceil(dt / this)"},
    };
    template <class Fail>
    static void check(const double* p, double, Fail&& fail) {
        if (!(p[v_peak] > p[v_t])) fail(v_peak, p[v_t], kInf, true, true);
        if (!(p[v_reset] < p[v_peak])) fail(v_reset, -kInf, p[v_peak], true, true);
    }
    enum : uint32_t { v, w, i_exc, i_inh, refractory, state_count };
    static constexpr StateField state[state_count] = {
        {"v", "mV", "membrane potential"},
        {"w", "pA", "adaptation current"},
        {"i_exc", "pA", "excitatory synaptic current"},
        {"i_inh", "pA", "inhibitory synaptic current"},
        {"refractory", "steps", "refractory steps left"},
    };
    struct Constants {
        Rk4Substeps sub;
        float inv_c, g_l, e_l, v_t, delta_t, inv_delta_t, inv_tau_w, a, b, v_reset, v_peak;
        SubstepDecay exc, inh;  ///< current decay over h/2 and h
        int32_t refractory_steps;
    };
    static Constants constants(const double* p, double dt_ms) {
        Constants k{};
        k.sub = rk4_substeps(dt_ms, p[max_substep]);
        k.inv_c = static_cast<float>(1.0 / p[c_m]);
        k.g_l = static_cast<float>(p[g_l]);
        k.e_l = static_cast<float>(p[e_l]);
        k.v_t = static_cast<float>(p[v_t]);
        k.delta_t = static_cast<float>(p[delta_t]);
        k.inv_delta_t = static_cast<float>(1.0 / p[delta_t]);
        k.inv_tau_w = static_cast<float>(1.0 / p[tau_w]);
        k.a = static_cast<float>(p[a]);
        k.b = static_cast<float>(p[b]);
        k.v_reset = static_cast<float>(p[v_reset]);
        k.v_peak = static_cast<float>(p[v_peak]);
        k.exc = substep_decay(k.sub, dt_ms, p[tau_syn_exc]);
        k.inh = substep_decay(k.sub, dt_ms, p[tau_syn_inh]);
        k.refractory_steps = static_cast<int32_t>(std::llround(p[t_ref] / dt_ms));
        return k;
    }
    /// V starts at E_L, everything else at 0 (NEST's defaults).
    static float initial(uint32_t var, const Constants& k) { return var == v ? k.e_l : 0.0f; }

    /// dV/dt (mV/ms; pA / pF) at V, w and synaptic current I; held (0) while refractory. V
    /// enters as min(V, V_peak), as in NEST: an RK stage past the peak cannot run away.
    AXON_HD static float dv(const Constants& k, float v_, float w_, float i, bool held) {
        const float vc = v_ < k.v_peak ? v_ : k.v_peak;
        const float spike_current = k.g_l * k.delta_t * det_exp((vc - k.v_t) * k.inv_delta_t);
        const float rate = (-k.g_l * (vc - k.e_l) + spike_current - w_ + i) * k.inv_c;
        return held ? 0.0f : rate;
    }
    AXON_HD static float dw(const Constants& k, float v_, float w_) {
        const float vc = v_ < k.v_peak ? v_ : k.v_peak;
        return (k.a * (vc - k.e_l) - w_) * k.inv_tau_w;
    }

    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext&) {
        return step_substeps(k, s, i, i_ext, in, k.sub.n);
    }
    /// The step in n = k.sub.n substeps: a uint32_t, or Substeps<N> from the CPU's loops.
    template <class Count>
    AXON_HD static bool step_substeps(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                                      Count n) {
        float v_ = s[v][i], w_ = s[w][i], ie = s[i_exc][i], ii = s[i_inh][i];
        auto refr = static_cast<int32_t>(s[refractory][i]);
        const bool refractory_now = refr > 0;  // through this whole step: V stays at V_reset
        bool spike = false;
        for (uint32_t sub = 0; sub < n; ++sub) {
            const bool held = refractory_now || (spike && k.refractory_steps > 0);  // from the spike on
            const float i0 = ie + ii + i_ext;
            const float i_mid = ie * k.exc.half + ii * k.inh.half + i_ext;
            ie *= k.exc.full;
            ii *= k.inh.full;
            const float i1 = ie + ii + i_ext;
            const float v1 = dv(k, v_, w_, i0, held), w1 = dw(k, v_, w_);
            const float v2 = dv(k, v_ + k.sub.h_half * v1, w_ + k.sub.h_half * w1, i_mid, held),
                        w2 = dw(k, v_ + k.sub.h_half * v1, w_ + k.sub.h_half * w1);
            const float v3 = dv(k, v_ + k.sub.h_half * v2, w_ + k.sub.h_half * w2, i_mid, held),
                        w3 = dw(k, v_ + k.sub.h_half * v2, w_ + k.sub.h_half * w2);
            const float v4 = dv(k, v_ + k.sub.h * v3, w_ + k.sub.h * w3, i1, held), w4 = dw(k, v_ + k.sub.h * v3, w_ + k.sub.h * w3);
            v_ = v_ + k.sub.h_sixth * (v1 + 2.0f * v2 + 2.0f * v3 + v4);
            w_ = w_ + k.sub.h_sixth * (w1 + 2.0f * w2 + 2.0f * w3 + w4);
            const bool fires = !spike && !held && v_ >= k.v_peak;  // at most one spike per step
            spike = spike || fires;
            v_ = fires || held ? k.v_reset : v_;
            w_ = fires ? w_ + k.b : w_;
        }
        refr = spike ? k.refractory_steps : (refractory_now ? refr - 1 : refr);
        s[v][i] = v_;
        s[w][i] = w_;
        s[i_exc][i] = ie + in[0];
        s[i_inh][i] = ii + in[1];
        s[refractory][i] = static_cast<float>(refr);
        return spike;
    }
};

}  // namespace axon
