// Network::add_spike_source: given spike times checked, put on the step grid, and stored by
// neuron for the spike_source model (kernels/models/spike_source.hpp).
#include <cmath>
#include <string>

#include "axon/errors.hpp"
#include "axon/network.hpp"
#include "check.hpp"

namespace axon {

PopulationId Network::add_spike_source(std::string name, uint32_t size, ArrayView<double> times_ms,
                                       ArrayView<uint32_t> neurons) {
    const std::string owner = "population '" + name + "'";
    using detail::fail;
    using detail::format_number;
    if (size == 0) fail(owner, "size", "0", "[1, 4294967295]");
    if (neurons.size != times_ms.size)
        fail(owner, "neurons", std::to_string(neurons.size) + " values",
             "one per spike time (" + std::to_string(times_ms.size) + ")");
    const double dt = options_.dt_ms;
    const std::size_t n = times_ms.size;
    std::vector<uint64_t> steps(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::string at = "[" + std::to_string(k) + "]";
        if (neurons[k] >= size)
            fail(owner, "neurons" + at, std::to_string(neurons[k]), "[0, " + std::to_string(size - 1) + "]");
        const double t = times_ms[k];
        if (!(t > 0) || !(t / dt <= 1e18)) fail(owner, "times_ms" + at, format_number(t), "(0, 1e18 dt]");
        if (k > 0 && t < times_ms[k - 1])
            fail(owner, "times_ms" + at, format_number(t),
                 "a time not before times_ms[" + std::to_string(k - 1) + "] = " + format_number(times_ms[k - 1]) +
                     " (spike times must be in order)");
        // Spike time (s + 1)·dt for step s; a time between grid points goes to the next one, and
        // one within 1e-9 steps of a grid point is on it (binary fractions of dt).
        steps[k] = static_cast<uint64_t>(std::ceil(t / dt - 1e-9)) - 1;
    }
    // The offsets take 8 B per neuron (16 B while they are built), whatever the spike count.
    detail::require_host_memory(owner, "replaying spikes over " + std::to_string(size) + " neurons (offsets per neuron)",
                                16 * (static_cast<uint64_t>(size) + 1));
    auto replay = std::make_shared<SpikeReplay>();
    replay->start.assign(static_cast<std::size_t>(size) + 1, 0);
    for (std::size_t k = 0; k < n; ++k) ++replay->start[neurons[k] + 1];
    for (uint32_t i = 0; i < size; ++i) replay->start[i + 1] += replay->start[i];
    std::vector<uint64_t> fill(replay->start.begin(), replay->start.end() - 1), from(n);
    replay->step.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        const uint64_t slot = fill[neurons[k]]++;
        replay->step[slot] = steps[k];  // in time order within each neuron: ascending
        from[slot] = k;
        if (slot > replay->start[neurons[k]] && replay->step[slot - 1] == steps[k])
            fail(owner, "times_ms[" + std::to_string(k) + "]", format_number(times_ms[k]),
                 "at most one spike per neuron and step: neuron " + std::to_string(neurons[k]) + " already spikes in step " +
                     std::to_string(steps[k]) + " (times_ms[" + std::to_string(from[slot - 1]) + "] = " +
                     format_number(times_ms[from[slot - 1]]) + ")");
    }
    PopulationSpec spec;
    spec.name = std::move(name);
    spec.size = size;
    spec.model = NeuronModel::spike_source;
    spec.replay = std::move(replay);
    return add_population(spec);
}

}  // namespace axon
