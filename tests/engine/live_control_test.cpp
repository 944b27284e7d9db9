// Steering a simulator between runs and in callbacks (Simulator::set_poisson_rate(s), set_state,
// reset_state, take_spikes; run() refused inside a callback): each change takes effect at the
// next step and nothing else, so the same calls give the same spikes.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "support/config_error.hpp"

namespace axon {
namespace {

Network driven(double rate_Hz) {
    Network net(NetworkOptions{0.1, 3});
    const PopulationId n = net.add_lif_exp("N", 300, LifParams{});
    net.add_poisson_input(n, rate_Hz, 87.8);
    net.record_all_spikes();
    return net;
}

// Kicks are counter-based draws: after the change, the changed run draws exactly the kicks of a
// run at the new rate from the start, step for step.
TEST(LiveControl, PoissonRateChangesAtTheNextStep) {
    Simulator changed(driven(5000.0)), fixed(driven(20000.0));
    changed.run(50.0);
    fixed.run(50.0);
    const uint64_t changed_before = changed.stats().input_events, fixed_before = fixed.stats().input_events;
    changed.set_poisson_rate(0, 20000.0);
    changed.run(50.0);
    fixed.run(50.0);
    EXPECT_EQ(changed.stats().input_events - changed_before, fixed.stats().input_events - fixed_before);
    EXPECT_GT(changed.stats().input_events - changed_before, 3 * changed_before);
    changed.set_poisson_rate(changed.network().poisson_input_index("poisson->N"), 0.0);
    const uint64_t now = changed.stats().input_events;
    changed.run(10.0);
    EXPECT_EQ(changed.stats().input_events, now);
    test::expect_config_error([&] { changed.set_poisson_rate(1, 10.0); }, {"poisson input = #1 is invalid; allowed: an input of this network (1 defined)"});
    test::expect_config_error([&] { changed.set_poisson_rate(0, -1.0); }, {"poisson input 'poisson->N': rate_Hz = -1 is invalid"});
    test::expect_config_error([&] { changed.network().poisson_input_index("x"); }, {"defined: 'poisson->N'"});
}

// Rates per neuron: a neuron at the one-rate value draws what it would under set_poisson_rate,
// a neuron at 0 gets nothing, and set_poisson_rate afterwards returns to one rate for all.
TEST(LiveControl, PoissonRatesPerNeuron) {
    std::vector<double> rates(300, 20000.0);
    for (uint32_t i = 0; i < 100; ++i) rates[i] = 0.0;          // silent
    for (uint32_t i = 200; i < 300; ++i) rates[i] = 12000.0;    // weaker
    Simulator graded(driven(20000.0)), uniform(driven(20000.0)), back(driven(20000.0));
    graded.set_poisson_rates(0, rates);
    back.set_poisson_rates(0, rates);
    back.set_poisson_rate(0, 20000.0);
    for (Simulator* sim : {&graded, &uniform, &back}) sim->run(100.0);
    const SpikeTrain& g = graded.spikes(PopulationId{0});
    const SpikeTrain& u = uniform.spikes(PopulationId{0});
    auto of_neurons = [](const SpikeTrain& train, uint32_t begin, uint32_t end) {
        std::vector<std::pair<Step, uint32_t>> out;
        for (std::size_t k = 0; k < train.size(); ++k)
            if (train.neurons[k] >= begin && train.neurons[k] < end) out.emplace_back(train.steps[k], train.neurons[k]);
        return out;
    };
    // no recurrence: each neuron's spikes depend on its own kicks only
    EXPECT_TRUE(of_neurons(g, 0, 100).empty());
    EXPECT_EQ(of_neurons(g, 100, 200), of_neurons(u, 100, 200));
    EXPECT_GT(of_neurons(u, 100, 200).size(), 100u);
    EXPECT_LT(of_neurons(g, 200, 300).size(), of_neurons(u, 200, 300).size() / 2);
    EXPECT_EQ(back.spikes(PopulationId{0}).neurons, u.neurons);
    EXPECT_EQ(back.spikes(PopulationId{0}).steps, u.steps);

    test::expect_config_error([&] { graded.set_poisson_rates(0, std::vector<double>(299, 1.0)); },
                              {"poisson input 'poisson->N': rates_Hz = 299 values is invalid; allowed: exactly one per neuron of its target (300)"});
    rates[17] = -2.0;
    test::expect_config_error([&] { graded.set_poisson_rates(0, rates); }, {"poisson input 'poisson->N': rates_Hz[17] = -2 is invalid"});
    rates[17] = NAN;
    test::expect_config_error([&] { graded.set_poisson_rates(0, rates); }, {"rates_Hz[17] = nan"});
    rates[17] = 600000.0;  // 60 kicks per step: above the 50 allowed
    test::expect_config_error([&] { graded.set_poisson_rates(0, rates); }, {"rates_Hz[17] = 600000 is invalid"});
    test::expect_config_error([&] { graded.set_poisson_rates(3, rates); }, {"poisson input = #3 is invalid"});
}

// Setting V before the first step is the same as starting from it.
TEST(LiveControl, SetStateThenRunEqualsStartingFromThatState) {
    std::vector<double> v0;
    for (int i = 0; i < 300; ++i) v0.push_back(-65.0 + 0.04 * i);
    Network from_values = driven(8000.0);
    Network plain = driven(8000.0);
    // the same network with its initial V given
    Network given(NetworkOptions{0.1, 3});
    const PopulationId n = given.add_lif_exp("N", 300, LifParams{}, InitialState{std::nullopt, v0, {}});
    given.add_poisson_input(n, 8000.0, 87.8);
    given.record_all_spikes();
    Simulator a(std::move(plain)), b(std::move(given));
    a.set_state(PopulationId{0}, StateVar::v, std::vector<float>(v0.begin(), v0.end()));
    a.run(100.0);
    b.run(100.0);
    EXPECT_EQ(a.spikes(PopulationId{0}).steps, b.spikes(PopulationId{0}).steps);
    EXPECT_EQ(a.spikes(PopulationId{0}).neurons, b.spikes(PopulationId{0}).neurons);
    EXPECT_GT(a.spikes(PopulationId{0}).size(), 100u);
    a.set_state(PopulationId{0}, StateVar::i_exc, 3.0);
    EXPECT_EQ(a.state(PopulationId{0}, StateVar::i_exc), std::vector<float>(300, 3.0f));
    test::expect_config_error([&] { a.set_state(PopulationId{0}, StateVar("u"), 1.0); }, {"state variable = 'u' is invalid; allowed: a state variable of model lif_exp"});
    test::expect_config_error([&] { a.set_state(PopulationId{0}, StateVar::v, std::vector<float>(3, 0.0f)); }, {"v = 3 values is invalid; allowed: exactly size = 300"});
    test::expect_config_error([&] { a.set_state(PopulationId{0}, StateVar::v, NAN); }, {"v[0] = nan"});
}

// A deterministic network (constant drive, recurrence with delays, no draws after the start):
// after reset_state a second trial repeats the first, shifted by the trial's length, which needs
// the input still in flight at the reset to be gone.
TEST(LiveControl, ResetStateRepeatsADeterministicTrial) {
    Network net(NetworkOptions{0.1, 5});
    LifParams p;
    p.i_e_pA = 380.0;
    InitialState init;
    init.v_mV = Distribution::uniform(-65.0, -50.0);
    const PopulationId n = net.add_lif_exp("N", 100, p, init);
    net.connect(n, n, ConnectRule::fixed_indegree(10), Distribution::uniform(-40.0, 60.0), Distribution::uniform(0.5, 5.0));
    net.record_all_spikes();
    Simulator sim(std::move(net));
    const std::vector<float> v_start = sim.state(n, StateVar::v);
    sim.run(100.0);  // 1000 steps
    const SpikeTrain first = sim.take_spikes(n);
    sim.set_input_current(n, 0.0);
    sim.reset_state();
    EXPECT_EQ(sim.state(n, StateVar::v), v_start);
    sim.run(100.0);
    const SpikeTrain& second = sim.spikes(n);
    ASSERT_GT(first.size(), 50u);
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t k = 0; k < first.size(); ++k) {
        EXPECT_EQ(second.steps[k], first.steps[k] + 1000) << k;
        EXPECT_EQ(second.neurons[k], first.neurons[k]) << k;
    }
}

TEST(LiveControl, TakeSpikesHandsThemOverAndKeepsNone) {
    Simulator whole(driven(12000.0)), pieces(driven(12000.0));
    whole.run(1000.0);
    std::vector<Step> steps;
    std::vector<NeuronId> neurons;
    for (int k = 0; k < 10000; ++k) {  // a step at a time
        pieces.run(0.1);
        SpikeTrain t = pieces.take_spikes(PopulationId{0});
        steps.insert(steps.end(), t.steps.begin(), t.steps.end());
        neurons.insert(neurons.end(), t.neurons.begin(), t.neurons.end());
        ASSERT_EQ(pieces.spikes(PopulationId{0}).steps.capacity(), 0u);
    }
    EXPECT_EQ(pieces.current_step(), whole.current_step());
    EXPECT_EQ(steps, whole.spikes(PopulationId{0}).steps);
    EXPECT_EQ(neurons, whole.spikes(PopulationId{0}).neurons);
}

// A sink gets every spike once, in order, in pieces of at most its interval, and the
// simulator keeps none: one long run() holds a bounded amount.
TEST(LiveControl, SpikeSinksGetEverySpikeInBoundedPieces) {
    Simulator whole(driven(12000.0)), streamed(driven(12000.0));
    whole.run(1000.0);
    std::vector<Step> steps;
    std::vector<NeuronId> neurons;
    std::size_t pieces = 0;
    streamed.on_spikes(
        [&](PopulationId p, const SpikeTrain& t) {
            EXPECT_EQ(p.index, 0u);
            EXPECT_LT(t.steps.back() - t.steps.front(), 250u);
            steps.insert(steps.end(), t.steps.begin(), t.steps.end());
            neurons.insert(neurons.end(), t.neurons.begin(), t.neurons.end());
            ++pieces;
        },
        250);
    streamed.run(1000.0);  // one call, 10,000 steps
    EXPECT_GE(pieces, 40u);  // every 250 steps, and where runs break for a stop check
    EXPECT_LE(pieces, 43u);
    EXPECT_TRUE(streamed.spikes(PopulationId{0}).empty());
    EXPECT_EQ(steps, whole.spikes(PopulationId{0}).steps);
    EXPECT_EQ(neurons, whole.spikes(PopulationId{0}).neurons);
}

// request_stop (what Ctrl-C calls) ends a run at the next chunk boundary with everything up to
// there recorded, the same as a run of that length.
TEST(LiveControl, RequestStopEndsTheRunAtABoundary) {
    Simulator whole(driven(12000.0)), stopped(driven(12000.0));
    whole.run(50.0);
    stopped.every(500, [](Simulator& s) { s.request_stop(); });
    stopped.run(1000.0);
    EXPECT_TRUE(stopped.stop_requested());
    EXPECT_EQ(stopped.current_step(), 500u);
    EXPECT_EQ(stopped.spikes(PopulationId{0}).steps, whole.spikes(PopulationId{0}).steps);
    stopped.run(10.0);  // still stopped: nothing runs
    EXPECT_EQ(stopped.current_step(), 500u);
    stopped.clear_stop();
    stopped.run(10.0);
    EXPECT_EQ(stopped.current_step(), 600u);
}

TEST(LiveControl, RunInsideACallbackIsRefused) {
    Simulator sim(driven(8000.0));
    bool refused = false;
    sim.every(10, [&](Simulator& s) {
        try {
            s.run(1.0);
        } catch (const ConfigError& e) {
            refused = std::string(e.what()).find("called from inside a callback") != std::string::npos;
        }
    });
    sim.run(2.0);
    EXPECT_TRUE(refused);
    EXPECT_EQ(sim.current_step(), 20u);
}

}  // namespace
}  // namespace axon
