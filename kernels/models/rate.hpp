// The seed text's rate neuron: a leaky rate unit with a rectified-linear or sigmoid transfer,
// whose output is a spike train of that rate, so that it drives and receives ordinary
// projections like any spiking neuron (a linear-nonlinear-Poisson unit when its output is
// Poisson):
//   u = h + bias + i_ext,   tau dr/dt = -r + phi(u),   dh/dt = -h / tau_syn + sum of weights,
//   rate_relu:    phi(u) = min(rate_max_Hz, gain_Hz * max(0, u))
//   rate_sigmoid: phi(u) = rate_max_Hz / (1 + exp(-gain * u))
// r relaxes exactly for an input held over the step (tau = 0: r = phi(u) at once). Output:
// with `poisson` = 1 a spike with probability r dt per step (Philox, keyed like a Poisson
// population); with 0 a regular train: a phase gains r dt per step and a spike takes 1 from
// it, so the count over any window is the rate's integral to within one spike. At most one
// spike per step (r dt above 1 saturates). Weights are dimensionless input units; excitatory
// and inhibitory projections both add to h (inhibition is a negative weight). As for lif_exp,
// input arriving at step t enters h at the end of the step.
#pragma once
#include <cmath>
#include <cstdint>

#include "det_math.hpp"
#include "hd.hpp"
#include "model_fields.hpp"
#include "random.hpp"

namespace axon {

struct ReluTransfer {
    static constexpr const char* name = "rate_relu";
    static constexpr const char* summary = "leaky rate unit, rectified-linear transfer, spikes at its rate";
    static constexpr ParamField gain = {"gain_Hz", 100.0, 0.0, kInf, false, true, "rate per unit of input above 0"};
    AXON_HD static float phi(float u, float gain, float rate_max) {
        const float r = u > 0.0f ? gain * u : 0.0f;
        return r < rate_max ? r : rate_max;
    }
};

struct SigmoidTransfer {
    static constexpr const char* name = "rate_sigmoid";
    static constexpr const char* summary = "leaky rate unit, sigmoid transfer, spikes at its rate";
    static constexpr ParamField gain = {"gain", 1.0, 0.0, kInf, false, true, "slope of the sigmoid per unit of input"};
    AXON_HD static float phi(float u, float gain, float rate_max) { return rate_max / (1.0f + det_exp(-gain * u)); }
};

template <class Transfer>
struct rate_model {
    static constexpr const char* name = Transfer::name;
    static constexpr const char* summary = Transfer::summary;
    static constexpr const char* weight_unit = "1 (input units)";
    static constexpr uint32_t receptors = 1;
    enum : uint32_t { tau, tau_syn, bias, gain, rate_max, poisson, count };
    static constexpr ParamField params[count] = {
        non_negative("tau_ms", 10.0, "relaxation time constant of the rate (0: r follows phi(u) at once)"),
        positive("tau_syn_ms", 5.0, "decay time constant of the synaptic input h"),
        any_value("bias", 0.0, "added to the input u"),
        Transfer::gain,
        ParamField{"rate_max_Hz", 100.0, 0.0, kInf, false, true, "highest rate (at most one spike per step is emitted)"},
        ParamField{"poisson", 1.0, 0.0, 1.0, false, false, "output: 1 Poisson spikes, 0 a regular train (rounded)"},
    };
    template <class Fail>
    static void check(const double*, double, Fail&&) {}
    enum : uint32_t { rate, h, phase, state_count };
    static constexpr StateField state[state_count] = {
        {"rate", "Hz", "the rate r"},
        {"h", "1", "synaptic input"},
        {"phase", "1", "regular output: spikes owed, in [0, 1)"},
    };
    struct Constants {
        float decay, syn_decay, bias, gain, rate_max, per_step;  ///< per_step = dt in s
        uint32_t poisson;
    };
    static Constants constants(const double* p, double dt_ms) {
        Constants k{};
        k.decay = p[tau] > 0 ? static_cast<float>(std::exp(-dt_ms / p[tau])) : 0.0f;
        k.syn_decay = static_cast<float>(std::exp(-dt_ms / p[tau_syn]));
        k.bias = static_cast<float>(p[bias]);
        k.gain = static_cast<float>(p[gain]);
        k.rate_max = static_cast<float>(p[rate_max]);
        k.per_step = static_cast<float>(dt_ms * 1e-3);
        k.poisson = std::llround(p[poisson]) != 0;
        return k;
    }
    static float initial(uint32_t, const Constants&) { return 0.0f; }

    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext& ctx) {
        const float u = s[h][i] + k.bias + i_ext;
        const float target = Transfer::phi(u, k.gain, k.rate_max);
        const float r = target + (s[rate][i] - target) * k.decay;
        const float p = r * k.per_step;
        bool spike;
        if (k.poisson) {
            spike = grid_uniform(ctx.seed, ctx.stream, ctx.step, ctx.first + i) < p;
        } else {
            const float owed = s[phase][i] + p;
            spike = owed >= 1.0f;
            const float left = spike ? owed - 1.0f : owed;
            s[phase][i] = left < 1.0f ? left : 0.999999940f;  // the largest float below 1: at most a spike a step
        }
        s[rate][i] = r;
        s[h][i] = s[h][i] * k.syn_decay + in[0];
        return spike;
    }
};

using rate_relu_model = rate_model<ReluTransfer>;
using rate_sigmoid_model = rate_model<SigmoidTransfer>;

}  // namespace axon
