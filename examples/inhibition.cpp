// The seed's third exercise: a strong inhibitory synapse (a negative weight) pushes the
// weighted sum down and keeps a neuron from firing. A target neuron driven by excitatory
// Poisson input fires; a second, identical target also receives a strong inhibitory input
// and stays (almost) silent. Exits non-zero if inhibition does not win.
#include <cstdio>

#include "axon/axon.hpp"

int main() {
    axon::Network net(axon::NetworkOptions{0.1, 3});
    axon::LifParams neuron;  // iaf_psc_exp: tau_m 10 ms, C_m 250 pF, 15 mV to threshold
    const auto free_target = net.add_lif_exp("free", 1, neuron);
    const auto inhibited = net.add_lif_exp("inhibited", 1, neuron);
    const auto inhibitor = net.add_poisson("inhibitor", 1, 500.0);
    for (auto target : {free_target, inhibited}) net.add_poisson_input(target, 20000.0, 50.0);  // ~20 mV of drive
    net.connect(inhibitor, inhibited, axon::ConnectRule::all_to_all(), axon::Distribution::constant(-4000.0),
                std::nullopt, axon::Receptor::inhibitory);
    net.record_all_spikes();
    axon::Simulator sim(std::move(net));
    sim.run(1000.0);

    const std::size_t free_spikes = sim.spikes(free_target).size(), inhibited_spikes = sim.spikes(inhibited).size();
    std::printf("free target:      %4zu spikes in 1 s\n", free_spikes);
    std::printf("inhibited target: %4zu spikes in 1 s (inhibitor: %zu spikes, weight -4000 pA)\n", inhibited_spikes,
                sim.spikes(inhibitor).size());
    return free_spikes > 20 && inhibited_spikes * 10 < free_spikes ? 0 : 1;
}
