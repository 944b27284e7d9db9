// Quickstart: describe a network, simulate it on the CPU reference backend, read the spikes.
// A balanced excitatory/inhibitory network (the CUBA benchmark of Brette et al. 2007)
// written out by hand with the public API.       usage: quickstart [duration_ms]
#include <cstdio>
#include <cstdlib>

#include "axon/axon.hpp"

int main(int argc, char** argv) {
    const double duration_ms = argc > 1 ? std::atof(argv[1]) : 1000.0;

    axon::LifParams neuron;  // iaf_psc_exp; units are in the field names
    neuron.tau_m_ms = 20.0;
    neuron.c_m_pF = 20.0;
    neuron.e_l_mV = -49.0;
    neuron.v_th_mV = -50.0;
    neuron.v_reset_mV = -60.0;
    neuron.t_ref_ms = 5.0;
    neuron.tau_syn_exc_ms = 5.0;
    neuron.tau_syn_inh_ms = 10.0;
    axon::InitialState start;
    start.v_mV = axon::Distribution::uniform(-60.0, -50.0);

    axon::Network net(axon::NetworkOptions{/*dt_ms=*/0.1, /*seed=*/42});
    const auto exc = net.add_lif_exp("E", 3200, neuron, start);
    const auto inh = net.add_lif_exp("I", 800, neuron, start);
    const auto rule = axon::ConnectRule::fixed_probability(0.02, /*autapses=*/false);
    for (auto post : {exc, inh}) {
        net.connect(exc, post, rule, axon::Distribution::constant(1.62), std::nullopt, axon::Receptor::excitatory);
        net.connect(inh, post, rule, axon::Distribution::constant(-9.0), std::nullopt, axon::Receptor::inhibitory);
    }
    net.record_all_spikes();

    const axon::MemoryPlan plan = axon::estimate_memory(net);
    std::printf("%llu neurons, about %llu synapses, %s\n", static_cast<unsigned long long>(plan.neurons),
                static_cast<unsigned long long>(plan.expected_synapses), axon::format_bytes(plan.total_bytes()).c_str());

    axon::Simulator sim(std::move(net));  // builds the synapses on the CPU backend
    sim.run(duration_ms);

    const axon::SpikeTrain& spikes = sim.spikes(exc);
    if (!spikes.empty())
        std::printf("first spike of E: neuron %u at %.1f ms\n", spikes.neurons[0], spikes.time_ms(0, 0.1));
    for (auto pop : {exc, inh}) {
        const auto& spec = sim.network().population(pop);
        const axon::ActivityStats a = axon::activity(sim.spikes(pop), spec.size, 0.1, 0.0, duration_ms);
        std::printf("%s %6u neurons %8.2f Hz  CV(ISI) %.2f\n", spec.name.c_str(), spec.size, a.mean_rate_Hz,
                    a.mean_cv_isi);
    }
    std::printf("real-time factor %.3f\n", sim.stats().real_time_factor(0.1));
    return 0;
}
