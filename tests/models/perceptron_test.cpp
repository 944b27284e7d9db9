// The perceptron rule (Plasticity::with(PerceptronParams)) on a projection into binary units,
// against a hand-computed run: w += eta (target - y) x at each update of the output unit,
// x counting the input spikes of the update window; and its configuration errors.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "support/config_error.hpp"
#include "support/paths.hpp"

namespace axon {
namespace {

constexpr double kDt = 0.1;
constexpr int kWindow = 4;  // the output's update interval, in steps

// Two input units and a teacher that fire at every step (inputs) or every 4th step (teacher)
// while their input current is 1; an output unit (theta 3) updating every 4th step, learning
// with eta = 1/8 from the inputs, its target from the teacher.
struct PerceptronRig {
    Network net{NetworkOptions{kDt, 1}};
    PopulationId in, teacher, out;
    ProjectionId learned;

    PerceptronRig() {
        in = net.add_population("in", 2, NeuronModel::binary, ModelParams{{"theta", 0.5}});
        teacher = net.add_population("teacher", 1, NeuronModel::binary,
                                     ModelParams{{"theta", 0.5}, {"update_every_steps", kWindow}});
        out = net.add_population("out", 1, NeuronModel::binary, ModelParams{{"theta", 3.0}, {"update_every_steps", kWindow}});
        ProjectionSpec p;
        p.pre = in;
        p.post = out;
        p.rule = ConnectRule::all_to_all();
        p.weight = Distribution::constant(0.0);
        p.delay_ms = Distribution::constant(kDt);
        p.plasticity = Plasticity::with(PerceptronParams{0.125, -10.0, 10.0});
        learned = net.connect(p);
        net.connect(teacher, out, ConnectRule::all_to_all(), Distribution::constant(1.0), Distribution::constant(kDt),
                    Receptor::target);
        net.record_spikes(out);
    }
};

// Chunk c = steps 4c..4c+3 shows one pattern; the update at step 4(c+1) judges it. A weight
// learned at step s reaches spikes emitted after s (propagation precedes learning in a step).
TEST(Perceptron, LearnsAsComputedByHand) {
    PerceptronRig rig;
    Simulator sim(std::move(rig.net));
    auto chunk = [&](float x0, float x1, float label) {
        sim.set_input_current(rig.in, std::vector<float>{x0, x1});
        sim.set_input_current(rig.teacher, label);
        sim.run(kWindow * kDt);
        return sim.weights(rig.learned);
    };
    using W = std::vector<float>;
    EXPECT_EQ(chunk(1, 0, 1), (W{0.0f, 0.0f}));   // update at 0: an empty window
    EXPECT_EQ(chunk(1, 0, 1), (W{0.5f, 0.0f}));   // at 4: sum 0, y 0, target 1, x (4, 0)
    EXPECT_EQ(chunk(1, 0, 1), (W{1.0f, 0.0f}));   // at 8: sum 0 + 3 x 0.5 < 3
    EXPECT_EQ(chunk(1, 0, 1), (W{1.0f, 0.0f}));   // at 12: sum 0.5 + 3 x 1 >= 3, y 1: right
    EXPECT_EQ(chunk(1, 1, 0), (W{1.0f, 0.0f}));   // at 16: sum 4, y 1, target 1
    EXPECT_EQ(chunk(1, 1, 0), (W{0.5f, -0.5f}));  // at 20: sum 4, y 1, target 0, x (4, 4)
    EXPECT_EQ(chunk(1, 1, 0), (W{0.5f, -0.5f}));  // at 24: sum 1 + 3 x 0 < 3, y 0: right
    const SpikeTrain& s = sim.spikes(rig.out);
    EXPECT_EQ(std::vector<Step>(s.steps.begin(), s.steps.end()), (std::vector<Step>{12, 16, 20}));
    EXPECT_EQ(sim.state(rig.out, StateVar("target"))[0], 0.0f);  // the last update's target
}

TEST(Perceptron, WeightsStayWithinTheirBounds) {
    PerceptronRig rig;
    ProjectionSpec bounded = rig.net.projections()[rig.learned.index];
    bounded.name = "bounded";
    bounded.plasticity = Plasticity::with(PerceptronParams{1.0, -0.25, 0.75});  // +4 per error: clipped
    const ProjectionId b = rig.net.connect(bounded);
    Simulator sim(std::move(rig.net));
    sim.set_input_current(rig.in, 1.0);
    sim.set_input_current(rig.teacher, 1.0);
    sim.run(3 * kWindow * kDt);
    EXPECT_EQ(sim.weights(b), (std::vector<float>{0.75f, 0.75f}));
}

// examples/experiments/perceptron.toml: the teacher's rows are the labels; after its 10 passes
// over 40 points the last pass is without mistakes.
TEST(Perceptron, ExperimentFileLearnsToSeparateItsPoints) {
    Experiment e = load_experiment(test::kExamples + "/perceptron.toml");
    const std::vector<std::vector<double>> labels = e.network.current_steps()[1].values;
    const uint32_t window = e.network.current_steps()[1].every_steps;
    const PopulationId out = e.network.population_id("out");
    Simulator sim(std::move(e.network));
    sim.run(e.duration_ms + 1.0);  // and the update that judges the last point
    std::vector<bool> answer(sim.current_step() / window + 1, false);  // [w]: judged at step w·window
    for (Step s : sim.spikes(out).steps) answer[s / window] = true;
    const std::size_t points = labels.size(), passes = (answer.size() - 1) / points;
    ASSERT_EQ(passes, 10u);
    int mistakes_first = 0, mistakes_last = 0;
    for (std::size_t m = 0; m < points; ++m) {
        const bool label = labels[m][0] > 0.5;
        mistakes_first += answer[m + 1] != label;
        mistakes_last += answer[(passes - 1) * points + m + 1] != label;
    }
    EXPECT_GT(mistakes_first, 0);
    EXPECT_EQ(mistakes_last, 0);
}

TEST(Perceptron, ConfigurationErrorsNameTheField) {
    Network net;
    const PopulationId in = net.add_population("in", 2, NeuronModel::binary);
    const PopulationId lif = net.add_lif_exp("lif", 2, LifParams{});
    const PopulationId out = net.add_population("out", 2, NeuronModel::binary);
    ProjectionSpec p;
    p.pre = in;
    p.post = lif;
    p.plasticity = Plasticity::with(PerceptronParams{});
    test::expect_config_error([&] { net.connect(p); }, {"a projection into binary units (post 'lif' is lif_exp)"});
    p.post = out;
    p.plasticity.perceptron.eta = -1.0;
    test::expect_config_error([&] { net.connect(p); }, {"perceptron.eta = -1 is invalid"});
    p.plasticity.perceptron.eta = 0.1;
    p.receptor = Receptor::target;
    test::expect_config_error([&] { net.connect(p); }, {"the perceptron rule learns the input weights"});
    test::expect_config_error([&] { net.connect(in, lif, ConnectRule::all_to_all(), Distribution::constant(1.0), std::nullopt, Receptor::target); }, {"model lif_exp of 'lif' has no target input"});
    test::expect_config_error([&] { net.add_poisson_input(lif, 10.0, 1.0, Receptor::target); }, {"has no target input"});
}

}  // namespace
}  // namespace axon
