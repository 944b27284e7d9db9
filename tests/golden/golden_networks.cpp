#include "golden/golden_networks.hpp"

#include "axon/standard_models.hpp"
#include "support/test_networks.hpp"

namespace axon::test {
namespace {

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

}  // namespace

const std::vector<GoldenNetwork>& golden_networks() {
    static const std::vector<GoldenNetwork> networks = {
        {"cuba4000", [] { return models::cuba(); }, 100.0},
        {"brunel_a1250", [] { return models::brunel_a(models::BrunelOptions{1250, 3, 0.1}); }, 100.0},
        {"cuba1000_stdp", [] { return models::cuba(models::CubaOptions{1000, 2, 0.1, true}); }, 200.0},
        {"hebbian", hebbian_network, 200.0},
        {"every_rule", every_rule, 200.0},
        {"izhikevich300", [] { return models::izhikevich(models::IzhikevichOptions{300, 4, 0.1}); }, 200.0},
        {"adex250", [] { return adex_network(200, 50, 9); }, 200.0},
        {"cond_exp300", [] { return cond_exp_network(240, 60, 10); }, 200.0},
        {"binary300", [] { return binary_network(200, 2, 15); }, 200.0},
        {"rate300", [] { return rate_network(200, 17); }, 200.0},
        {"perceptron", [] { return perceptron_network(40, 18); }, 200.0},
        {"replay", [] { return replay_network(23); }, 200.0},
    };
    return networks;
}

}  // namespace axon::test
