// One neuron of any model under a constant current, through the whole simulator: its spike
// times, for the model tests' comparisons with references.
#pragma once
#include <vector>

#include "axon/axon.hpp"

namespace axon::test {

inline std::vector<double> spike_times(NeuronModel model, const ModelParams& params, double dt_ms, double duration_ms,
                                       const InitialState& initial = {}) {
    Network net(NetworkOptions{dt_ms, 1});
    const PopulationId n = net.add_population("N", 1, model, params, initial);
    net.record_spikes(n);
    Simulator sim(std::move(net));
    sim.run(duration_ms);
    std::vector<double> times;
    for (std::size_t k = 0; k < sim.spikes(n).size(); ++k) times.push_back(sim.spikes(n).time_ms(k, dt_ms));
    return times;
}

}  // namespace axon::test
