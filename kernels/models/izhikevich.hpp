// Izhikevich (2003) neurons, as NEST's `izhikevich` with its default consistent_integration:
//   dv/dt = 0.04 v^2 + 5 v + 140 - u + I,   du/dt = a (b v - u),
//   v >= v_th: v <- c, u <- u + d,
// v in mV, t in ms, I (I_e and set currents) in the model's own units (pA in NEST's names).
// One forward-Euler step of dt for both variables from the values at the start of the step
// (NEST's consistent integration: the same equations at any dt; Izhikevich's original code
// takes two half steps of v per 1 ms step, which NEST keeps as an option it advises against).
// Synapses are delta: a spike adds its weight (mV) to v in the step it arrives. No
// refractory period; V_min bounds v from below.
#pragma once
#include <cstdint>

#include "hd.hpp"
#include "model_fields.hpp"

namespace axon {

struct izhikevich_model {
    static constexpr const char* name = "izhikevich";
    static constexpr const char* summary = "Izhikevich 2003 (NEST izhikevich), delta synapses";
    static constexpr const char* weight_unit = "mV";
    static constexpr uint32_t receptors = 1;
    enum : uint32_t { a, b, c, d, v_th, v_min, i_e, count };
    static constexpr ParamField params[count] = {
        any_value("a", 0.02, "time scale of u (1/ms)"),
        any_value("b", 0.2, "sensitivity of u to v"),
        any_value("c_mV", -65.0, "v after a spike"),
        any_value("d", 8.0, "jump of u at a spike"),
        any_value("v_th_mV", 30.0, "spike cut-off"),
        ParamField{"v_min_mV", -kInf, -kInf, kInf, false, true, "lower bound on v (-inf: none)"},
        any_value("i_e_pA", 0.0, "constant input current (changeable while running)"),
    };
    template <class Fail>
    static void check(const double* p, double, Fail&& fail) {
        if (!(p[c] < p[v_th])) fail(c, -kInf, p[v_th], true, true);  // a reset above the cut-off fires forever
    }
    enum : uint32_t { v, u, state_count };
    static constexpr StateField state[state_count] = {
        {"v", "mV", "membrane potential"},
        {"u", "mV", "recovery variable"},
    };
    struct Constants {
        float h, h_a, b, c, d, v_th, v_min;
    };
    static Constants constants(const double* p, double dt_ms) {
        return Constants{static_cast<float>(dt_ms), static_cast<float>(dt_ms * p[a]), static_cast<float>(p[b]),
                         static_cast<float>(p[c]),  static_cast<float>(p[d]),         static_cast<float>(p[v_th]),
                         static_cast<float>(p[v_min])};
    }
    /// v starts at c and u at b c (NEST's V_m = -65 mV, U_m = -13 for the defaults).
    static float initial(uint32_t var, const Constants& k) { return var == v ? k.c : k.b * k.c; }
    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext&) {
        const float v0 = s[v][i], u0 = s[u][i];
        float v1 = v0 + k.h * (0.04f * v0 * v0 + 5.0f * v0 + 140.0f - u0 + i_ext) + in[0];
        const float u1 = u0 + k.h_a * (k.b * v0 - u0);
        v1 = v1 < k.v_min ? k.v_min : v1;
        const bool spike = v1 >= k.v_th;
        s[v][i] = spike ? k.c : v1;
        s[u][i] = spike ? u1 + k.d : u1;
        return spike;
    }
};

}  // namespace axon
