#include "device_plan.hpp"

#include <algorithm>

#include "connectivity_setup.hpp"

namespace axon::detail {

uint64_t drain_interval(const Network& net) {
    uint64_t recorded = 0;
    for (uint32_t p = 0; p < net.populations().size(); ++p)
        if (net.recorded()[p]) recorded += net.populations()[p].size;
    const uint64_t steps = std::clamp<uint64_t>(recorded ? kDeviceRecordCapacity / recorded : kMaxDrainSteps, 1, kMaxDrainSteps);
    return steps >= kGraphSteps ? steps - steps % kGraphSteps : steps;
}

std::vector<uint32_t> plastic_source_slots(const Network& net) {
    std::vector<uint32_t> slots(net.populations().size(), 0);
    for (const ProjectionSpec& p : net.projections())
        if (p.plasticity.plastic())
            slots[p.pre.index] = std::max(slots[p.pre.index], net.delay_steps(p.delay_ms->value) + 1);
    return slots;
}

bool builds_on_device(const Network& net, const ProjectionSpec& spec) {
    const ConnectRule& r = spec.rule;
    if (!is_drawn(spec)) return false;  // given on the host (uploaded), or no synapses
    if (r.kind == ConnectRule::Kind::fixed_total_number && !r.multapses) {
        // Each device round gives a repeated pair one more attempt, so the rounds grow like the
        // longest redraw; above half of all pairs the host's sequential redraw is faster.
        const uint64_t n_pre = net.population(spec.pre).size, n_post = net.population(spec.post).size;
        const uint64_t pairs = n_pre * n_post - (spec.pre == spec.post && !r.autapses ? n_pre : 0);
        if (r.n > pairs / 2) return false;
    }
    return expected_synapses(net, spec) < (uint64_t{1} << 31);
}

namespace {

// Device memory a projection's construction holds for a moment: sorting (pre, post) pairs,
// about 24 B a synapse (40 B for distinct pairs, in rounds); a transpose, 28 B; without
// multapses, in/outdegree lines keep bitmaps (at most 64 MiB, at least one line's).
uint64_t device_construction_bytes(const Network& net, const ProjectionSpec& p, int ranks) {
    using Kind = ConnectRule::Kind;
    const uint64_t synapses = expected_synapses(net, p);
    if (ranks > 1)  // a rank's synapses come built from the host; a plastic one's transpose, about its share
        return p.plasticity.plastic() ? 28 * ((synapses + ranks - 1) / static_cast<uint64_t>(ranks)) : 0;
    uint64_t bytes = 0;
    if (builds_on_device(net, p)) {
        bytes = 40 * synapses;
        if (!p.rule.multapses && (p.rule.kind == Kind::fixed_indegree || p.rule.kind == Kind::fixed_outdegree)) {
            const uint64_t line = std::max(net.population(p.pre).size, net.population(p.post).size);
            bytes += std::max<uint64_t>(uint64_t{64} << 20, (line + 31) / 32 * 4);
        }
    }
    if (p.plasticity.plastic()) bytes = std::max(bytes, 28 * synapses);
    return bytes;
}

}  // namespace

void add_device_parts(const Network& net, int ranks, std::vector<MemoryPart>& parts) {
    const uint64_t drain = drain_interval(net);
    uint64_t neurons = 0, recording = 0;
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        const uint64_t n = net.populations()[p].size;
        neurons += n;
        if (net.recorded()[p]) recording += 4 * (n + 1) * drain;  // ids and per-step counts
    }
    uint64_t samples = 0;
    for (const SamplerSpec& s : net.samplers()) samples += 4 * (drain / s.every_steps + 1) * s.vars.size() * s.neurons.size();
    uint64_t history = 0;
    const std::vector<uint32_t> slots = plastic_source_slots(net);
    for (uint32_t p = 0; p < slots.size(); ++p) history += 4ull * slots[p] * (net.populations()[p].size + 1);
    uint64_t construction = 0;
    for (const ProjectionSpec& p : net.projections()) construction = std::max(construction, device_construction_bytes(net, p, ranks));

    parts.push_back({"device spike recording (" + std::to_string(drain) + " steps between drains)", recording});
    if (samples) parts.push_back({"device samples between drains", samples});
    parts.push_back({"step spike flags and list", 9 * neurons});
    if (history) parts.push_back({"plastic spike history", history});
    if (construction) parts.push_back({"device construction (transient)", construction});
    // The interval's own spike lists, staged, and its whole lists (their buffer grows by doubling).
    if (ranks > 1) parts.push_back({"spike exchange buffers", 3 * std::max(kExchangeBufferBytes, 4 * neurons)});
    parts.push_back({"CUDA library scratch", uint64_t{32} << 20});
}

}  // namespace axon::detail
