#include "connectivity_setup.hpp"

#include <cmath>
#include <stdexcept>

#include "draw_params.hpp"

namespace axon::detail {

bool is_drawn(const ProjectionSpec& spec) {
    const ConnectRule& r = spec.rule;
    return r.kind != ConnectRule::Kind::from_arrays && !(r.kind == ConnectRule::Kind::fixed_probability && r.p <= 0.0);
}

ConnectivityParams connectivity_params(const Network& net, ProjectionId id) {
    using Kind = ConnectRule::Kind;
    using Rule = ConnectivityParams::Rule;
    const ProjectionSpec& spec = net.projections().at(id.index);
    if (!is_drawn(spec)) throw std::logic_error("a projection given as arrays or with p <= 0 is not drawn");
    ConnectivityParams r{};
    r.n_pre = net.population(spec.pre).size;
    r.n_post = net.population(spec.post).size;
    r.no_autapses = spec.pre == spec.post && !spec.rule.autapses;
    r.multapses = spec.rule.multapses;
    r.seed = net.seed();
    r.stream = rng_stream(RngPurpose::connectivity, id.index);
    r.k = spec.rule.n;
    switch (spec.rule.kind) {
    case Kind::all_to_all: r.rule = Rule::all_to_all; break;
    case Kind::one_to_one: r.rule = Rule::one_to_one; break;
    case Kind::fixed_probability:
        // p >= 1 is all_to_all; log(1 - p) in double, then float.
        r.rule = spec.rule.p >= 1.0 ? Rule::all_to_all : Rule::fixed_probability;
        r.log1m_p = static_cast<float>(std::log1p(-spec.rule.p));
        break;
    case Kind::fixed_outdegree: r.rule = Rule::fixed_outdegree; break;
    case Kind::fixed_indegree: r.rule = Rule::fixed_indegree; break;
    case Kind::fixed_total_number: r.rule = Rule::fixed_total_number; break;
    case Kind::from_arrays: break;  // not drawn (thrown above)
    }
    return r;
}

cpu::SynapseMatrix build_synapses(const Network& net, ProjectionId id, int threads) {
    const ProjectionSpec& spec = net.projections().at(id.index);
    const ExplicitSynapses* given = spec.rule.synapses.get();
    cpu::SynapseMatrix m;
    if (is_drawn(spec)) {
        m = cpu::build_structure(connectivity_params(net, id), threads);
    } else if (given) {
        m.row_start = given->row_start;
        m.post = given->post;
    } else {  // fixed_probability with p <= 0: empty rows
        m.row_start.assign(static_cast<std::size_t>(net.population(spec.pre).size) + 1, 0);
    }

    const uint64_t n = m.size();
    const uint64_t seed = net.seed();
    const auto dt = static_cast<float>(net.dt_ms());
    const Distribution delay = *spec.delay_ms;
    if (given && !given->weight.empty()) {
        m.weight = given->weight;
    } else if (spec.weight.is_constant()) {
        m.weight_const = static_cast<float>(spec.weight.value);
    } else {
        m.weight.resize(n);
        cpu::draw_weights(draw_params(spec.weight), seed, rng_stream(RngPurpose::weight, id.index), n, m.weight.data(),
                          threads);
    }
    if (given && !given->delay_ms.empty()) {
        m.delay.resize(n);
        for (uint64_t s = 0; s < n; ++s) m.delay[s] = delay_steps_from_ms(given->delay_ms[s], dt);
        m.delay_const = 1;
    } else if (delay.is_constant()) {
        m.delay_const = delay_steps_from_ms(static_cast<float>(delay.value), dt);
    } else {
        m.delay.resize(n);
        cpu::draw_delays(draw_params(delay), seed, rng_stream(RngPurpose::delay, id.index), dt, n, m.delay.data(),
                         threads);
        m.delay_const = 1;
    }
    return m;
}

}  // namespace axon::detail
