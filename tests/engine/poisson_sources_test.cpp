// Poisson populations and Poisson inputs reach their rates within 4 sigma, draw independent
// trains per neuron, and feed exactly count x weight into their targets.
#include <gtest/gtest.h>

#include <cmath>

#include "axon/axon.hpp"

namespace axon {
namespace {

TEST(PoissonSources, PopulationRateWithinFourSigma) {
    Network net(NetworkOptions{0.1, 5});
    const double rate = 40.0, t_s = 2.0;
    const PopulationId p = net.add_poisson("P", 1000, rate);
    net.record_spikes(p);
    Simulator sim(std::move(net));
    sim.run(t_s * 1000);
    const double expected = rate * 1000 * t_s;
    const double step_p = rate * 1e-4;
    const double sigma = std::sqrt(1000 * t_s * 1e4 * step_p * (1 - step_p));
    EXPECT_NEAR(static_cast<double>(sim.spikes(p).size()), expected, 4 * sigma);
    // Independence: neuron 0 and neuron 1 do not share spike steps more than chance.
    const ActivityStats a = activity(sim.spikes(p), 1000, 0.1, 0, t_s * 1000);
    EXPECT_NEAR(a.mean_cv_isi, 1.0, 0.05);  // Poisson trains have CV 1
}

TEST(PoissonSources, InputKickCountWithinFourSigma) {
    Network net(NetworkOptions{0.1, 9});
    LifParams p;
    p.v_th_mV = 1e6;
    const PopulationId a = net.add_lif_exp("A", 500, p);
    const double rate = 8000.0, t_s = 0.5;  // 0.8 kicks per step per neuron
    net.add_poisson_input(a, rate, 10.0);
    Simulator sim(std::move(net));
    sim.run(t_s * 1000);
    const double expected = rate * 500 * t_s;
    EXPECT_NEAR(static_cast<double>(sim.stats().input_events), expected, 4 * std::sqrt(expected));
}

TEST(PoissonSources, InputAddsCountTimesWeightToEachNeuron) {
    // With no leak, V of a delta neuron is exactly weight x (kicks received): every kick
    // counts and neurons differ (independent trains).
    Network net(NetworkOptions{0.1, 3});
    LifParams p;
    p.e_l_mV = 0;
    p.v_reset_mV = 0;
    p.v_th_mV = 1e9;
    p.tau_m_ms = 1e12;
    const PopulationId a = net.add_lif_delta("A", 64, p);
    net.add_poisson_input(a, 5000.0, 0.25);
    Simulator sim(std::move(net));
    sim.run(100.0);
    const std::vector<float> v = sim.state(a, StateVar::v);
    double total = 0;
    for (float x : v) {
        EXPECT_EQ(x, std::round(x / 0.25f) * 0.25f);  // a whole number of kicks
        total += x / 0.25;
    }
    // Kicks drawn in the last step arrive after the run ends (one-step delay).
    EXPECT_LE(total, static_cast<double>(sim.stats().input_events));
    EXPECT_GT(total, 0.9 * static_cast<double>(sim.stats().input_events));
    EXPECT_NE(v[0], v[1]);
}

}  // namespace
}  // namespace axon
