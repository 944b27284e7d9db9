#include "golden/network_digest.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "golden/digest.hpp"

namespace axon::test {

std::string NetworkDigest::counts() const {
    std::string by_population;
    for (const auto& [name, count] : spikes_by_population)
        by_population += (by_population.empty() ? "" : ", ") + name + " " + std::to_string(count);
    return std::to_string(spikes) + " spikes (" + by_population + "), " + std::to_string(synapses) + " synapses, " +
           std::to_string(synaptic_events) + " synaptic events, " + std::to_string(input_events) + " input events";
}

NetworkDigest digest_of(const Simulator& sim, Communicator* comm) {
    const Network& net = sim.network();
    Digest spikes, state, connectivity, weights, counters;
    NetworkDigest out;
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        const PopulationId id{p};
        const SpikeTrain& train = sim.spikes(id);
        spikes.add(train.steps);
        spikes.add(train.neurons);
        out.spikes += train.size();
        out.spikes_by_population.emplace_back(net.populations()[p].name, train.size());
        const ModelInfo& info = model_info(net.populations()[p].model);
        if (info.state.empty()) continue;
        // The five LIF names first, zeros where the model lacks one (what the reader gave before
        // models declared their own state), so the digests pinned then still hold; then any
        // other variable of the model.
        const char* lif_names[] = {"v", "theta", "i_exc", "i_inh", "refractory"};
        for (const char* name : lif_names)
            state.add(info.state_index(name) ? sim.state(id, name)
                                             : std::vector<float>(net.populations()[p].size, 0.0f));
        for (const StateInfo& var : info.state)
            if (std::find(std::begin(lif_names), std::end(lif_names), var.name) == std::end(lif_names))
                state.add(sim.state(id, var.name));
    }
    for (uint32_t k = 0; k < net.projections().size(); ++k) {
        const Connections c = sim.connections(ProjectionId{k});
        connectivity.add(c.row_start);
        connectivity.add(c.post);
        connectivity.add(c.delay_steps);
        weights.add(c.weight);
        out.synapses += c.post.size();
    }
    RunStats stats = sim.stats();
    if (comm) {
        uint64_t events[] = {stats.synaptic_events, stats.input_events};
        comm->all_reduce(events, 2, Communicator::Reduction::sum);
        stats.synaptic_events = events[0];
        stats.input_events = events[1];
    }
    counters.add(stats.steps);
    counters.add(stats.synaptic_events);
    counters.add(stats.input_events);
    out.synaptic_events = stats.synaptic_events;
    out.input_events = stats.input_events;
    out.parts = {spikes.value(), state.value(), connectivity.value(), weights.value(), counters.value()};
    return out;
}

std::string to_hex(uint64_t digest) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(digest));
    return text;
}

}  // namespace axon::test
