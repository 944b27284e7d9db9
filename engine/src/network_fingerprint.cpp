#include "network_fingerprint.hpp"

#include "axon/models.hpp"
#include "check.hpp"
#include "fnv1a.hpp"

namespace axon::detail {
namespace {

void add(Fnv1a& h, const Distribution& d) {
    h.add(d.kind);
    for (double x : {d.value, d.low, d.high, d.mean, d.sd, d.min, d.max}) h.add(x);
}

void add(Fnv1a& h, double value) { h.add(value); }

template <class T>
void add(Fnv1a& h, const std::optional<T>& value) {
    h.add(value.has_value());
    if (value) add(h, *value);
}

uint64_t population_hash(const PopulationSpec& pop) {
    Fnv1a h;
    h.add(pop.name);
    h.add(pop.size);
    h.add(pop.model);
    for (const ParamInfo& p : model_info(pop.model).params) h.add(pop.param(p.name));  // given or default
    add(h, pop.initial.v_mV);
    h.add(pop.initial.v_values_mV);
    for (const auto& [name, dist] : pop.initial.state) {
        h.add(name);
        add(h, dist);
    }
    h.add(pop.replay != nullptr);
    if (pop.replay) {
        h.add(pop.replay->start);
        h.add(pop.replay->step);
    }
    return h.value();
}

uint64_t projection_hash(const ProjectionSpec& spec) {
    Fnv1a h;
    h.add(spec.name);
    h.add(spec.pre.index);
    h.add(spec.post.index);
    const ConnectRule& r = spec.rule;
    h.add(r.kind);
    h.add(r.p);
    h.add(r.n);
    h.add(r.autapses);
    h.add(r.multapses);
    h.add(r.synapses != nullptr);
    if (r.synapses) {
        h.add(r.synapses->row_start);
        h.add(r.synapses->post);
        h.add(r.synapses->weight);
        h.add(r.synapses->delay_ms);
    }
    add(h, spec.weight);
    add(h, spec.delay_ms);
    h.add(spec.receptor);
    const Plasticity& pl = spec.plasticity;
    h.add(pl.kind);
    switch (pl.kind) {
    case Plasticity::Kind::none: break;
    case Plasticity::Kind::stdp:
        for (double x : {pl.stdp.tau_plus_ms, pl.stdp.tau_minus_ms, pl.stdp.a_plus, pl.stdp.a_minus, pl.stdp.w_min, pl.stdp.w_max})
            h.add(x);
        h.add(pl.stdp.multiplicative);
        h.add(pl.stdp.nearest);
        break;
    case Plasticity::Kind::hebbian:
        for (double x : {pl.hebbian.tau_pre_ms, pl.hebbian.tau_post_ms, pl.hebbian.eta, pl.hebbian.lambda,
                         pl.hebbian.w_min, pl.hebbian.w_max})
            h.add(x);
        break;
    case Plasticity::Kind::perceptron:
        for (double x : {pl.perceptron.eta, pl.perceptron.w_min, pl.perceptron.w_max}) h.add(x);
        break;
    }
    return h.value();
}

uint64_t input_hash(const PoissonInputSpec& in) {
    Fnv1a h;
    h.add(in.name);
    h.add(in.target.index);
    h.add(in.rate_Hz);
    h.add(in.weight);
    h.add(in.receptor);
    add(h, in.delay_ms);
    return h.value();
}

uint64_t current_steps_hash(const CurrentStepsSpec& s) {
    Fnv1a h;
    h.add(s.population.index);
    h.add(s.every_steps);
    h.add<uint64_t>(s.values.size());
    for (const std::vector<double>& row : s.values) h.add(row);
    h.add(s.repeat);
    return h.value();
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

}  // namespace

Fingerprint network_fingerprint(const Network& net) {
    Fingerprint parts;
    Fnv1a options;
    options.add(net.dt_ms());
    options.add(net.seed());
    parts.push_back({"time step " + format_number(net.dt_ms()) + " ms and seed " + std::to_string(net.seed()),
                     options.value()});
    const auto& pops = net.populations();
    for (const PopulationSpec& pop : pops)
        parts.push_back({"population " + quoted(pop.name) + " (" + to_string(pop.model) + ", " + std::to_string(pop.size) +
                             " neurons)",
                         population_hash(pop)});
    for (const ProjectionSpec& spec : net.projections())
        parts.push_back({"projection " + quoted(spec.name) + " (" + quoted(pops[spec.pre.index].name) + " to " +
                             quoted(pops[spec.post.index].name) + ", " + to_string(spec.rule.kind) +
                             (spec.plasticity.plastic() ? ", plastic)" : ")"),
                         projection_hash(spec)});
    for (const PoissonInputSpec& in : net.poisson_inputs())
        parts.push_back({"Poisson input " + quoted(in.name) + " (into " + quoted(pops[in.target.index].name) + ")",
                         input_hash(in)});
    for (std::size_t k = 0; k < net.current_steps().size(); ++k) {
        const CurrentStepsSpec& s = net.current_steps()[k];
        parts.push_back({"current steps #" + std::to_string(k) + " (into " + quoted(pops[s.population.index].name) + ")",
                         current_steps_hash(s)});
    }
    return parts;
}

std::string fingerprint_difference(const Fingerprint& saved, const Fingerprint& here) {
    for (std::size_t k = 0; k < saved.size() && k < here.size(); ++k) {
        const FingerprintPart &a = saved[k], &b = here[k];
        if (a.label == b.label && a.hash == b.hash) continue;
        if (a.label == b.label)
            return "its " + a.label + " differs from this network's in parameters, initial values, inputs or synapses";
        return "its " + a.label + " is this network's " + b.label;
    }
    if (saved.size() < here.size()) return "this network's " + here[saved.size()].label + " is not in it";
    if (here.size() < saved.size()) return "its " + saved[here.size()].label + " is not in this network";
    return {};
}

}  // namespace axon::detail
