// Everything a simulator answers after a run, read once, so that runs can be compared field by
// field: a distributed run (whose reads are collective) against a one-process run, or a rank's
// run in a thread against a reference made before the threads start.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "axon/axon.hpp"

namespace axon::test {

struct RunRecord {
    Step step = 0;
    std::vector<SpikeTrain> spikes;                       // per population
    std::vector<std::vector<std::vector<float>>> state;   // per population, per model state variable
    std::vector<Connections> connections;                 // per projection
    std::vector<uint64_t> synapse_counts;
    std::vector<SampleSeries> samples;
    std::vector<WeightSeries> weights;
    uint64_t synaptic_events = 0, input_events = 0;
};

/// What `sim` holds (every read is collective in a distributed run; `comm`, when given, sums the
/// event counts, which each rank counts for its own share).
inline RunRecord record_of(const Simulator& sim, Communicator* comm = nullptr) {
    const Network& net = sim.network();
    RunRecord r;
    r.step = sim.current_step();
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        r.spikes.push_back(sim.spikes(PopulationId{p}));
        std::vector<std::vector<float>>& vars = r.state.emplace_back();
        for (const StateInfo& info : model_info(net.populations()[p].model).state)
            vars.push_back(sim.state(PopulationId{p}, info.name));
    }
    for (uint32_t k = 0; k < net.projections().size(); ++k) {
        r.connections.push_back(sim.connections(ProjectionId{k}));
        r.synapse_counts.push_back(sim.synapse_count(ProjectionId{k}));
    }
    for (uint32_t s = 0; s < net.samplers().size(); ++s) r.samples.push_back(sim.samples(SamplerId{s}));
    for (uint32_t w = 0; w < net.weight_recorders().size(); ++w) r.weights.push_back(sim.weight_snapshots(w));
    uint64_t events[] = {sim.stats().synaptic_events, sim.stats().input_events};
    if (comm) comm->all_reduce(events, 2, Communicator::Reduction::sum);
    r.synaptic_events = events[0];
    r.input_events = events[1];
    return r;
}

/// Every field equal, bit for bit; `net` names the parts.
inline void expect_same_record(const Network& net, const RunRecord& expected, const RunRecord& actual) {
    ASSERT_EQ(expected.step, actual.step);
    uint64_t spikes = 0;
    for (uint32_t p = 0; p < expected.spikes.size(); ++p) {
        const std::string& name = net.populations()[p].name;
        EXPECT_EQ(expected.spikes[p].steps, actual.spikes[p].steps) << "spike steps of " << name;
        EXPECT_EQ(expected.spikes[p].neurons, actual.spikes[p].neurons) << "spiking neurons of " << name;
        spikes += expected.spikes[p].size();
        const auto& vars = model_info(net.populations()[p].model).state;
        for (std::size_t v = 0; v < expected.state[p].size(); ++v)
            EXPECT_EQ(expected.state[p][v], actual.state[p][v]) << name << " " << vars[v].name;
    }
    for (uint32_t k = 0; k < expected.connections.size(); ++k) {
        const Connections& a = expected.connections[k];
        const Connections& b = actual.connections[k];
        const std::string& name = net.projections()[k].name;
        EXPECT_EQ(a.row_start, b.row_start) << name;
        EXPECT_EQ(a.post, b.post) << name;
        EXPECT_EQ(a.weight, b.weight) << name;
        EXPECT_EQ(a.delay_steps, b.delay_steps) << name;
        EXPECT_EQ(expected.synapse_counts[k], actual.synapse_counts[k]) << name;
    }
    for (std::size_t s = 0; s < expected.samples.size(); ++s) {
        EXPECT_EQ(expected.samples[s].steps, actual.samples[s].steps) << "sampler " << s;
        EXPECT_EQ(expected.samples[s].values, actual.samples[s].values) << "sampler " << s;
    }
    for (std::size_t w = 0; w < expected.weights.size(); ++w) {
        EXPECT_EQ(expected.weights[w].steps, actual.weights[w].steps) << "weight recorder " << w;
        EXPECT_EQ(expected.weights[w].values, actual.weights[w].values) << "weight recorder " << w;
    }
    EXPECT_EQ(expected.synaptic_events, actual.synaptic_events);
    EXPECT_EQ(expected.input_events, actual.input_events);
    EXPECT_GT(spikes, 0u) << "a comparison of silent networks proves nothing";
}

}  // namespace axon::test
