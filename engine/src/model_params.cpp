#include "model_params.hpp"

#include <cmath>

namespace axon::detail {
namespace {

/// Voltage response at the end of a step to a unit current of an exponential synapse at its
/// start (NEST's propagator_32), with the tau_syn == tau_m limit handled.
double exp_synapse_propagator(double tau_syn, double tau_m, double c_m, double h) {
    const double inv_diff = 1.0 / tau_syn - 1.0 / tau_m;
    if (std::abs(inv_diff) * h < 1e-12) return h / c_m * std::exp(-h / tau_m);
    return std::exp(-h / tau_m) * -std::expm1(-h * inv_diff) / (c_m * inv_diff);
}

}  // namespace

LifStepParams lif_step_params(const LifParams& p, NeuronModel model, double dt_ms) {
    LifStepParams s{};
    const double h = dt_ms;
    s.p_vv = static_cast<float>(std::exp(-h / p.tau_m_ms));
    s.p_v_iext = static_cast<float>(-p.tau_m_ms / p.c_m_pF * std::expm1(-h / p.tau_m_ms));
    if (model == NeuronModel::lif_exp) {
        s.p_v_iexc = static_cast<float>(exp_synapse_propagator(p.tau_syn_exc_ms, p.tau_m_ms, p.c_m_pF, h));
        s.p_v_iinh = static_cast<float>(exp_synapse_propagator(p.tau_syn_inh_ms, p.tau_m_ms, p.c_m_pF, h));
        s.p_exc = static_cast<float>(std::exp(-h / p.tau_syn_exc_ms));
        s.p_inh = static_cast<float>(std::exp(-h / p.tau_syn_inh_ms));
    }
    s.e_l = static_cast<float>(p.e_l_mV);
    s.v_reset = static_cast<float>(p.v_reset_mV);
    s.v_min = static_cast<float>(p.v_min_mV);
    s.theta_0 = static_cast<float>(p.v_th_mV);
    const bool adaptive = p.delta_theta_mV > 0;
    s.p_theta = adaptive ? static_cast<float>(std::exp(-h / p.tau_theta_ms)) : 0.0f;
    s.delta_theta = static_cast<float>(p.delta_theta_mV);
    s.refractory_steps = static_cast<int32_t>(std::llround(p.t_ref_ms / h));
    return s;
}

PoissonCountParams poisson_count_params(double rate_Hz, double dt_ms) {
    const double lambda = rate_Hz * dt_ms * 1e-3;
    PoissonCountParams c{};
    c.max_count = static_cast<uint32_t>(lambda + 12.0 * std::sqrt(lambda) + 12.0);
    if (c.max_count >= kPoissonTableSize) c.max_count = kPoissonTableSize - 1;  // lambda <= 50 never gets here
    double term = std::exp(-lambda), cdf = 0.0;
    for (uint32_t k = 0; k < c.max_count; ++k) {
        cdf += term;
        c.cdf[k] = static_cast<float>(cdf);
        term *= lambda / (k + 1);
    }
    for (uint32_t k = c.max_count; k < kPoissonTableSize; ++k) c.cdf[k] = 2.0f;
    while (c.table_length < c.max_count && c.cdf[c.table_length] < 1.0f) ++c.table_length;
    return c;
}

PlasticityStepParams plasticity_step_params(const Plasticity& pl, double dt_ms) {
    PlasticityStepParams s{};
    auto decay = [&](double tau_ms) { return static_cast<float>(std::exp(-dt_ms / tau_ms)); };
    double w_min = 0, w_max = 1;
    if (pl.kind == Plasticity::Kind::hebbian) {
        const HebbianParams& h = pl.hebbian;
        s.rule = PlasticRule::hebbian;
        s.decay_pre = decay(h.tau_pre_ms);
        s.decay_post = decay(h.tau_post_ms);
        s.eta = static_cast<float>(h.eta);
        s.lambda = static_cast<float>(h.lambda);
        w_min = h.w_min;
        w_max = h.w_max;
    } else {
        const StdpParams& p = pl.stdp;
        s.rule = PlasticRule::stdp;
        s.nearest = p.nearest ? 1 : 0;
        s.multiplicative = p.multiplicative ? 1 : 0;
        s.decay_pre = decay(p.tau_plus_ms);
        s.decay_post = decay(p.tau_minus_ms);
        s.a_plus = static_cast<float>(p.a_plus);
        s.a_minus = static_cast<float>(p.a_minus);
        w_min = p.w_min;
        w_max = p.w_max;
    }
    s.w_min = static_cast<float>(w_min);
    s.w_max = static_cast<float>(w_max);
    s.inv_range = static_cast<float>(1.0 / (w_max - w_min));
    return s;
}

float poisson_spike_probability(double rate_Hz, double dt_ms) { return static_cast<float>(rate_Hz * dt_ms * 1e-3); }

}  // namespace axon::detail
