// The CPU update's one-pass ring reader for populations whose input stays small
// (cpu::UpdateShortcuts::small_input, kernels/cpu/neuron_update.cpp) and the bound that lets the
// backend take it (engine/src/backends/cpu_input_bound.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "axon/axon.hpp"
#include "engine/src/backend_setup.hpp"
#include "engine/src/backends/cpu_input_bound.hpp"
#include "kernels/cpu/neuron_update.hpp"
#include "support/every_isa.hpp"

namespace axon {
namespace {

using detail::InputBound;

std::vector<uint32_t> bits(const std::vector<float>& x) {
    std::vector<uint32_t> out(x.size());
    std::memcpy(out.data(), x.data(), x.size() * sizeof(float));
    return out;
}

// One population of `model` as the backend sets it up (default parameters, initial state).
struct Population {
    detail::PopulationSetup setup;
    std::vector<float> i_ext;
    std::vector<Fixed> ring;
    cpu::PopulationArrays arrays() {
        cpu::PopulationArrays a{};
        for (std::size_t v = 0; v < setup.state.size(); ++v) a.state[v] = setup.state[v].data();
        a.i_ext = i_ext.data();
        a.size = setup.size;
        return a;
    }
};

Population population(NeuronModel model, uint32_t n) {
    Network net(NetworkOptions{0.1, 3});
    InitialState init;
    for (const StateInfo& var : model_info(model).state)
        if (std::string_view(var.name) == "v") init.v_mV = Distribution::uniform(-70.0, -45.0);
    net.add_population("P", n, model, {}, init);
    Population pop{detail::population_setup(net, 0), {}, {}};
    pop.i_ext.assign(n, pop.setup.i_e + 400.0f);  // drives the LIF models to fire
    pop.ring.assign(std::size_t{2} * pop.setup.n_receptors * n, 0);
    return pop;
}

// Every model that takes input, on every ISA and over two threads' chunks: the one-pass reader
// gives the two-pass reader's spikes and states bit for bit and clears the lanes the same,
// with inputs up to the ends of the detour's range [-2^51, 2^51) fixed-point units.
TEST(SmallInput, StepsEqualTheExactReadersForEveryModelAndIsa) {
    const uint32_t n = 9001;
    uint64_t spikes = 0;
    for (const NeuronModel model : neuron_models()) {
        if (model_info(model).receptors == 0) continue;
        test::on_every_isa([&] {
            for (int threads : {1, 2}) {
                Population exact = population(model, n), small = exact;
                const uint32_t lanes = exact.setup.n_receptors;
                std::mt19937 rng(11);
                std::uniform_real_distribution<float> input(-20.0f, 60.0f);
                const Fixed edges[] = {(Fixed{1} << 51) - 1, -(Fixed{1} << 51), (Fixed{1} << 51) - (Fixed{1} << 27)};
                cpu::UpdateScratch scratch_exact, scratch_small;
                for (uint64_t t = 0; t < 30; ++t) {
                    const auto slot = static_cast<uint32_t>(t % 2);
                    const RingView ring_exact{exact.ring.data(), 2, lanes, n}, ring_small{small.ring.data(), 2, lanes, n};
                    for (uint32_t r = 0; r < lanes; ++r)
                        for (uint32_t i = 0; i < n; ++i)
                            ring_exact.lane(slot, r)[i] = ring_small.lane(slot, r)[i] =
                                i % 1000 == 7 ? edges[(i / 1000 + t) % 3] : to_fixed(input(rng));
                    std::vector<uint32_t> spikes_exact, spikes_small;
                    const StepContext ctx{1, 2, t};
                    cpu::update_population(model, exact.setup.constants, exact.arrays(), ring_exact, slot, ctx, scratch_exact,
                                           spikes_exact, threads, {});
                    cpu::update_population(model, small.setup.constants, small.arrays(), ring_small, slot, ctx, scratch_small,
                                           spikes_small, threads, {false, true});
                    const std::string where = std::string(to_string(model)) + " step " + std::to_string(t);
                    ASSERT_EQ(spikes_small, spikes_exact) << where;
                    for (std::size_t v = 0; v < exact.setup.state.size(); ++v)
                        ASSERT_EQ(bits(small.setup.state[v]), bits(exact.setup.state[v])) << where << " var " << v;
                    ASSERT_EQ(small.ring, exact.ring) << where;
                    for (uint32_t r = 0; r < lanes; ++r)
                        ASSERT_EQ(ring_small.lane(slot, r)[n - 1], 0) << where << ": the slot read is cleared";
                    spikes += spikes_exact.size();
                }
                EXPECT_NE(bits(exact.setup.state[0]), bits(population(model, n).setup.state[0])) << to_string(model);
            }
        });
    }
    EXPECT_GT(spikes, uint64_t{n}) << "too few spikes to compare the spike tests";
}

TEST(InputBound, MaxIndegreeFollowsTheRule) {
    using detail::max_indegree;
    EXPECT_EQ(max_indegree(ConnectRule::one_to_one(), 500), 1.0);
    EXPECT_EQ(max_indegree(ConnectRule::all_to_all(), 500), 500.0);
    EXPECT_EQ(max_indegree(ConnectRule::fixed_probability(0.1), 500), 500.0);
    EXPECT_EQ(max_indegree(ConnectRule::fixed_indegree(40), 500), 40.0);
    EXPECT_EQ(max_indegree(ConnectRule::fixed_indegree(4000), 500), 4000.0);  // multapses
    EXPECT_EQ(max_indegree(ConnectRule::fixed_outdegree(3), 500), 1500.0);   // all of them onto one
    EXPECT_EQ(max_indegree(ConnectRule::fixed_outdegree(3, true, false), 500), 500.0);
    EXPECT_EQ(max_indegree(ConnectRule::fixed_total_number(9000), 500), 9000.0);
    EXPECT_EQ(max_indegree(ConnectRule::fixed_total_number(9000, true, false), 500), 500.0);
    Network net;
    const PopulationId a = net.add_lif_exp("A", 3, LifParams{}), b = net.add_lif_exp("B", 4, LifParams{});
    const std::vector<uint32_t> pre{0, 1, 2, 2}, post{3, 3, 3, 1};
    ProjectionSpec spec;
    spec.pre = a;
    spec.post = b;
    const ProjectionId arrays = net.connect_arrays(spec, pre, post);
    EXPECT_EQ(max_indegree(net.projections()[arrays.index].rule, 3), 3.0);  // three onto neuron 3
}

TEST(InputBound, LargestWeightStopsPastTheLimit) {
    const float w[] = {0.5f, -3.0f, 2.0f};
    EXPECT_EQ(detail::max_abs_weight(w, 3, 10.0), 3.0);
    EXPECT_EQ(detail::max_abs_weight(w, 3, 2.5), std::numeric_limits<double>::infinity());
    const float nan[] = {1.0f, std::nanf("")};
    EXPECT_EQ(detail::max_abs_weight(nan, 2, 10.0), std::numeric_limits<double>::infinity());
    EXPECT_EQ(detail::max_abs_weight(nullptr, 0, 10.0), 0.0);
}

// The detour converts below 2^19 weight units in magnitude; a lane at the limit counts as beyond.
TEST(InputBound, SmallWhileEveryLaneStaysBelowTwoToTheNineteenUnits) {
    InputBound bound(2);
    EXPECT_TRUE(bound.small());
    bound.add(0, 2, 262143.0);
    bound.add(1, 1000, 500.0);
    EXPECT_TRUE(bound.small());
    EXPECT_EQ(bound.room(0), 0x1p19 * (1 - 1e-9) - 524286.0);
    bound.add(1, 1, 24288.0);  // 2^19 exactly
    EXPECT_FALSE(bound.small());
    InputBound held(1);
    held.add(0, 1, detail::weight_units(std::numeric_limits<Fixed>::min()));
    EXPECT_FALSE(held.small());
    InputBound unknown(1);
    unknown.add(0, 10, std::numeric_limits<double>::infinity());
    EXPECT_FALSE(unknown.small());
    InputBound none(1);
    none.add(0, 0, std::numeric_limits<double>::infinity());  // no synapses: nothing arrives
    EXPECT_TRUE(none.small());
}

}  // namespace
}  // namespace axon
