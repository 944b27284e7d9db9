/// @file plasticity.hpp
/// Synaptic plasticity rules of a projection (equations and conventions: docs/models.md).
///
/// Delay convention: axonal. A presynaptic spike emitted at t_pre reaches its synapses at
/// t_pre + d (d the projection's delay, which must be the same for all its synapses); a
/// postsynaptic spike is seen at the synapse when it is emitted. Spike pairs are therefore
/// timed at the synapse: dt = t_post - (t_pre + d). Within a step, presynaptic arrivals are
/// processed before postsynaptic spikes, so dt = 0 potentiates.
#pragma once
#include "axon/export.hpp"

namespace axon AXON_API {

/// Pair-based STDP with exponential traces (Song, Miller & Abbott 2000; Morrison et al. 2008).
/// At a presynaptic arrival w += A_minus f_-(w) y_post; at a postsynaptic spike
/// w += A_plus f_+(w) x_pre; then w is clipped to [w_min, w_max]. Additive: f = 1;
/// multiplicative (soft bounds): f_+ = (w_max - w) / (w_max - w_min),
/// f_- = (w - w_min) / (w_max - w_min). Details: docs/models.md.
struct StdpParams {
    double tau_plus_ms = 20.0;   ///< presynaptic trace time constant (> 0)
    double tau_minus_ms = 20.0;  ///< postsynaptic trace time constant (> 0)
    double a_plus = 0.01;        ///< potentiation amplitude (weight units, >= 0)
    double a_minus = -0.0105;    ///< depression amplitude (weight units, <= 0)
    double w_min = 0.0;          ///< hard lower bound
    double w_max = 1.0;          ///< hard upper bound (> w_min)
    bool multiplicative = false; ///< soft bounds: changes scale with the distance to the bound
    bool nearest = false;        ///< nearest-neighbour pairing: traces reset to 1 instead of adding 1
};

/// Hebb's rule in trace form: at each presynaptic arrival and each postsynaptic spike,
/// w += eta x_pre y_post - lambda w, then clipped to [w_min, w_max]. x and y are the spike
/// trains low-pass filtered with tau_pre and tau_post (each spike adds 1).
struct HebbianParams {
    double tau_pre_ms = 20.0;   ///< (> 0)
    double tau_post_ms = 20.0;  ///< (> 0)
    double eta = 0.01;          ///< learning rate (>= 0)
    double lambda = 0.0;        ///< weight decay per update (>= 0)
    double w_min = 0.0;
    double w_max = 1.0;
};

/// Rosenblatt's perceptron rule on a projection into binary units (the seed text's
/// exercise 2): at each update of the postsynaptic unit j,
///   w_ij += eta (target_j - y_j) x_i,   then clipped to [w_min, w_max],
/// where y_j is the unit's new output, target_j the teacher's input summed over the update
/// window (projections onto Receptor::target), and x_i the number of presynaptic spikes
/// that arrived in the window (those that made the sum). Inputs and teacher should reach the
/// unit with the same delay, so that each update sees one pattern and its label.
struct PerceptronParams {
    double eta = 0.1;  ///< learning rate (>= 0)
    double w_min = -1e6;
    double w_max = 1e6;
};

/// The plasticity of a projection.
struct Plasticity {
    enum class Kind { none, stdp, hebbian, perceptron };
    Kind kind = Kind::none;
    StdpParams stdp;
    HebbianParams hebbian;
    PerceptronParams perceptron;

    static Plasticity none() { return Plasticity{}; }
    static Plasticity with(const StdpParams& p) {
        Plasticity out;
        out.kind = Kind::stdp;
        out.stdp = p;
        return out;
    }
    static Plasticity with(const HebbianParams& p) {
        Plasticity out;
        out.kind = Kind::hebbian;
        out.hebbian = p;
        return out;
    }
    static Plasticity with(const PerceptronParams& p) {
        Plasticity out;
        out.kind = Kind::perceptron;
        out.perceptron = p;
        return out;
    }
    bool plastic() const { return kind != Kind::none; }
};

}  // namespace axon
