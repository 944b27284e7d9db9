// A single spike through a delayed synapse arrives exactly d steps later with exactly its
// weight, on both synapse types and with per-synapse delays.
#include <gtest/gtest.h>

#include "axon/axon.hpp"
#include "support/every_isa.hpp"

namespace axon {
namespace {

// A neuron that fires once, in step 0: it starts above threshold and stays refractory.
PopulationId add_single_spiker(Network& net) {
    LifParams p;
    p.e_l_mV = 0;
    p.v_reset_mV = 0;
    p.v_th_mV = 20;
    p.t_ref_ms = 1000;
    InitialState init;
    init.v_values_mV = {25.0};
    return net.add_lif_delta("source", 1, p, init);
}

// A target that neither leaks (tau_m huge) nor fires (threshold huge).
LifParams silent_integrator() {
    LifParams p;
    p.e_l_mV = 0;
    p.v_reset_mV = 0;
    p.v_th_mV = 1e6;
    p.tau_m_ms = 1e12;
    p.tau_syn_exc_ms = 1e12;
    p.tau_syn_inh_ms = 1e12;
    return p;
}

TEST(Delivery, DeltaSynapseArrivesAfterExactlyDSteps) {
    for (double delay_ms : {0.1, 0.7, 1.5, 12.3}) {
        Network net;
        const PopulationId src = add_single_spiker(net);
        const PopulationId dst = net.add_lif_delta("target", 1, silent_integrator());
        const float w = 0.8125f;  // exactly representable
        net.connect(src, dst, ConnectRule::all_to_all(), Distribution::constant(w), Distribution::constant(delay_ms));
        net.record_spikes(src);
        const SamplerId v = net.sample(SamplerSpec{dst, {0}, {StateVar::v}, 1});
        Simulator sim(std::move(net));
        sim.run(20.0);
        ASSERT_EQ(sim.spikes(src).size(), 1u);
        EXPECT_EQ(sim.spikes(src).steps[0], 0u);
        const uint32_t d = static_cast<uint32_t>(std::lround(delay_ms / 0.1));
        const SampleSeries& s = sim.samples(v);
        for (std::size_t k = 0; k < s.steps.size(); ++k)
            ASSERT_EQ(s.value(k, 0, 0), s.steps[k] < d ? 0.0f : w) << "delay " << delay_ms << " step " << s.steps[k];
    }
}

TEST(Delivery, ExponentialSynapseCurrentJumpsAfterExactlyDSteps) {
    Network net;
    const PopulationId src = add_single_spiker(net);
    const PopulationId dst = net.add_lif_exp("target", 2, silent_integrator());
    net.connect(src, dst, ConnectRule::all_to_all(), Distribution::constant(3.25), Distribution::constant(0.5),
                Receptor::excitatory);
    net.connect(src, dst, ConnectRule::all_to_all(), Distribution::constant(-1.5), Distribution::constant(0.9),
                Receptor::inhibitory);
    const SamplerId s = net.sample(SamplerSpec{dst, {1}, {StateVar::i_exc, StateVar::i_inh}, 1});
    Simulator sim(std::move(net));
    sim.run(2.0);
    const SampleSeries& series = sim.samples(s);
    for (std::size_t k = 0; k < series.steps.size(); ++k) {
        EXPECT_EQ(series.value(k, 0, 0), series.steps[k] < 5 ? 0.0f : 3.25f) << series.steps[k];
        EXPECT_EQ(series.value(k, 1, 0), series.steps[k] < 9 ? 0.0f : -1.5f) << series.steps[k];
    }
}

TEST(Delivery, PerSynapseDelaysEachArriveOnTime) {
    // One source, 200 targets, delays drawn per synapse: each target's V steps up at its delay.
    Network net;
    const PopulationId src = add_single_spiker(net);
    const PopulationId dst = net.add_lif_delta("targets", 200, silent_integrator());
    const ProjectionId proj = net.connect(src, dst, ConnectRule::all_to_all(), Distribution::constant(1.0),
                                          Distribution::uniform(0.1, 3.0));
    Simulator sim(std::move(net));
    const Connections c = sim.connections(proj);
    for (Step step = 0; step < 32; ++step) {
        sim.run(0.1);
        const std::vector<float> v = sim.state(dst, StateVar::v);
        for (uint32_t s = 0; s < 200; ++s)
            ASSERT_EQ(v[c.post[s]], step >= c.delay_steps[s] ? 1.0f : 0.0f) << "synapse " << s << " step " << step;
    }
}

TEST(Delivery, InputDuringRefractorinessIsLostOnDeltaNeurons) {
    Network net;
    const PopulationId src = add_single_spiker(net);
    LifParams p = silent_integrator();
    p.t_ref_ms = 2.0;
    InitialState init;
    init.v_values_mV = {1e7};  // fires in step 0, refractory for steps 1..20
    p.v_th_mV = 1e6;
    const PopulationId dst = net.add_lif_delta("target", 1, p, init);
    net.connect(src, dst, ConnectRule::all_to_all(), Distribution::constant(5.0), Distribution::constant(1.0));
    net.connect(src, dst, ConnectRule::all_to_all(), Distribution::constant(7.0), Distribution::constant(3.0));
    Simulator sim(std::move(net));
    sim.run(5.0);
    EXPECT_EQ(sim.state(dst, StateVar::v)[0], 7.0f);  // the kick at step 10 was lost, the one at 30 arrived
}

// Input beyond 2^19 weight units in one slot is past the vectorised ring reader's range
// (kernels/cpu/small_fixed_to_float.hpp); its fallback delivers it exactly too, under every ISA.
TEST(Delivery, LargeInputArrivesExactlyUnderEveryIsa) {
    LifParams p = silent_integrator();
    p.v_th_mV = 1e9;
    test::on_every_isa([&] {
        // 2^19 - 2^-4 weight units (the top of the range), 2^19 + 2^-4 (beyond it), the largest weights.
        for (const float w : {524287.9375f, 524288.0625f, -524288.0625f, 1e6f, -1e6f}) {
            Network net;
            const PopulationId src = add_single_spiker(net);
            const PopulationId dst = net.add_lif_delta("target", 1, p);
            net.connect(src, dst, ConnectRule::all_to_all(), Distribution::constant(w), Distribution::constant(0.1));
            // Two synapses of 300000.0625 in one slot: each in range, their sum beyond.
            const PopulationId sum = net.add_lif_delta("sum", 1, p);
            for (int k = 0; k < 2; ++k)
                net.connect(src, sum, ConnectRule::all_to_all(), Distribution::constant(300000.0625),
                            Distribution::constant(0.1));
            Simulator sim(std::move(net));
            sim.run(0.5);
            EXPECT_EQ(sim.state(dst, StateVar::v)[0], w);
            EXPECT_EQ(sim.state(sum, StateVar::v)[0], 600000.125f);
        }
    });
}

// Two spike sources replaying (times_ms[k], neurons[k]) onto one silent delta integrator, all
// to all with `weight`, one step of delay; the population is PopulationId{1}, the projection
// ProjectionId{0}.
Network two_sources_onto_one(const std::vector<double>& times_ms, const std::vector<uint32_t>& neurons, double weight) {
    LifParams p = silent_integrator();
    p.v_th_mV = 1e9;
    Network net;
    const PopulationId src = net.add_spike_source("source", 2, times_ms, neurons);
    const PopulationId dst = net.add_lif_delta("target", 1, p);
    net.connect(src, dst, ConnectRule::all_to_all(), Distribution::constant(weight), Distribution::constant(0.1));
    return net;
}

// With small weights the CPU update reads its ring through the vectorised detour in one pass
// (engine/src/backends/cpu_input_bound.hpp); weights set while running that let a slot pass the
// detour's range make it go back to the exact reader before the next step.
TEST(Delivery, LargeWeightsSetWhileRunningArriveExactlyUnderEveryIsa) {
    test::on_every_isa([] {
        Simulator sim(two_sources_onto_one({1.0, 1.0, 3.0, 3.0}, {0, 1, 0, 1}, 1.0));
        sim.run(2.0);
        EXPECT_EQ(sim.state(PopulationId{1}, StateVar::v)[0], 2.0f);
        sim.set_weights(ProjectionId{0}, {300000.0625f, 300000.0625f});  // each in range, the two in one slot beyond
        sim.run(2.0);
        EXPECT_EQ(sim.state(PopulationId{1}, StateVar::v)[0], 600002.125f);
    });
}

// The other way round: arrivals at large weights still in the ring when small weights are set
// keep the exact reader until they are read.
TEST(Delivery, LargeArrivalsInFlightWhenSmallWeightsAreSetArriveExactly) {
    test::on_every_isa([] {
        // emitted in step 19, the last of the first run
        Simulator sim(two_sources_onto_one({2.0, 2.0}, {0, 1}, 300000.0625));
        sim.run(2.0);
        EXPECT_EQ(sim.state(PopulationId{1}, StateVar::v)[0], 0.0f);
        sim.set_weights(ProjectionId{0}, {1.0f, 1.0f});
        sim.run(1.0);
        EXPECT_EQ(sim.state(PopulationId{1}, StateVar::v)[0], 600000.125f);
    });
}

}  // namespace
}  // namespace axon
