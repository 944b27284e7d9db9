// The rate models (kernels/models/rate.hpp) against closed forms: the rate relaxes along
// r_inf (1 - exp(-t / tau)); the transfers are the ReLU and the sigmoid; a regular output
// emits the rate's integral to within a spike, a Poisson output has the rate and an ISI CV
// near 1; arriving weights enter h and decay with tau_syn; bad parameters are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "axon/axon.hpp"

namespace axon {
namespace {

constexpr double kDt = 0.1;

PopulationId add_rate(Network& net, NeuronModel model, uint32_t size, ModelParams params) {
    return net.add_population("R" + std::to_string(net.populations().size()), size, model, std::move(params));
}

TEST(Rate, RelaxesToTheReluOfItsInput) {
    Network net(NetworkOptions{kDt, 1});
    const PopulationId r = add_rate(net, NeuronModel::rate_relu, 1,
                                    {{"tau_ms", 10.0}, {"gain_Hz", 80.0}, {"bias", 0.25}, {"rate_max_Hz", 1000.0}});
    net.sample(SamplerSpec{r, {0}, {StateVar("rate")}, 1});
    Simulator sim(std::move(net));
    sim.set_input_current(r, 0.5);
    sim.run(50.0);
    const std::vector<float> v = sim.samples(SamplerId{0}).values;
    const double r_inf = 80.0 * 0.75;
    for (std::size_t k = 0; k < v.size(); k += 50) {
        const double t = (k + 1) * kDt;
        EXPECT_NEAR(v[k], r_inf * (1.0 - std::exp(-t / 10.0)), 1e-4 * r_inf) << "step " << k;
    }
    sim.set_input_current(r, -1.0);  // u = -0.75: the ReLU gives 0, and r decays to it
    sim.run(100.0);
    EXPECT_NEAR(sim.state(r, StateVar("rate"))[0], v.back() * std::exp(-100.0 / 10.0), 1e-3);
}

TEST(Rate, SigmoidAndSaturationFollowTheirFormulas) {
    Network net(NetworkOptions{kDt, 1});
    const PopulationId s = add_rate(net, NeuronModel::rate_sigmoid, 3, {{"tau_ms", 0.0}, {"gain", 2.0}, {"rate_max_Hz", 50.0}});
    const PopulationId c = add_rate(net, NeuronModel::rate_relu, 1, {{"tau_ms", 0.0}, {"gain_Hz", 100.0}, {"rate_max_Hz", 30.0}});
    Simulator sim(std::move(net));
    sim.set_input_current(s, std::vector<float>{0.0f, 1.0f, -0.5f});
    sim.set_input_current(c, 2.0);
    sim.run(kDt);
    const std::vector<float> rate = sim.state(s, StateVar("rate"));
    EXPECT_FLOAT_EQ(rate[0], 25.0f);
    EXPECT_NEAR(rate[1], 50.0 / (1.0 + std::exp(-2.0)), 1e-5);
    EXPECT_NEAR(rate[2], 50.0 / (1.0 + std::exp(1.0)), 1e-5);
    EXPECT_FLOAT_EQ(sim.state(c, StateVar("rate"))[0], 30.0f);  // 200 Hz capped at rate_max_Hz
}

TEST(Rate, RegularOutputEmitsTheIntegralOfTheRate) {
    Network net(NetworkOptions{kDt, 1});
    const PopulationId r = add_rate(net, NeuronModel::rate_relu, 3,
                                    {{"tau_ms", 0.0}, {"gain_Hz", 100.0}, {"poisson", 0.0}, {"rate_max_Hz", 1e5}});
    net.record_spikes(r);
    Simulator sim(std::move(net));
    sim.set_input_current(r, std::vector<float>{0.5f, 1.37f, 2000.0f});  // 50 Hz, 137 Hz, beyond a spike a step
    sim.run(1000.0);
    std::vector<int> count(3, 0);
    for (NeuronId id : sim.spikes(r).neurons) ++count[id];
    EXPECT_NEAR(count[0], 50, 1);
    EXPECT_NEAR(count[1], 137, 1);
    EXPECT_EQ(count[2], 10000);  // saturated: one spike at every step
}

TEST(Rate, PoissonOutputHasTheRateAndIrregularIntervals) {
    Network net(NetworkOptions{kDt, 5});
    const PopulationId r = add_rate(net, NeuronModel::rate_relu, 400, {{"tau_ms", 0.0}, {"gain_Hz", 40.0}});
    net.record_spikes(r);
    Simulator sim(std::move(net));
    sim.set_input_current(r, 1.0);  // 40 Hz
    sim.run(2000.0);
    const ActivityStats a = activity(sim.spikes(r), 400, kDt, 0.0, 2000.0);
    EXPECT_NEAR(a.mean_rate_Hz, 40.0, 1.0);  // 32,000 spikes: SD of the mean 0.22 Hz
    EXPECT_NEAR(a.mean_cv_isi, 1.0, 0.05);
}

// A unit firing at every step drives the rate unit through an ordinary projection: h jumps by
// the weight at the end of each arrival's step and decays with tau_syn in between.
TEST(Rate, ArrivingWeightsEnterTheInputAndDecay) {
    Network net(NetworkOptions{kDt, 1});
    const PopulationId src = net.add_population("src", 1, NeuronModel::binary, ModelParams{{"bias", 1.0}});
    const PopulationId r = add_rate(net, NeuronModel::rate_relu, 1, {{"tau_syn_ms", 2.0}});
    net.connect(src, r, ConnectRule::all_to_all(), Distribution::constant(0.3), Distribution::constant(kDt));
    Simulator sim(std::move(net));
    sim.run(10 * kDt);  // arrivals at steps 1..9
    const double d = std::exp(-kDt / 2.0);
    double h = 0;
    for (int k = 1; k <= 9; ++k) h = h * d + 0.3;
    EXPECT_NEAR(sim.state(r, StateVar("h"))[0], h, 1e-5);
}

TEST(Rate, BadParametersNameTheFieldAndRange) {
    Network net;
    const auto expect_error = [&](NeuronModel model, ModelParams p, const std::string& text) {
        try {
            net.add_population("N", 2, model, std::move(p));
            FAIL() << "accepted: " << text;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
        }
    };
    expect_error(NeuronModel::rate_relu, {{"tau_ms", -1.0}}, "tau_ms = -1 is invalid; allowed: [0, inf)");
    expect_error(NeuronModel::rate_sigmoid, {{"poisson", 2.0}}, "poisson = 2 is invalid; allowed: [0, 1]");
    expect_error(NeuronModel::rate_sigmoid, {{"gain_Hz", 1.0}}, "gain_Hz");  // the ReLU's name, not the sigmoid's
    expect_error(NeuronModel::rate_relu, {{"tau_syn_ms", 0.0}}, "tau_syn_ms = 0 is invalid; allowed: (0, inf)");
}

}  // namespace
}  // namespace axon
