// The CPU update's fixed-threshold path (kernels/cpu/neuron_update.cpp): a LIF population whose
// thresholds stay put is stepped without reading or writing theta, with exactly the model
// step's results; the backend takes that path only while every theta is theta_0. The same for
// the lean path without external current and lower bound on V, taken only while every current
// is zero and v_min is -inf.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "kernels/cpu/neuron_update.hpp"
#include "kernels/models/lif.hpp"
#include "support/every_isa.hpp"
#include "support/scratch.hpp"

namespace axon {
namespace {

// One population's arrays, owned.
struct Population {
    std::vector<std::vector<float>> state;
    std::vector<float> i_ext;
    std::vector<Fixed> ring;
    cpu::PopulationArrays arrays() {
        cpu::PopulationArrays a{};
        for (std::size_t v = 0; v < state.size(); ++v) a.state[v] = state[v].data();
        a.i_ext = i_ext.data();
        a.size = static_cast<uint32_t>(i_ext.size());
        return a;
    }
};

std::vector<uint32_t> bits(const std::vector<float>& x) {
    std::vector<uint32_t> out(x.size());
    std::memcpy(out.data(), x.data(), x.size() * sizeof(float));
    return out;
}

// A LIF population's constants: the registry's defaults, with theta_0 and the adaptation jump.
ModelConstants constants(NeuronModel model, double theta_0 = -50.0, double delta_theta = 0.0) {
    double p[LifFields::count];
    for (uint32_t k = 0; k < LifFields::count; ++k) p[k] = LifFields::params[k].default_value;
    p[LifFields::v_th] = theta_0;
    p[LifFields::delta_theta] = delta_theta;
    ModelConstants c{};
    c.store<lif_exp_model>(lif_step_constants(p, model == NeuronModel::lif_exp, 0.1));
    return c;
}

// Neurons near threshold, some refractory, theta at theta_0.
Population population(NeuronModel model, uint32_t n, float theta_0) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> v(-66.0f, -49.0f), current(-50.0f, 150.0f), steps(0.0f, 30.0f);
    Population pop;
    const uint32_t vars = model == NeuronModel::lif_exp ? uint32_t{lif_exp_model::state_count} : uint32_t{lif_delta_model::state_count};
    pop.state.assign(vars, std::vector<float>(n, 0.0f));
    for (uint32_t i = 0; i < n; ++i) {
        pop.state[lif_exp_model::v][i] = v(rng);
        pop.state[lif_exp_model::theta][i] = theta_0;
        pop.state[vars - 1][i] = std::floor(steps(rng)) * (i % 3 == 0);  // refractory (the last variable)
        if (model == NeuronModel::lif_exp) {
            pop.state[lif_exp_model::i_exc][i] = current(rng);
            pop.state[lif_exp_model::i_inh][i] = -current(rng);
        }
    }
    pop.i_ext.resize(n);
    for (float& x : pop.i_ext) x = current(rng);
    pop.ring.assign(2u * 2u * n, 0);
    return pop;
}

// The fixed-threshold steps (with the one-pass ring reader and without) against the model's
// general step; `lean`: the populations' currents all zero (+0 and -0), no lower bound on V, and
// the shortcut that leaves both out taken too.
void expect_shortcut_steps_equal_the_model_steps(bool lean) {
    for (const NeuronModel model : {NeuronModel::lif_exp, NeuronModel::lif_delta}) {
        // Two threads' chunks (8,192 neurons at least, kernels/cpu/parallel.hpp), each in blocks of
        // 1,024 and a rest.
        const uint32_t n = 9001, receptors = model == NeuronModel::lif_exp ? 2 : 1;
        const ModelConstants k = constants(model);
        test::on_every_isa([&] {
            for (int threads : {1, 2}) {
                Population general = population(model, n, -50.0f);
                if (lean)
                    for (uint32_t i = 0; i < n; ++i) general.i_ext[i] = i % 2 ? -0.0f : 0.0f;
                Population fixed = general, fixed_small = general;
                ASSERT_TRUE(cpu::fixed_threshold_holds(model, k, fixed.arrays()));
                ASSERT_EQ(cpu::lean_step_holds(model, k, fixed.arrays()), lean);
                std::mt19937 rng(11);
                std::uniform_real_distribution<float> input = model == NeuronModel::lif_exp
                                                                  ? std::uniform_real_distribution<float>(-100.0f, 600.0f)
                                                                  : std::uniform_real_distribution<float>(-2.0f, 3.0f);
                cpu::UpdateScratch scratch_general, scratch_fixed;
                uint64_t spikes = 0;
                for (uint64_t t = 0; t < 40; ++t) {
                    const auto slot = static_cast<uint32_t>(t % 2);
                    const RingView ring_general{general.ring.data(), 2, receptors, n}, ring_fixed{fixed.ring.data(), 2, receptors, n},
                        ring_fixed_small{fixed_small.ring.data(), 2, receptors, n};
                    for (uint32_t r = 0; r < receptors; ++r)
                        for (uint32_t i = 0; i < n; ++i)
                            ring_general.lane(slot, r)[i] = ring_fixed.lane(slot, r)[i] = ring_fixed_small.lane(slot, r)[i] =
                                to_fixed(input(rng));
                    std::vector<uint32_t> spikes_general, spikes_fixed, spikes_fixed_small;
                    cpu::update_population(model, k, general.arrays(), ring_general, slot, StepContext{1, 2, t}, scratch_general,
                                           spikes_general, threads, {});
                    cpu::update_population(model, k, fixed.arrays(), ring_fixed, slot, StepContext{1, 2, t}, scratch_fixed,
                                           spikes_fixed, threads, {true, false, lean});
                    // With the one-pass ring reader too (small_input_test.cpp).
                    cpu::update_population(model, k, fixed_small.arrays(), ring_fixed_small, slot, StepContext{1, 2, t},
                                           scratch_fixed, spikes_fixed_small, threads, {true, true, lean});
                    ASSERT_EQ(spikes_fixed, spikes_general) << "step " << t;
                    ASSERT_EQ(spikes_fixed_small, spikes_general) << "step " << t;
                    for (std::size_t v = 0; v < general.state.size(); ++v) {
                        ASSERT_EQ(bits(fixed.state[v]), bits(general.state[v])) << "var " << v;
                        ASSERT_EQ(bits(fixed_small.state[v]), bits(general.state[v])) << "var " << v;
                    }
                    spikes += spikes_general.size();
                }
                EXPECT_GT(spikes, n / 10) << "too few spikes to compare the threshold tests";
            }
        });
    }
}

TEST(FixedThreshold, StepsEqualTheModelStepsOnEveryIsa) { expect_shortcut_steps_equal_the_model_steps(false); }

TEST(LeanStep, StepsEqualTheModelStepsOnEveryIsa) { expect_shortcut_steps_equal_the_model_steps(true); }

TEST(FixedThreshold, HoldsOnlyWhileEveryThetaIsTheRestingOne) {
    const NeuronModel model = NeuronModel::lif_exp;
    Population pop = population(model, 100, -50.0f);
    EXPECT_TRUE(cpu::fixed_threshold_holds(model, constants(model), pop.arrays()));
    EXPECT_FALSE(cpu::fixed_threshold_holds(model, constants(model, -50.0, 0.5), pop.arrays()));  // adapting
    pop.state[lif_exp_model::theta][99] = -49.0f;
    EXPECT_FALSE(cpu::fixed_threshold_holds(model, constants(model), pop.arrays()));
    Population zero = population(model, 100, -0.0f);  // a step turns theta_0 = -0 into +0
    EXPECT_FALSE(cpu::fixed_threshold_holds(model, constants(model, -0.0), zero.arrays()));
    Population plus_zero = population(model, 100, 0.0f);
    EXPECT_TRUE(cpu::fixed_threshold_holds(model, constants(model, 0.0), plus_zero.arrays()));
    Population izhikevich = population(model, 100, -50.0f);
    EXPECT_FALSE(cpu::fixed_threshold_holds(NeuronModel::izhikevich, constants(model), izhikevich.arrays()));
}

// Through the simulator: a theta written while running is stepped as the model steps it (with
// a fixed threshold the next step makes any finite theta theta_0 again, and the spike test
// uses theta_0), so the backend leaves the fixed-threshold path when the state is written.
TEST(FixedThreshold, WrittenThetasAreSteppedAsTheModelSteps) {
    Network net(NetworkOptions{0.1, 5});
    LifParams p;
    p.i_e_pA = 1000.0;  // fires regularly
    const PopulationId pop = net.add_lif_exp("N", 8, p);
    net.record_all_spikes();
    Simulator sim(std::move(net));
    sim.run(20.0);
    const size_t before = sim.take_spikes(pop).size();
    std::vector<float> theta(8, 1e9f);
    theta[3] = -1e9f;
    sim.set_state(pop, StateVar::theta, theta);
    EXPECT_EQ(sim.state(pop, StateVar::theta)[0], 1e9f);
    sim.run(0.1);
    for (const float after : sim.state(pop, StateVar::theta)) EXPECT_EQ(after, static_cast<float>(p.v_th_mV));
    sim.run(19.9);
    EXPECT_NEAR(static_cast<double>(sim.take_spikes(pop).size()), static_cast<double>(before), 8.0);  // as before
}

TEST(LeanStep, HoldsOnlyWithoutCurrentsAndLowerBound) {
    const auto with = [](NeuronModel model, uint32_t field, double value) {
        double p[LifFields::count];
        for (uint32_t f = 0; f < LifFields::count; ++f) p[f] = LifFields::params[f].default_value;
        p[field] = value;
        ModelConstants c{};
        c.store<lif_exp_model>(lif_step_constants(p, model == NeuronModel::lif_exp, 0.1));
        return c;
    };
    for (const NeuronModel model : {NeuronModel::lif_exp, NeuronModel::lif_delta}) {
        Population pop = population(model, 100, -50.0f);
        EXPECT_FALSE(cpu::lean_step_holds(model, constants(model), pop.arrays()));  // random currents
        for (float& x : pop.i_ext) x = 0.0f;
        pop.i_ext[7] = -0.0f;
        EXPECT_TRUE(cpu::lean_step_holds(model, constants(model), pop.arrays()));
        for (const float tiny : {1e-30f, 1e-40f, -1e-45f}) {  // normal and subnormal
            pop.i_ext[99] = tiny;
            EXPECT_FALSE(cpu::lean_step_holds(model, constants(model), pop.arrays())) << tiny;
        }
        pop.i_ext[99] = 0.0f;
        // A bound on V, however low; E_L = 0, which would keep the sign of a zero sum that the
        // current's term changes.
        EXPECT_FALSE(cpu::lean_step_holds(model, with(model, LifFields::v_min, -1e30), pop.arrays()));
        EXPECT_FALSE(cpu::lean_step_holds(model, with(model, LifFields::e_l, 0.0), pop.arrays()));
        EXPECT_TRUE(cpu::lean_step_holds(model, with(model, LifFields::e_l, -1e-30), pop.arrays()));
        EXPECT_FALSE(cpu::lean_step_holds(NeuronModel::izhikevich, constants(model), pop.arrays()));
    }
}

// The dispatch takes the lean steps: with currents that are not zero, forcing the shortcut
// changes the results (which is why the backend takes it only where lean_step_holds).
TEST(LeanStep, IsTheStepTheShortcutSelects) {
    for (const NeuronModel model : {NeuronModel::lif_exp, NeuronModel::lif_delta}) {
        const uint32_t n = 1000, receptors = model == NeuronModel::lif_exp ? 2 : 1;
        const ModelConstants k = constants(model);
        test::on_every_isa([&] {
            for (const bool small : {false, true}) {
                Population general = population(model, n, -50.0f), lean = general;  // random currents
                ASSERT_FALSE(cpu::lean_step_holds(model, k, lean.arrays()));
                cpu::UpdateScratch scratch;
                std::vector<uint32_t> spikes;
                const RingView ring_general{general.ring.data(), 2, receptors, n}, ring_lean{lean.ring.data(), 2, receptors, n};
                cpu::update_population(model, k, general.arrays(), ring_general, 0, StepContext{1, 2, 0}, scratch, spikes, 1,
                                       {true, small, false});
                cpu::update_population(model, k, lean.arrays(), ring_lean, 0, StepContext{1, 2, 0}, scratch, spikes, 1,
                                       {true, small, true});
                EXPECT_NE(bits(lean.state[lif_exp_model::v]), bits(general.state[lif_exp_model::v])) << small;
            }
        });
    }
}

// Through the simulator: a current set while running drives the neurons (the backend leaves
// the shortcut), and after it is set back to zero they fall silent.
TEST(LeanStep, CurrentsSetWhileRunningDriveTheNeurons) {
    Network net(NetworkOptions{0.1, 5});
    LifParams p;
    p.i_e_pA = 0.0;  // silent without input
    const PopulationId pop = net.add_lif_exp("N", 8, p);
    net.record_all_spikes();
    Simulator sim(std::move(net));
    sim.run(20.0);
    EXPECT_TRUE(sim.take_spikes(pop).empty());
    sim.set_input_current(pop, 1000.0);
    sim.run(20.0);
    EXPECT_GT(sim.take_spikes(pop).size(), 8u);
    sim.set_input_current(pop, 0.0);
    sim.run(5.0);
    sim.take_spikes(pop);
    sim.run(200.0);
    EXPECT_TRUE(sim.take_spikes(pop).empty());
}

// A reset and a restore write the currents too: the network's own (1000 pA) after a reset, the
// checkpoint's after a restore, while the shortcut held for the zero currents before.
TEST(LeanStep, ResetAndRestoreBringTheirCurrents) {
    const auto network = [](double i_e) {
        Network net(NetworkOptions{0.1, 5});
        LifParams p;
        p.i_e_pA = i_e;
        net.add_lif_exp("N", 8, p);
        net.record_all_spikes();
        return net;
    };
    const PopulationId pop{0};
    {
        Simulator sim(network(1000.0));
        sim.set_input_current(pop, 0.0);
        sim.run(20.0);
        EXPECT_TRUE(sim.take_spikes(pop).empty());
        sim.reset_state();
        sim.run(20.0);
        EXPECT_GT(sim.take_spikes(pop).size(), 8u);
    }
    const std::string file = (test::scratch("lean_step") / "driven.ckpt").string();
    {
        Simulator driven(network(0.0));
        driven.set_input_current(pop, 1000.0);
        driven.run(1.0);
        driven.save_checkpoint(file);
    }
    Simulator sim(network(0.0));
    sim.run(20.0);
    EXPECT_TRUE(sim.take_spikes(pop).empty());
    sim.restore(file);
    sim.run(20.0);
    EXPECT_GT(sim.take_spikes(pop).size(), 8u);
}

}  // namespace
}  // namespace axon
