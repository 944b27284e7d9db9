// The lif_cond_exp model (kernels/models/lif_cond_exp.hpp) through the whole simulator:
// without input it relaxes along the exact solution; a conductance pulse and a driven neuron
// follow a reference solution of the same equations (RK4 in double with 1 us steps, exact
// conductance decay); bad parameters are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "axon/axon.hpp"

namespace axon {
namespace {

constexpr double kDt = 0.1, kC = 250.0, kGl = 16.6667, kEl = -70.0, kTauEx = 0.2, kEex = 0.0;

// V sampled after every step of one neuron: a constant current, and an excitatory
// conductance jump of `w` nS arriving at step 100 (a spike source fires once at step 98,
// delay 0.2 ms).
std::vector<float> trace(double i_e, double w, double duration_ms) {
    Network net(NetworkOptions{kDt, 1});
    LifParams source;
    source.i_e_pA = 0.0;
    const PopulationId src = net.add_lif_delta("src", 1, source, InitialState{std::nullopt, {-49.5}, {}});
    const PopulationId n = net.add_population("N", 1, NeuronModel::lif_cond_exp, ModelParams{{"i_e_pA", i_e}});
    net.connect(src, n, ConnectRule::all_to_all(), Distribution::constant(w), Distribution::constant(0.2));
    net.sample(SamplerSpec{n, {0}, {StateVar::v}, 1});
    net.record_spikes(src);
    Simulator sim(std::move(net));
    sim.run(duration_ms);
    return sim.samples(SamplerId{0}).values;
}

TEST(LifCondExp, WithoutInputItRelaxesAlongTheExactSolution) {
    const std::vector<float> v = trace(200.0, 0.0, 50.0);  // I/g_L = 12 mV: below threshold
    for (std::size_t k = 0; k < v.size(); ++k) {
        const double t = (k + 1) * kDt;
        const double exact = kEl + 200.0 / kGl * (1 - std::exp(-t * kGl / kC));
        ASSERT_NEAR(v[k], exact, 2e-4) << "step " << k;
    }
}

TEST(LifCondExp, AConductancePulseFollowsTheReference) {
    const double w = 5.0;
    const std::vector<float> v = trace(0.0, w, 30.0);
    // The source (V at -49.5 mV, threshold -50) fires in step 0; its input arrives at step 2
    // and enters g_ex at the end of that step, so V moves from step 3 on.
    double ref_v = kEl, g = 0;
    const double h = 0.001;
    for (std::size_t k = 0; k < v.size(); ++k) {
        for (int sub = 0; sub < 100; ++sub) {
            auto f = [&](double x, double ge) { return (-kGl * (x - kEl) - ge * (x - kEex)) / kC; };
            const double g_mid = g * std::exp(-h / 2 / kTauEx), g_end = g * std::exp(-h / kTauEx);
            const double k1 = f(ref_v, g), k2 = f(ref_v + h / 2 * k1, g_mid), k3 = f(ref_v + h / 2 * k2, g_mid),
                         k4 = f(ref_v + h * k3, g_end);
            ref_v += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            g = g_end;
        }
        if (k == 2) g += w;
        ASSERT_NEAR(v[k], ref_v, 2e-4) << "step " << k;
    }
    EXPECT_GT(v[10] - kEl, 0.05);  // the pulse moved V
}

// Initial conductances (InitialState::set, initial_g_ex_nS in files) are drawn per neuron,
// apart from V's draws, and then decay exactly: exp(-dt / tau) per step without input.
TEST(LifCondExp, InitialConductancesAreDrawnAndDecay) {
    Network net(NetworkOptions{kDt, 3});
    InitialState init;
    init.v_mV = Distribution::normal(-65.0, 5.0);
    init.set("g_ex", Distribution::normal(40.0, 15.0)).set("g_in", Distribution::constant(200.0));
    const PopulationId n = net.add_population("N", 20000, NeuronModel::lif_cond_exp, ModelParams{{"tau_syn_ex_ms", 5.0}}, init);
    Simulator sim(std::move(net));
    const std::vector<float> g0 = sim.state(n, StateVar("g_ex")), v0 = sim.state(n, StateVar::v);
    double sum = 0, sum2 = 0, cross = 0;
    for (std::size_t i = 0; i < g0.size(); ++i) {
        sum += g0[i];
        sum2 += double(g0[i]) * g0[i];
        cross += (g0[i] - 40.0) * (v0[i] + 65.0);
    }
    const double mean = sum / g0.size(), sd = std::sqrt(sum2 / g0.size() - mean * mean);
    EXPECT_NEAR(mean, 40.0, 0.5);
    EXPECT_NEAR(sd, 15.0, 0.5);
    EXPECT_NEAR(cross / g0.size() / (15.0 * 5.0), 0.0, 0.03);  // independent of V's draws
    EXPECT_EQ(sim.state(n, StateVar("g_in")), std::vector<float>(g0.size(), 200.0f));
    sim.run(kDt);
    const std::vector<float> g1 = sim.state(n, StateVar("g_ex"));
    const auto decay = static_cast<float>(std::exp(-kDt / 2 / 5.0)), half_steps = decay * decay;
    for (std::size_t i = 0; i < 100; ++i) EXPECT_NEAR(g1[i], g0[i] * half_steps, 1e-4f * std::abs(g0[i])) << i;
}

TEST(LifCondExp, BadParametersNameTheFieldAndRange) {
    Network net;
    try {
        net.add_population("N", 2, NeuronModel::lif_cond_exp, ModelParams{{"v_th_mV", -65.0}});
        FAIL() << "a threshold below the reset was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("v_th_mV = -65 is invalid; allowed: (-60, inf)"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(net.add_population("N", 2, NeuronModel::lif_cond_exp, ModelParams{{"g_l_nS", -1.0}}), ConfigError);
}

}  // namespace
}  // namespace axon
