// Small networks that several test executables run: the golden digests pin them on the CPU
// (tests/golden/), the cross-backend suite compares them across backends.
#pragma once
#include <cstdint>
#include <vector>

#include "axon/axon.hpp"

namespace axon::test {

/// Rates per neuron for Poisson input `input`, graded across its target from 0 to twice its rate.
inline std::vector<double> graded_rates(const Simulator& sim, uint32_t input) {
    const PoissonInputSpec& in = sim.network().poisson_inputs().at(input);
    const uint32_t size = sim.network().population(in.target).size;
    std::vector<double> rates(size);
    for (uint32_t i = 0; i < size; ++i) rates[i] = 2.0 * in.rate_Hz * i / size;
    return rates;
}

/// Every connectivity rule, with delays (per synapse and constant, from 1 to 40 steps) on
/// both synapse types and a Poisson input.
inline Network every_rule_network() {
    Network net(NetworkOptions{0.1, 5});
    LifParams p;
    const PopulationId drive = net.add_poisson("drive", 300, 40.0);
    const PopulationId a = net.add_lif_exp("A", 700, p);
    const PopulationId b = net.add_lif_delta("B", 500, p);
    const auto d = Distribution::uniform(0.1, 4.0);
    net.connect(drive, a, ConnectRule::fixed_probability(0.1), Distribution::normal(150.0, 30.0), d);
    net.connect(drive, b, ConnectRule::fixed_indegree(40), Distribution::uniform(0.5, 1.5), Distribution::constant(1.0));
    net.connect(a, b, ConnectRule::fixed_outdegree(20, false), Distribution::constant(0.8), d);
    net.connect(b, a, ConnectRule::fixed_total_number(5000), Distribution::constant(-60.0), Distribution::constant(2.0),
                Receptor::inhibitory);
    net.connect(a, a, ConnectRule::all_to_all(false), Distribution::constant(0.2), Distribution::constant(0.5));
    net.connect(b, b, ConnectRule::one_to_one(), Distribution::constant(-1.0), Distribution::constant(0.3),
                Receptor::inhibitory);
    net.add_poisson_input(a, 4000.0, 30.0, Receptor::excitatory, 0.7);
    net.record_all_spikes();
    return net;
}

/// Poisson sources into LIF neurons through a Hebbian projection.
inline Network hebbian_network() {
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

/// AdEx neurons (RK4 substeps, det_exp) with refractoriness, both current synapses and a bias.
inline Network adex_network(uint32_t n_exc, uint32_t n_inh, uint64_t seed) {
    Network net(NetworkOptions{0.1, seed});
    const PopulationId e = net.add_population("E", n_exc, NeuronModel::adex, ModelParams{{"t_ref_ms", 1.0}, {"i_e_pA", 450.0}});
    const PopulationId i = net.add_population("I", n_inh, NeuronModel::adex,
                                              ModelParams{{"b_pA", 0.0}, {"a_nS", 0.0}, {"i_e_pA", 450.0}});
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

/// Conductance-based LIF with the COBA neuron and synapses (Brette et al. 2007) and Poisson drive.
inline Network cond_exp_network(uint32_t n_exc, uint32_t n_inh, uint64_t seed) {
    Network net(NetworkOptions{0.1, seed});
    const ModelParams coba{{"c_m_pF", 200.0}, {"g_l_nS", 10.0},  {"e_l_mV", -60.0},       {"v_th_mV", -50.0},
                           {"t_ref_ms", 5.0}, {"e_in_mV", -80.0}, {"tau_syn_ex_ms", 5.0}, {"tau_syn_in_ms", 10.0}};
    const PopulationId e = net.add_population("E", n_exc, NeuronModel::lif_cond_exp, coba);
    const PopulationId i = net.add_population("I", n_inh, NeuronModel::lif_cond_exp, coba);
    for (PopulationId post : {e, i}) {
        net.connect(e, post, ConnectRule::fixed_probability(0.1, false), Distribution::constant(6.0),
                    Distribution::uniform(0.1, 1.0));
        net.connect(i, post, ConnectRule::fixed_probability(0.1, false), Distribution::constant(67.0),
                    Distribution::constant(0.1), Receptor::inhibitory);
        net.add_poisson_input(post, 2000.0, 3.0);
    }
    net.record_all_spikes();
    return net;
}

/// Binary threshold units updated every `every` steps, driven by Poisson spikes, with recurrence.
inline Network binary_network(uint32_t units, double every, uint64_t seed) {
    Network net(NetworkOptions{0.1, seed});
    const PopulationId drive = net.add_poisson("drive", 100, 60.0);
    const PopulationId u = net.add_population("units", units, NeuronModel::binary,
                                              ModelParams{{"theta", 2.0}, {"update_every_steps", every}});
    net.connect(drive, u, ConnectRule::fixed_indegree(30), Distribution::uniform(0.0, 1.0), Distribution::uniform(0.1, 0.5));
    net.connect(u, u, ConnectRule::fixed_probability(0.05, false), Distribution::uniform(-1.0, 1.0),
                Distribution::constant(0.1));
    net.record_all_spikes();
    return net;
}

/// Rate units of both transfers and both outputs: Poisson sources drive sigmoid units (Poisson
/// output), which drive ReLU units (regular output) that inhibit them back.
inline Network rate_network(uint32_t units, uint64_t seed) {
    Network net(NetworkOptions{0.1, seed});
    const PopulationId src = net.add_poisson("src", 100, 40.0);
    const PopulationId sig = net.add_population("sig", units, NeuronModel::rate_sigmoid,
                                                ModelParams{{"gain", 3.0}, {"bias", -1.0}, {"rate_max_Hz", 120.0}});
    const PopulationId relu = net.add_population("relu", units / 2, NeuronModel::rate_relu,
                                                 ModelParams{{"tau_ms", 2.0}, {"gain_Hz", 60.0}, {"poisson", 0.0}});
    net.connect(src, sig, ConnectRule::fixed_indegree(20), Distribution::uniform(0.0, 0.4), Distribution::uniform(0.1, 1.0));
    net.connect(sig, relu, ConnectRule::fixed_probability(0.2), Distribution::uniform(0.0, 0.5), Distribution::constant(0.5));
    net.connect(relu, sig, ConnectRule::fixed_probability(0.2), Distribution::constant(-0.3), Distribution::constant(0.2),
                Receptor::inhibitory);
    net.record_all_spikes();
    return net;
}

/// The perceptron rule: Poisson inputs into binary units updating every `every` steps, whose
/// targets come from binary teachers driven by a sparse subset of the same inputs (a test of
/// equal arithmetic, not of learning: the teacher's label reaches the window after its inputs').
inline Network perceptron_network(uint32_t outputs, uint64_t seed, double every = 5.0) {
    Network net(NetworkOptions{0.1, seed});
    const PopulationId in = net.add_poisson("in", 60, 400.0);
    const ModelParams units{{"theta", 1.0}, {"update_every_steps", every}};
    const PopulationId out = net.add_population("out", outputs, NeuronModel::binary, units);
    const PopulationId teacher = net.add_population("teacher", outputs, NeuronModel::binary, units);
    ProjectionSpec learned{"learned", in, out, ConnectRule::all_to_all(), Distribution::uniform(-0.2, 0.2),
                           Distribution::constant(0.2), Receptor::excitatory,
                           Plasticity::with(PerceptronParams{0.05, -1.0, 1.0})};
    net.connect(learned);
    net.connect(in, teacher, ConnectRule::fixed_indegree(10), Distribution::constant(0.5), Distribution::constant(0.1));
    net.connect(teacher, out, ConnectRule::one_to_one(), Distribution::constant(1.0), Distribution::constant(0.1),
                Receptor::target);
    net.record_all_spikes();
    return net;
}

/// Replayed spikes: 100 spike_source neurons at about 100 Hz each (a fixed pattern in time
/// order, 200 ms) into LIF neurons.
inline Network replay_network(uint64_t seed) {
    Network net(NetworkOptions{0.1, seed});
    std::vector<double> times;
    std::vector<uint32_t> neurons;
    for (uint32_t k = 0; k < 20000; ++k) {
        times.push_back(0.01 * (k + 1));
        neurons.push_back((k * 37u) % 100u);
    }
    const PopulationId src = net.add_spike_source("src", 100, times, neurons);
    const PopulationId n = net.add_lif_exp("N", 200, LifParams{});
    net.connect(src, n, ConnectRule::fixed_indegree(30), Distribution::uniform(100.0, 400.0), Distribution::uniform(0.1, 3.0));
    net.record_all_spikes();
    return net;
}

/// hebbian_network() observed: a sampler whose neurons lie anywhere in any order, and weight
/// snapshots of its plastic projection.
inline Network observed_network() {
    Network net = hebbian_network();
    net.sample(SamplerSpec{PopulationId{1}, {99, 0, 57, 3, 42, 98}, {StateVar::v, StateVar::i_exc}, 7});
    net.record_weights(WeightRecorderSpec{ProjectionId{0}, 50});
    return net;
}

/// Runs observed_network() in pieces with every live change between them: state, input
/// currents, Poisson rates (per neuron and whole), weights, and a reset.
inline void steer_observed_network(Simulator& sim) {
    const PopulationId out{1};
    sim.run(40.0);
    std::vector<float> v(100);
    for (uint32_t i = 0; i < v.size(); ++i) v[i] = -70.0f + 0.1f * static_cast<float>(i);
    sim.set_state(out, StateVar::v, v);
    std::vector<float> current(100);
    for (uint32_t i = 0; i < current.size(); ++i) current[i] = 2.0f * static_cast<float>(i);
    sim.set_input_current(out, current);
    sim.set_poisson_rates(0, graded_rates(sim, 0));
    std::vector<float> w = sim.weights(ProjectionId{0});
    for (std::size_t s = 0; s < w.size(); ++s) w[s] = static_cast<float>(s % 200);
    sim.set_weights(ProjectionId{0}, w);
    sim.run(40.0);
    sim.set_poisson_rate(0, 12000.0);
    sim.reset_state();
    sim.run(40.0);
}

}  // namespace axon::test
