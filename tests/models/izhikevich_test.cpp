// The izhikevich model (kernels/models/izhikevich.hpp) through the whole simulator: its four
// classic parameter sets (Izhikevich 2003, Fig. 2) under a step current give the firing
// patterns the paper shows, and the same spike times as the model's equations integrated in
// double precision (NEST's forward Euler) to within a step; delta synapses move v at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "support/single_neuron.hpp"

namespace axon {
namespace {

struct Pattern {
    const char* name;
    double a, b, c, d;
};
// Regular spiking, intrinsically bursting, chattering, fast spiking (Izhikevich 2003, Fig. 2).
const Pattern kRS{"regular spiking", 0.02, 0.2, -65, 8}, kIB{"intrinsically bursting", 0.02, 0.2, -55, 4},
    kCH{"chattering", 0.02, 0.2, -50, 2}, kFS{"fast spiking", 0.1, 0.2, -65, 2};

constexpr double kDt = 0.1, kCurrent = 10.0, kDuration = 500.0;

ModelParams params_of(const Pattern& p, double i_e) {
    return ModelParams{{"a", p.a}, {"b", p.b}, {"c_mV", p.c}, {"d", p.d}, {"i_e_pA", i_e}};
}

// Spike times (ms) of one neuron under a constant current from v = -65 mV, u = b c.
std::vector<double> simulated(const Pattern& p, double i_e = kCurrent) {
    InitialState init;
    init.v_mV = Distribution::constant(-65.0);
    return test::spike_times(NeuronModel::izhikevich, params_of(p, i_e), kDt, kDuration, init);
}

// The same equations and order of updates in double precision.
std::vector<double> reference(const Pattern& p, double i_e = kCurrent) {
    double v = -65.0, u = p.b * p.c;
    std::vector<double> times;
    for (int step = 0; step < static_cast<int>(kDuration / kDt + 0.5); ++step) {
        const double v0 = v, u0 = u;
        v = v0 + kDt * (0.04 * v0 * v0 + 5.0 * v0 + 140.0 - u0 + i_e);
        u = u0 + kDt * p.a * (p.b * v0 - u0);
        if (v >= 30.0) {
            v = p.c;
            u += p.d;
            times.push_back((step + 1) * kDt);
        }
    }
    return times;
}

std::vector<double> intervals(const std::vector<double>& t) {
    std::vector<double> isi;
    for (std::size_t k = 1; k < t.size(); ++k) isi.push_back(t[k] - t[k - 1]);
    return isi;
}

TEST(Izhikevich, SpikeTimesMatchTheEquationsInDouble) {
    for (const Pattern& p : {kRS, kIB, kCH, kFS}) {
        const std::vector<double> got = simulated(p), want = reference(p);
        ASSERT_GE(want.size(), 5u) << p.name;
        ASSERT_NEAR(static_cast<double>(got.size()), static_cast<double>(want.size()), 1.0) << p.name;
        for (std::size_t k = 0; k < std::min<std::size_t>(5, got.size()); ++k)
            EXPECT_NEAR(got[k], want[k], kDt + 1e-9) << p.name << ", spike " << k;
    }
}

TEST(Izhikevich, ClassicParameterSetsGiveTheirFiringPatterns) {
    const std::vector<double> rs = intervals(simulated(kRS)), ib = intervals(simulated(kIB)),
                              ch = intervals(simulated(kCH)), fs = intervals(simulated(kFS));
    ASSERT_GE(rs.size(), 4u);
    ASSERT_GE(ib.size(), 4u);
    ASSERT_GE(ch.size(), 4u);
    ASSERT_GE(fs.size(), 4u);
    // Regular spiking adapts: tonic spikes whose intervals lengthen, no bursts.
    EXPECT_GT(rs.back(), 1.5 * rs.front());
    EXPECT_GT(*std::min_element(rs.begin(), rs.end()), 10.0);
    // Fast spiking: several times regular spiking's rate under the same current, at a steady
    // interval after its first few spikes.
    EXPECT_GT(fs.size(), 4 * rs.size());
    EXPECT_NEAR(fs[3], fs.back(), 0.1 * fs.back());
    // Intrinsically bursting: an initial burst (short first intervals), then regular spikes.
    EXPECT_LT(ib.front(), 10.0);
    EXPECT_GT(ib.back(), 3 * ib.front());
    // Chattering: repeated bursts, so both short (within a burst) and long intervals recur.
    const auto short_isis = std::count_if(ch.begin(), ch.end(), [](double x) { return x < 10.0; });
    const auto long_isis = std::count_if(ch.begin(), ch.end(), [](double x) { return x > 20.0; });
    EXPECT_GE(short_isis, 3);
    EXPECT_GE(long_isis, 3);
}

TEST(Izhikevich, WithoutCurrentItRestsAndASpikeInputMovesVAtOnce) {
    EXPECT_TRUE(simulated(kRS, 0.0).empty());
    Network net(NetworkOptions{kDt, 1});
    LifParams driven;
    driven.i_e_pA = 2000.0;  // fires within a few ms
    const PopulationId src = net.add_lif_delta("src", 1, driven);
    const PopulationId n = net.add_population("N", 1, NeuronModel::izhikevich, params_of(kRS, 0.0));
    net.connect(src, n, ConnectRule::all_to_all(), Distribution::constant(5.0), Distribution::constant(0.1));
    net.record_spikes(src);
    net.sample(SamplerSpec{n, {0}, {StateVar::v, StateVar("u")}, 1});
    Simulator sim(std::move(net));
    sim.run(20.0);
    ASSERT_GE(sim.spikes(src).size(), 1u);
    const Step arrival = sim.spikes(src).steps[0] + 1;  // one step of delay
    const SampleSeries& s = sim.samples(SamplerId{0});
    // Samples: [step][var][neuron]; v jumps by the weight in the arrival step.
    const double before = s.values[(arrival - 1) * 2], after = s.values[arrival * 2];
    EXPECT_GT(after - before, 4.0);
    EXPECT_EQ(sim.state(n, "u").size(), 1u);
}

TEST(Izhikevich, BadParametersNameTheFieldAndRange) {
    Network net;
    try {
        net.add_population("N", 3, NeuronModel::izhikevich, ModelParams{{"c_mV", 40.0}});
        FAIL() << "a reset above the cut-off was accepted";
    } catch (const ConfigError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("population 'N': c_mV = 40"), std::string::npos) << m;
        EXPECT_NE(m.find("(-inf, 30)"), std::string::npos) << m;
    }
    try {
        net.add_population("N", 3, NeuronModel::izhikevich, ModelParams{{"tau_m_ms", 10.0}});
        FAIL() << "a parameter of another model was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("its parameters: a, b, c_mV, d, v_th_mV, v_min_mV, i_e_pA"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(net.add_population("N", 3, NeuronModel::izhikevich, ModelParams{{"a", NAN}}), ConfigError);
}

}  // namespace
}  // namespace axon
