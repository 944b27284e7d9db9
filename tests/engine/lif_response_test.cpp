// LIF under constant current, through the whole simulator: spike times match the closed-form
// solution to within one step; sub-threshold current never fires; refractory and adaptive
// threshold traces match hand-computed values.
#include <gtest/gtest.h>

#include <cmath>

#include "axon/axon.hpp"

namespace axon {
namespace {

LifParams driven(double i_e_pA) {
    LifParams p;
    p.c_m_pF = 250;
    p.tau_m_ms = 10;
    p.e_l_mV = -70;
    p.v_th_mV = -55;
    p.v_reset_mV = -70;
    p.t_ref_ms = 2;
    p.i_e_pA = i_e_pA;
    return p;
}

TEST(LifResponse, SpikeTimesMatchClosedFormWithinOneStep) {
    for (NeuronModel model : {NeuronModel::lif_exp, NeuronModel::lif_delta}) {
        for (double i_e : {400.0, 600.0, 1500.0}) {
            const double dt = 0.1;
            Network net(NetworkOptions{dt, 1});
            PopulationSpec spec{"N", 1, model, driven(i_e), {}, nullptr};
            const PopulationId n = net.add_population(spec);
            net.record_spikes(n);
            Simulator sim(std::move(net));
            sim.run(200.0);
            // V(t) = E_L + I R (1 - e^{-t/tau}) from V = E_L reaches theta at t*:
            const double ir = i_e * 10.0 / 250.0;
            const double t_first = -10.0 * std::log(1.0 - 15.0 / ir);
            const double isi = 2.0 + t_first;  // reset = E_L, so each interval repeats the first
            const SpikeTrain& s = sim.spikes(n);
            ASSERT_GE(s.size(), 5u) << i_e;
            for (std::size_t k = 0; k < s.size(); ++k) {
                // Each interval rounds up to whole steps: spike k lies within one step of the
                // closed form accumulated on the grid.
                const double grid_first = std::ceil(t_first / dt - 1e-6) * dt;
                const double grid_isi = std::ceil(isi / dt - 1e-6) * dt;
                const double expected = grid_first + k * grid_isi;
                EXPECT_NEAR(s.time_ms(k, dt), expected, dt + 1e-9) << to_string(model) << " I=" << i_e << " k=" << k;
                EXPECT_GE(s.time_ms(k, dt), t_first + k * isi - 1e-9);
            }
        }
    }
}

TEST(LifResponse, SubthresholdCurrentNeverFires) {
    Network net;
    const PopulationId n = net.add_lif_exp("N", 1, driven(374.0));  // I R = 14.96 mV < 15 mV
    net.record_spikes(n);
    Simulator sim(std::move(net));
    sim.run(5000.0);
    EXPECT_TRUE(sim.spikes(n).empty());
    EXPECT_NEAR(sim.state(n, StateVar::v)[0], -70.0 + 14.96, 1e-3);
}

TEST(LifResponse, RefractoryTraceIsHeldAtReset) {
    Network net;
    const PopulationId n = net.add_lif_delta("N", 1, driven(1500.0));
    net.record_spikes(n);
    const SamplerId s = net.sample(SamplerSpec{n, {0}, {StateVar::v, StateVar::refractory}, 1});
    Simulator sim(std::move(net));
    sim.run(30.0);
    const SpikeTrain& spikes = sim.spikes(n);
    ASSERT_GE(spikes.size(), 1u);
    const Step first = spikes.steps[0];
    const SampleSeries& trace = sim.samples(s);
    for (Step k = first; k <= first + 20; ++k) {
        EXPECT_EQ(trace.value(k, 0, 0), -70.0f) << k;                             // held at reset
        EXPECT_EQ(trace.value(k, 1, 0), static_cast<float>(20 - (k - first))) << k;  // counts down
    }
    // The first integrating step after refractoriness: V = E_L + I R (1 - e^{-dt/tau}).
    EXPECT_NEAR(trace.value(first + 21, 0, 0), -70.0 + 60.0 * (1 - std::exp(-0.01)), 1e-4);
}

TEST(LifResponse, AdaptiveThresholdTraceMatchesHandComputedValues) {
    LifParams p = driven(1500.0);
    p.delta_theta_mV = 2.0;
    p.tau_theta_ms = 20.0;
    Network net;
    const PopulationId n = net.add_lif_exp("N", 1, p);
    net.record_spikes(n);
    const SamplerId s = net.sample(SamplerSpec{n, {0}, {StateVar::theta}, 1});
    Simulator sim(std::move(net));
    sim.run(100.0);
    const SpikeTrain& spikes = sim.spikes(n);
    ASSERT_GE(spikes.size(), 3u);
    // Walk the trace: theta relaxes by exp(-dt/tau_theta) each step and jumps by 2 mV per spike.
    double theta = -55.0;
    std::size_t next = 0;
    const SampleSeries& trace = sim.samples(s);
    for (std::size_t k = 0; k < trace.steps.size(); ++k) {
        theta = -55.0 + (theta + 55.0) * std::exp(-0.1 / 20.0);
        if (next < spikes.size() && spikes.steps[next] == trace.steps[k]) {
            theta += 2.0;
            ++next;
        }
        ASSERT_NEAR(trace.value(k, 0, 0), theta, 1e-4) << "step " << k;
    }
    // Adaptation lengthens the intervals.
    const Step isi_first = spikes.steps[1] - spikes.steps[0];
    const Step isi_last = spikes.steps.back() - spikes.steps[spikes.size() - 2];
    EXPECT_GT(isi_last, isi_first);
}

}  // namespace
}  // namespace axon
