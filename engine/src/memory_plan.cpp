#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "axon/errors.hpp"
#include "axon/memory.hpp"
#include "backends/descriptor.hpp"
#include "distributed/shard.hpp"
#include "recording_size.hpp"

namespace axon {

uint64_t MemoryPlan::total_bytes() const {
    uint64_t total = 0;  // saturating: parts near 2^64 must not wrap into a small total
    for (const auto& part : parts) total = part.bytes > UINT64_MAX - total ? UINT64_MAX : total + part.bytes;
    return total;
}

uint64_t expected_synapses(const Network& net, const ProjectionSpec& proj) {
    const uint64_t n_pre = net.population(proj.pre).size;
    const uint64_t n_post = net.population(proj.post).size;
    const bool no_autapses = proj.pre == proj.post && !proj.rule.autapses;
    using Kind = ConnectRule::Kind;
    switch (proj.rule.kind) {
    case Kind::all_to_all: return n_pre * n_post - (no_autapses ? n_pre : 0);
    case Kind::one_to_one: return no_autapses ? 0 : n_pre;
    case Kind::fixed_probability:
        return static_cast<uint64_t>(std::llround(proj.rule.p * static_cast<double>(n_pre * n_post - (no_autapses ? n_pre : 0))));
    case Kind::fixed_indegree: return proj.rule.n * n_post;
    case Kind::fixed_outdegree: return proj.rule.n * n_pre;
    case Kind::fixed_total_number: return proj.rule.n;
    case Kind::from_arrays: return proj.rule.synapses->post.size();
    }
    return 0;
}

MemoryPlan estimate_memory(const Network& net, std::string_view backend, int ranks) {
    const detail::BackendDescriptor& backend_descriptor = detail::backend_descriptor(backend);
    if (ranks < 1) throw ConfigError("estimate_memory: ranks is " + std::to_string(ranks) + "; allowed: [1, inf)");
    MemoryPlan plan;
    plan.backend = std::string(backend_descriptor.name);
    plan.ranks = ranks;
    // The largest block of a population of n neurons, and that rank's share of what is split by
    // (postsynaptic) neuron: its state, rings and the synapses onto it.
    const auto largest_block = [&](uint32_t n) {
        uint32_t most = 0;
        for (int r = 0; r < ranks; ++r) most = std::max(most, detail::owned_block(n, r, ranks).count);
        return most;
    };
    const auto share = [&](uint64_t bytes, uint32_t n) -> uint64_t {
        if (ranks == 1 || n == 0) return bytes;
        return static_cast<uint64_t>(std::ceil(static_cast<double>(bytes) * largest_block(n) / n));
    };
    // Neuron state and rings: split like the synapses, or whole on every rank (cuda).
    const auto state_share = [&](uint64_t bytes, uint32_t n) {
        return backend_descriptor.splits_neuron_state ? share(bytes, n) : bytes;
    };
    plan.neurons = net.neuron_count();
    const auto& pops = net.populations();
    std::vector<uint64_t> max_delay(pops.size(), 1);
    for (const auto& proj : net.projections()) {
        const uint64_t n = expected_synapses(net, proj);
        plan.expected_synapses += n;
        const uint32_t n_post = net.population(proj.post).size;
        const uint64_t longest_delay = net.delay_steps(proj.delay_ms->planning_highest());
        const uint64_t per_synapse = static_cast<uint64_t>(backend_descriptor.synapse_bytes(
            largest_block(n_post), !proj.weight.is_constant(), !proj.delay_ms->is_constant(), longest_delay));
        // Row offsets: every rank has every row (and, distributed, where its part of each row sits).
        const uint64_t rows = (ranks > 1 ? 16 : 8) * (static_cast<uint64_t>(net.population(proj.pre).size) + 1);
        plan.parts.push_back({"projection '" + proj.name + "' synapses", share(n * per_synapse, net.population(proj.post).size) + rows});
        if (proj.plasticity.plastic()) {
            // Per synapse: the weight (when it was constant), transposed index and its pre (4 + the
            // backend's pre bytes); per neuron: the traces; per post neuron: column offsets.
            const uint64_t n_pre = net.population(proj.pre).size, n_post = net.population(proj.post).size;
            const uint64_t pre_bytes = static_cast<uint64_t>(backend_descriptor.column_pre_bytes(std::max<uint64_t>(n_pre, 1)));
            const uint64_t synapses = n * ((proj.weight.is_constant() ? 4 : 0) + 4 + pre_bytes);
            const uint64_t posts = 4 * n_post + 8 * (n_post + 1);
            const auto post_size = static_cast<uint32_t>(n_post);
            const uint64_t bytes = (backend_descriptor.splits_neuron_state ? share(synapses + posts, post_size)
                                                                           : share(synapses, post_size) + posts) +
                                   4 * n_pre;
            plan.parts.push_back({"projection '" + proj.name + "' plasticity", bytes});
        }
        max_delay[proj.post.index] = std::max<uint64_t>(max_delay[proj.post.index], longest_delay);
    }
    for (const auto& in : net.poisson_inputs())
        max_delay[in.target.index] = std::max<uint64_t>(max_delay[in.target.index], net.delay_steps(*in.delay_ms));
    for (std::size_t p = 0; p < pops.size(); ++p) {
        const PopulationSpec& pop = pops[p];
        const ModelInfo& info = model_info(pop.model);
        if (pop.replay)  // offsets per neuron and a step per spike, 8 B each
            plan.parts.push_back({"population '" + pop.name + "' replayed spikes",
                                  8 * (pop.replay->start.size() + pop.replay->step.size())});
        if (info.state.empty()) {
            plan.parts.push_back({"population '" + pop.name + "' spike list", state_share(4ull * pop.size, pop.size)});
            continue;
        }
        // The model's state variables, i_ext and the spike list: a float or id each per neuron.
        const uint64_t per_neuron = 4 * (info.state.size() + 2);
        plan.parts.push_back({"population '" + pop.name + "' state", state_share(per_neuron * pop.size, pop.size)});
        const uint64_t receptors = std::max<uint32_t>(info.receptors, 1);
        plan.parts.push_back({"population '" + pop.name + "' input ring buffer",
                              state_share((max_delay[p] + 1) * receptors * pop.size * sizeof(int64_t), pop.size)});
    }
    // What only this backend holds (the CPU: construction on the host; cuda: device buffers).
    backend_descriptor.add_memory_parts(net, plan);
    return plan;
}

uint64_t available_host_memory() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    uint64_t kb = 0;
    std::string unit;
    while (meminfo >> key >> kb >> unit)
        if (key == "MemAvailable:") return kb * 1024;
    return UINT64_MAX;  // unknown: do not refuse
}

std::string format_bytes(uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int u = 0;
    while (value >= 1024.0 && u < 4) {
        value /= 1024.0;
        ++u;
    }
    char text[32];
    std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.1f %s", value, units[u]);
    return text;
}

MemoryPlan estimate_recording(const Network& net, Step steps) {
    MemoryPlan plan;
    plan.backend = "host";
    plan.neurons = net.neuron_count();
    auto saturated = [](double bytes) { return bytes >= 1.8e19 ? UINT64_MAX : static_cast<uint64_t>(bytes); };
    for (std::size_t k = 0; k < net.samplers().size(); ++k) {
        const SamplerSpec& s = net.samplers()[k];
        plan.parts.push_back({"sampler " + std::to_string(k) + " ('" + net.population(s.population).name + "')",
                              saturated(detail::recordings_due(s.every_steps, 0, steps) * detail::sample_bytes(s))});
    }
    for (std::size_t k = 0; k < net.weight_recorders().size(); ++k) {
        const WeightRecorderSpec& w = net.weight_recorders()[k];
        const ProjectionSpec& proj = net.projections()[w.projection.index];
        plan.parts.push_back({"weight recorder " + std::to_string(k) + " ('" + proj.name + "')",
                              saturated(detail::recordings_due(w.every_steps, 0, steps) *
                                        detail::snapshot_bytes(expected_synapses(net, proj)))});
    }
    return plan;
}

}  // namespace axon
