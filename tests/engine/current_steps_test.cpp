// Scheduled input currents (Network::add_current_steps, [[current_steps]] in files): each row
// becomes the population's input current at its step, rows repeat or the last one holds, a
// row of one value sets every neuron, and bad schedules are refused with the field named.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "axon/axon.hpp"

namespace axon {
namespace {

// Binary units with theta 0.5 fire at every step while their current is 1: the recorded
// spikes show which row held at each step.
std::vector<std::vector<Step>> spikes_per_unit(const Simulator& sim, PopulationId p, uint32_t size) {
    std::vector<std::vector<Step>> out(size);
    const SpikeTrain& s = sim.spikes(p);
    for (std::size_t k = 0; k < s.size(); ++k) out[s.neurons[k]].push_back(s.steps[k]);
    return out;
}

std::vector<Step> range(Step from, Step to) {
    std::vector<Step> r;
    for (Step s = from; s < to; ++s) r.push_back(s);
    return r;
}

TEST(CurrentSteps, RowsHoldForTheirStepsAndTheLastOneHolds) {
    Network net(NetworkOptions{0.1, 1});
    const PopulationId u = net.add_population("u", 2, NeuronModel::binary, ModelParams{{"theta", 0.5}});
    net.add_current_steps(CurrentStepsSpec{u, 3, {{1.0, 0.0}, {0.0}, {0.0, 1.0}}, false});
    net.record_spikes(u);
    Simulator sim(std::move(net));
    sim.run(0.5);  // steps 0..4, then a run that starts inside the second row
    sim.run(1.0);  // steps 5..14
    const auto s = spikes_per_unit(sim, u, 2);
    EXPECT_EQ(s[0], range(0, 3));   // row 0 at steps 0..2
    EXPECT_EQ(s[1], range(6, 15));  // row 2 from step 6 on, held after the last row
}

TEST(CurrentSteps, RowsRepeatAndManualCurrentsLastUntilTheNextRow) {
    Network net(NetworkOptions{0.1, 1});
    const PopulationId u = net.add_population("u", 1, NeuronModel::binary, ModelParams{{"theta", 0.5}});
    net.add_current_steps(CurrentStepsSpec{u, 2, {{1.0}, {0.0}}, true});
    net.record_spikes(u);
    Simulator sim(std::move(net));
    sim.run(0.7);  // steps 0..6: on at 0, 1, 4, 5
    sim.set_input_current(u, 1.0);
    sim.run(0.3);  // step 7 (set by hand), then rows again at 8 (on) and 9
    const SpikeTrain& s = sim.spikes(u);
    EXPECT_EQ(std::vector<Step>(s.steps.begin(), s.steps.end()), (std::vector<Step>{0, 1, 4, 5, 7, 8, 9}));
}

TEST(CurrentSteps, BadSchedulesNameTheField) {
    Network net;
    const PopulationId u = net.add_population("u", 3, NeuronModel::binary);
    const PopulationId src = net.add_poisson("src", 3, 10.0);
    const auto expect_error = [&](const CurrentStepsSpec& spec, const std::string& text) {
        try {
            net.add_current_steps(spec);
            FAIL() << "accepted: " << text;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
        }
    };
    expect_error(CurrentStepsSpec{u, 1, {{1.0, 2.0}}, false}, "values[0] = 2 values is invalid; allowed: 1 value");
    expect_error(CurrentStepsSpec{u, 1, {}, false}, "values = [] is invalid; allowed: at least one row");
    expect_error(CurrentStepsSpec{u, 0, {{1.0}}, false}, "every_steps = 0 is invalid");
    expect_error(CurrentStepsSpec{u, 1, {{1.0}, {1.0, NAN, 0.0}}, false}, "values[1][1] = nan");
    expect_error(CurrentStepsSpec{src, 1, {{1.0}}, false}, "model poisson takes none");
    EXPECT_TRUE(net.current_steps().empty());
}

}  // namespace
}  // namespace axon
