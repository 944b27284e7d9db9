#include "connectivity_setup.hpp"

#include <algorithm>
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
    return build_synapse_shard(net, id, Shard{}, threads).synapses;
}

namespace {

/// Where each row's synapses of this rank sit in the whole matrix: after the whole rows before
/// it and the lower ranks' parts of the row.
std::vector<uint64_t> global_row_firsts(const cpu::SynapseMatrix& m, const Shard& shard, uint64_t& total) {
    const std::size_t rows = m.row_start.size() - 1;
    std::vector<uint64_t> below(rows), whole(rows);
    for (std::size_t i = 0; i < rows; ++i) below[i] = whole[i] = m.row_start[i + 1] - m.row_start[i];
    if (shard.distributed()) {
        shard.comm().exclusive_scan_sum(below.data(), rows);
        shard.comm().all_reduce(whole.data(), rows, Communicator::Reduction::sum);
    } else {
        std::fill(below.begin(), below.end(), 0);
    }
    total = 0;
    for (std::size_t i = 0; i < rows; ++i) {
        below[i] += total;
        total += whole[i];
    }
    return below;
}

}  // namespace

SynapseShard build_synapse_shard(const Network& net, ProjectionId id, const Shard& shard, int threads) {
    const ProjectionSpec& spec = net.projections().at(id.index);
    const ExplicitSynapses* given = spec.rule.synapses.get();
    const uint32_t n_post = net.population(spec.post).size;
    const NeuronRange own = shard.block(n_post);
    const cpu::PostRange posts{own.first, own.count};
    SynapseShard out;
    cpu::SynapseMatrix& m = out.synapses;
    if (is_drawn(spec)) {
        m = cpu::build_structure(connectivity_params(net, id), posts, threads);
    } else if (given && !shard.distributed()) {
        m.row_start = given->row_start;
        m.post.assign(given->post.begin(), given->post.end());
    } else if (given) {
        m = cpu::restrict_to_posts(given->row_start, given->post, posts);
    } else {  // fixed_probability with p <= 0: empty rows
        m.row_start.assign(static_cast<std::size_t>(net.population(spec.pre).size) + 1, 0);
    }
    out.global_first = global_row_firsts(m, shard, out.global_synapses);
    const std::vector<uint64_t>& global_first = out.global_first;
    // The whole matrix's index of each synapse here (given arrays are indexed by it).
    const auto global_index = [&](auto&& fn) {
        for (std::size_t i = 0; i + 1 < m.row_start.size(); ++i)
            for (uint64_t s = m.row_start[i]; s < m.row_start[i + 1]; ++s) fn(s, global_first[i] + (s - m.row_start[i]));
    };

    const uint64_t n = m.size();
    const uint64_t seed = net.seed();
    const auto dt = static_cast<float>(net.dt_ms());
    const Distribution delay = *spec.delay_ms;
    const uint32_t weight_stream = rng_stream(RngPurpose::weight, id.index);
    const uint32_t delay_stream = rng_stream(RngPurpose::delay, id.index);
    if (given && !given->weight.empty()) {
        m.weight.resize(n);
        global_index([&](uint64_t s, uint64_t g) { m.weight[s] = given->weight[g]; });
    } else if (spec.weight.is_constant()) {
        m.weight_const = static_cast<float>(spec.weight.value);
    } else {
        m.weight.resize(n);
        if (shard.distributed())
            cpu::draw_weights_in_rows(draw_params(spec.weight), seed, weight_stream, m.row_start, global_first,
                                      m.weight.data(), threads);
        else
            cpu::draw_weights(draw_params(spec.weight), seed, weight_stream, n, m.weight.data(), threads);
    }
    if (given && !given->delay_ms.empty()) {
        m.delay.resize(n);
        global_index([&](uint64_t s, uint64_t g) { m.delay[s] = delay_steps_from_ms(given->delay_ms[g], dt); });
        m.delay_const = 1;
    } else if (delay.is_constant()) {
        m.delay_const = delay_steps_from_ms(static_cast<float>(delay.value), dt);
    } else {
        m.delay.resize(n);
        if (shard.distributed())
            cpu::draw_delays_in_rows(draw_params(delay), seed, delay_stream, dt, m.row_start, global_first,
                                     m.delay.data(), threads);
        else
            cpu::draw_delays(draw_params(delay), seed, delay_stream, dt, n, m.delay.data(), threads);
        m.delay_const = 1;
    }
    return out;
}

}  // namespace axon::detail
