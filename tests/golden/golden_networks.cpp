#include "golden/golden_networks.hpp"

#include "axon/standard_models.hpp"

namespace axon::test {
namespace {

Network hebbian() {
    Network net(NetworkOptions{0.1, 8});
    const PopulationId in = net.add_poisson("in", 200, 30.0);
    const PopulationId out = net.add_lif_exp("out", 100, LifParams{});
    net.add_poisson_input(out, 15000.0, 40.0);
    HebbianParams h;
    h.eta = 2.0;
    h.lambda = 0.01;
    h.w_max = 200.0;
    net.connect(ProjectionSpec{"", in, out, ConnectRule::fixed_probability(0.3), Distribution::uniform(0.0, 200.0),
                               Distribution::constant(0.4), Receptor::excitatory, Plasticity::with(h)});
    net.record_all_spikes();
    return net;
}

// Both LIF models (one adapting, one with a bias current), a Poisson population, Poisson
// inputs with and without delay, every rule with and without autapses and multapses,
// constant, uniform and truncated normal weights and delays.
Network every_rule() {
    Network net(NetworkOptions{0.1, 5});
    LifParams adapting;
    adapting.delta_theta_mV = 1.0;
    adapting.tau_theta_ms = 50.0;
    adapting.i_e_pA = 250.0;  // 10 mV: with the drive, near threshold
    LifParams biased;
    biased.i_e_pA = 100.0;
    InitialState init;
    init.v_mV = Distribution::uniform(-70.0, -55.0);
    const PopulationId drive = net.add_poisson("drive", 300, 40.0);
    const PopulationId a = net.add_lif_exp("A", 700, adapting, init);
    const PopulationId b = net.add_lif_delta("B", 500, biased);
    const auto d = Distribution::uniform(0.1, 4.0);
    net.connect(drive, a, ConnectRule::fixed_probability(0.1), Distribution::normal(150.0, 30.0, 100.0, 200.0), d);
    net.connect(drive, b, ConnectRule::fixed_indegree(40), Distribution::uniform(0.5, 1.5), Distribution::constant(1.0));
    net.connect(drive, a, ConnectRule::fixed_indegree(30, true, false), Distribution::constant(20.0),
                Distribution::normal(1.0, 0.5, 0.1, 3.0));
    net.connect(a, b, ConnectRule::fixed_outdegree(20, false), Distribution::constant(0.8), d);
    net.connect(a, b, ConnectRule::fixed_outdegree(50, true, false), Distribution::constant(0.1), d);
    net.connect(b, a, ConnectRule::fixed_total_number(5000), Distribution::constant(-60.0), Distribution::constant(2.0),
                Receptor::inhibitory);
    net.connect(b, b, ConnectRule::fixed_total_number(20000, false, false), Distribution::constant(-0.05), d,
                Receptor::inhibitory);
    net.connect(a, a, ConnectRule::fixed_probability(0.02, false), Distribution::constant(5.0), d);
    net.connect(a, a, ConnectRule::all_to_all(false), Distribution::constant(0.2), Distribution::constant(0.5));
    net.connect(b, b, ConnectRule::all_to_all(true), Distribution::constant(-0.01), Distribution::constant(0.1),
                Receptor::inhibitory);
    net.connect(b, b, ConnectRule::one_to_one(), Distribution::constant(-1.0), Distribution::constant(0.3),
                Receptor::inhibitory);
    net.connect(b, b, ConnectRule::one_to_one(false), Distribution::constant(1.0), Distribution::constant(0.3));
    net.add_poisson_input(a, 4000.0, 30.0, Receptor::excitatory, 0.7);
    net.add_poisson_input(b, 2000.0, -0.5, Receptor::inhibitory);
    net.record_all_spikes();
    return net;
}

// AdEx neurons (RK4 substeps, det_exp) with refractoriness and both current synapses.
Network adex() {
    Network net(NetworkOptions{0.1, 9});
    const PopulationId e = net.add_population("E", 200, NeuronModel::adex, ModelParams{{"t_ref_ms", 1.0}, {"i_e_pA", 450.0}});
    const PopulationId i = net.add_population("I", 50, NeuronModel::adex, ModelParams{{"b_pA", 0.0}, {"a_nS", 0.0}, {"i_e_pA", 450.0}});
    for (PopulationId post : {e, i}) {
        net.connect(e, post, ConnectRule::fixed_indegree(20), Distribution::uniform(50.0, 150.0),
                    Distribution::uniform(0.5, 2.0));
        net.connect(i, post, ConnectRule::fixed_indegree(5), Distribution::constant(-300.0), Distribution::constant(1.0),
                    Receptor::inhibitory);
        net.add_poisson_input(post, 3000.0, 300.0);
    }
    net.record_all_spikes();
    return net;
}

// Conductance-based LIF (COBA neuron and synapses, Brette et al. 2007) driven by Poisson input.
Network cond_exp() {
    Network net(NetworkOptions{0.1, 10});
    const ModelParams coba{{"c_m_pF", 200.0},  {"g_l_nS", 10.0},      {"e_l_mV", -60.0},      {"v_th_mV", -50.0},
                           {"v_reset_mV", -60.0}, {"t_ref_ms", 5.0},  {"e_in_mV", -80.0},     {"tau_syn_ex_ms", 5.0},
                           {"tau_syn_in_ms", 10.0}};
    const PopulationId e = net.add_population("E", 240, NeuronModel::lif_cond_exp, coba);
    const PopulationId i = net.add_population("I", 60, NeuronModel::lif_cond_exp, coba);
    for (PopulationId post : {e, i}) {
        net.connect(e, post, ConnectRule::fixed_probability(0.1, false), Distribution::constant(6.0),
                    Distribution::constant(0.1));
        net.connect(i, post, ConnectRule::fixed_probability(0.1, false), Distribution::constant(67.0),
                    Distribution::constant(0.1), Receptor::inhibitory);
        net.add_poisson_input(post, 2000.0, 3.0);
    }
    net.record_all_spikes();
    return net;
}

// Binary threshold units updated every second step, driven by Poisson spikes, with recurrence.
Network binary() {
    Network net(NetworkOptions{0.1, 15});
    const PopulationId drive = net.add_poisson("drive", 100, 50.0);
    const PopulationId units = net.add_population("units", 200, NeuronModel::binary,
                                                  ModelParams{{"theta", 2.0}, {"update_every_steps", 2.0}});
    net.connect(drive, units, ConnectRule::fixed_indegree(30), Distribution::uniform(0.0, 1.0),
                Distribution::uniform(0.1, 0.5));
    net.connect(units, units, ConnectRule::fixed_probability(0.05, false), Distribution::uniform(-1.0, 1.0),
                Distribution::constant(0.1), Receptor::inhibitory);
    net.record_all_spikes();
    return net;
}

}  // namespace

const std::vector<GoldenNetwork>& golden_networks() {
    static const std::vector<GoldenNetwork> networks = {
        {"cuba4000", [] { return models::cuba(); }, 100.0},
        {"brunel_a1250", [] { return models::brunel_a(models::BrunelOptions{1250, 3, 0.1}); }, 100.0},
        {"cuba1000_stdp", [] { return models::cuba(models::CubaOptions{1000, 2, 0.1, true}); }, 200.0},
        {"hebbian", hebbian, 200.0},
        {"every_rule", every_rule, 200.0},
        {"izhikevich300", [] { return models::izhikevich(models::IzhikevichOptions{300, 4, 0.1}); }, 200.0},
        {"adex250", adex, 200.0},
        {"cond_exp300", cond_exp, 200.0},
        {"binary300", binary, 200.0},
    };
    return networks;
}

}  // namespace axon::test
