#include "model_params.hpp"

#include "model_registry.hpp"

#include <cmath>

namespace axon::detail {

LifStepParams lif_step_params(const LifParams& p, NeuronModel model, double dt_ms) {
    PopulationSpec spec;
    spec.model = model;
    spec.params = p;
    const std::vector<double> values = resolve_params(spec);
    return lif_step_constants(values.data(), model == NeuronModel::lif_exp, dt_ms);
}

PoissonCountParams poisson_count_params(double rate_Hz, double dt_ms) {
    const double lambda = rate_Hz * dt_ms * 1e-3;
    PoissonCountParams c{};
    c.max_count = poisson_max_count(lambda);
    PoissonCdf cdf(lambda, std::exp(-lambda));
    for (uint32_t k = 0; k < c.max_count; ++k) c.cdf[k] = cdf.next();
    for (uint32_t k = c.max_count; k < kPoissonTableSize; ++k) c.cdf[k] = 2.0f;
    while (c.table_length < c.max_count && c.cdf[c.table_length] < 1.0f) ++c.table_length;
    return c;
}

PoissonNeuronRate poisson_neuron_rate(double rate_Hz, double dt_ms) {
    const double lambda = rate_Hz * dt_ms * 1e-3;
    return PoissonNeuronRate{lambda, std::exp(-lambda)};
}

std::vector<PoissonNeuronRate> poisson_neuron_rates(const std::vector<double>& rates_Hz, double dt_ms) {
    std::vector<PoissonNeuronRate> rates(rates_Hz.size());
    for (std::size_t i = 0; i < rates.size(); ++i) rates[i] = poisson_neuron_rate(rates_Hz[i], dt_ms);
    return rates;
}

PlasticityStepParams plasticity_step_params(const Network& net, const ProjectionSpec& projection) {
    const Plasticity& pl = projection.plasticity;
    const double dt_ms = net.dt_ms();
    PlasticityStepParams s{};
    auto decay = [&](double tau_ms) { return static_cast<float>(std::exp(-dt_ms / tau_ms)); };
    double w_min = 0, w_max = 1;
    if (pl.kind == Plasticity::Kind::perceptron) {
        const PerceptronParams& q = pl.perceptron;
        s.rule = PlasticRule::perceptron;
        s.decay_pre = 1.0f;  // x_pre counts; trace_factor resets it at each window
        s.decay_post = 1.0f;
        s.eta = static_cast<float>(q.eta);
        s.every = static_cast<uint32_t>(std::llround(net.population(projection.post).param("update_every_steps")));
        w_min = q.w_min;
        w_max = q.w_max;
    } else if (pl.kind == Plasticity::Kind::hebbian) {
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


}  // namespace axon::detail
