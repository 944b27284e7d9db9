// The binary threshold unit (kernels/models/binary.hpp) against hand-computed outputs: units
// whose bias reaches their threshold fire at each update (every step, or every third), and
// downstream units fire exactly where the weights that arrived since their last update reach
// theirs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "axon/axon.hpp"

namespace axon {
namespace {

std::vector<Step> steps_of(const SpikeTrain& s) { return std::vector<Step>(s.steps.begin(), s.steps.end()); }

TEST(Binary, OutputsMatchHandComputedSums) {
    Network net(NetworkOptions{0.1, 1});
    const auto unit = [&](const char* name, double theta, double bias, double every) {
        return net.add_population(name, 1, NeuronModel::binary,
                                  ModelParams{{"theta", theta}, {"bias", bias}, {"update_every_steps", every}});
    };
    const PopulationId a = unit("A", 1.0, 1.0, 1);    // fires at every step
    const PopulationId b = unit("B", 1.0, 1.0, 3);    // fires at steps 0, 3, 6, ...
    const PopulationId t = unit("T", 1.5, 0.0, 1);    // needs both inputs in one step
    const PopulationId u = unit("U", 2.5, 0.0, 2);    // sums two steps' inputs
    for (PopulationId post : {t, u})
        for (PopulationId pre : {a, b})
            net.connect(pre, post, ConnectRule::all_to_all(), Distribution::constant(1.0), Distribution::constant(0.1));
    net.record_all_spikes();
    Simulator sim(std::move(net));
    sim.run(3.0);  // steps 0..29
    std::vector<Step> every, third, both, summed;
    for (Step s = 0; s < 30; ++s) {
        every.push_back(s);
        if (s % 3 == 0) third.push_back(s);
        if (s >= 1 && s % 3 == 1) both.push_back(s);  // B's spikes arrive at 1, 4, 7, ... with A's
        // U updates at even steps with the arrivals of steps s - 1 and s: A's two, B's one when
        // B's arrival (1, 4, 7, ...) is one of them: s mod 6 in {2, 4}.
        if (s % 6 == 2 || s % 6 == 4) summed.push_back(s);
    }
    EXPECT_EQ(steps_of(sim.spikes(a)), every);
    EXPECT_EQ(steps_of(sim.spikes(b)), third);
    EXPECT_EQ(steps_of(sim.spikes(t)), both);
    EXPECT_EQ(steps_of(sim.spikes(u)), summed);
    EXPECT_EQ(sim.state(u, "y").size(), 1u);
}

TEST(Binary, AnInputCurrentCountsLikeTheBias) {
    Network net(NetworkOptions{0.1, 1});
    const PopulationId n = net.add_population("N", 4, NeuronModel::binary, ModelParams{{"theta", 2.0}});
    net.record_spikes(n);
    Simulator sim(std::move(net));
    sim.run(1.0);
    EXPECT_TRUE(sim.spikes(n).empty());
    sim.set_input_current(n, std::vector<float>{0.0f, 2.0f, 1.9f, 3.0f});
    sim.run(1.0);  // 10 steps: neurons 1 and 3 fire at each
    EXPECT_EQ(sim.spikes(n).size(), 20u);
}

TEST(Binary, BadParametersNameTheFieldAndRange) {
    Network net;
    try {
        net.add_population("N", 2, NeuronModel::binary, ModelParams{{"update_every_steps", 0.0}});
        FAIL() << "an update interval of 0 steps was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("update_every_steps = 0 is invalid; allowed: [1, 1000000000]"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace axon
