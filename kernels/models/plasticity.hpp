// Synaptic plasticity, the per-synapse and per-trace math shared by the CPU and CUDA
// backends (conventions: engine/include/axon/plasticity.hpp, docs/models.md).
//  - Traces decay once per step by a host-computed factor and jump at spikes: +1 for
//    all-to-all pairing, reset to 1 for nearest-neighbour pairing.
//  - STDP, at a presynaptic arrival:  w += A_minus f_-(w) y_post   (A_minus <= 0)
//          at a postsynaptic spike:   w += A_plus  f_+(w) x_pre
//    additive: f = 1; multiplicative: f_+ = (w_max - w)/(w_max - w_min), f_- = (w - w_min)/(...);
//    then w is clipped to [w_min, w_max].
//  - Hebbian, at either event: w += eta x_pre y_post - lambda w, then clipped.
//  - Perceptron (into binary units): x_pre counts the arrivals of the post's update window
//    (it resets at the window's first step); at each update, every synapse onto a unit whose
//    output differs from its target: w += eta (target - y) x_pre, then clipped.
#pragma once
#include <cstdint>

#include "hd.hpp"

namespace axon {

enum class PlasticRule : uint32_t { stdp = 1, hebbian = 2, perceptron = 3 };

/// Per-projection constants of a plasticity rule (floats, precomputed on the host).
struct PlasticityStepParams {
    PlasticRule rule;
    uint32_t nearest;         ///< 1: traces reset to 1 at a spike; 0: they add 1
    uint32_t multiplicative;  ///< STDP soft bounds
    float decay_pre;          ///< exp(-dt / tau_pre)  (STDP: tau_plus)
    float decay_post;         ///< exp(-dt / tau_post) (STDP: tau_minus)
    float a_plus, a_minus;    ///< STDP amplitudes
    float eta, lambda;        ///< Hebbian (and perceptron) rate, Hebbian decay
    uint32_t every;           ///< perceptron: the postsynaptic units' update interval (steps)
    float w_min, w_max;
    float inv_range;  ///< 1 / (w_max - w_min)
};

/// The factor a trace is multiplied by at the start of step t: its decay, or for the
/// perceptron's x_pre (reset_every = the update interval) 0 at a window's first step, else 1.
AXON_HD float trace_factor(float decay, uint32_t reset_every, uint64_t t) {
    if (reset_every == 0) return decay;
    return t % reset_every == 1 % reset_every ? 0.0f : 1.0f;
}

/// The smallest normal float. A trace that decays below it becomes 0: on x86 CPUs every
/// operation on a subnormal float costs about a hundred times a normal one, so the traces of
/// neurons silent for long (2 s at tau 20 ms) would slow a learning network down several times
/// over a long run (CUBA+STDP: RTF 0.16 over 1 s, 0.38 over 20 s), while such a trace moves a
/// weight by less than 2^-126. Both backends flush it the same way, so they stay identical.
constexpr float kTraceFloor = 1.17549435e-38f;  // FLT_MIN, 2^-126

/// A trace after one step's decay by `factor` (trace_factor), traces being non-negative.
AXON_HD float decayed_trace(float x, float factor) {
    const float decayed = x * factor;
    return decayed >= kTraceFloor ? decayed : 0.0f;
}

/// The reset interval of a projection's presynaptic trace for trace_factor: the perceptron
/// counts its update windows' arrivals; the other rules never reset.
AXON_HD uint32_t pre_trace_reset(const PlasticityStepParams& p) {
    return p.rule == PlasticRule::perceptron ? p.every : 0;
}

/// Whether step t is an update of the perceptron rule's postsynaptic units.
AXON_HD bool is_update_step(const PlasticityStepParams& p, uint64_t t) {
    return p.rule == PlasticRule::perceptron && t % p.every == 0;
}

AXON_HD float trace_after_spike(const PlasticityStepParams& p, float trace) {
    return p.nearest ? 1.0f : trace + 1.0f;
}

/// w clipped to [w_min, w_max]: w < w_min ? w_min : (w > w_max ? w_max : w), written as a min
/// then a max (the same value for w_min <= w_max, which Network checks, NaN and signed zeros
/// included) in the operand order of x86's minss/maxss, so that the CPU loops select instead
/// of branching on a weight they are still waiting for.
AXON_HD float clip_weight(const PlasticityStepParams& p, float w) {
    const float below_max = p.w_max < w ? p.w_max : w;
    return p.w_min > below_max ? p.w_min : below_max;
}

/// A synapse's new weight when its presynaptic spike arrives (y_post: the postsynaptic trace
/// before this step's postsynaptic spikes; x_pre: the presynaptic trace including this arrival).
AXON_HD float weight_on_pre(const PlasticityStepParams& p, float w, float x_pre, float y_post) {
    if (p.rule == PlasticRule::perceptron) return w;  // it counts arrivals only
    if (p.rule == PlasticRule::hebbian) return clip_weight(p, w + p.eta * x_pre * y_post - p.lambda * w);
    const float f = p.multiplicative ? (w - p.w_min) * p.inv_range : 1.0f;
    return clip_weight(p, w + p.a_minus * f * y_post);
}

/// A synapse's new weight at a postsynaptic spike (x_pre: including this step's arrivals;
/// y_post: including this spike).
AXON_HD float weight_on_post(const PlasticityStepParams& p, float w, float x_pre, float y_post) {
    if (p.rule == PlasticRule::hebbian) return clip_weight(p, w + p.eta * x_pre * y_post - p.lambda * w);
    const float f = p.multiplicative ? (p.w_max - w) * p.inv_range : 1.0f;
    return clip_weight(p, w + p.a_plus * f * x_pre);
}

/// The perceptron's new weight at an update of its postsynaptic unit (error = target - y,
/// nonzero; x_pre: the window's arrivals).
AXON_HD float weight_on_error(const PlasticityStepParams& p, float w, float x_pre, float error) {
    return clip_weight(p, w + p.eta * error * x_pre);
}

}  // namespace axon
