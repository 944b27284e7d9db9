// The seed text's second exercise: "each input dimension is a presynaptic neuron; the line is
// where the perceptron's weighted sum equals threshold". Two rate units carry a 2-D point
// (x1, x2) in [0, 1]^2 as spike counts (regular output at 1000·x Hz: 50·x spikes in a 50 ms
// window), a third fires at every step (the bias input), and a binary unit that updates every
// 50 ms learns with the perceptron rule from a teacher unit that fires once per window when the
// point's label is 1. After training the weights are copied into the same network without
// plasticity, which classifies points it has never seen.
//
// Separable data (labels by a line, a margin kept clear) must converge and reach 95 % test
// accuracy; XOR-like labels cannot be separated by a line, and the example says so.
// Exits non-zero if either outcome differs.
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "axon/axon.hpp"

namespace {

constexpr double kDt = 1.0;         // ms
constexpr uint32_t kWindow = 50;    // steps per point: the output's update interval
constexpr int kMaxEpochs = 100;

struct Point {
    double x1, x2;
    bool label;
};

std::vector<Point> make_points(int n, bool xor_labels, std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<Point> points;
    while (static_cast<int>(points.size()) < n) {
        const double x1 = u(rng), x2 = u(rng);
        if (xor_labels) {
            points.push_back({x1, x2, (x1 > 0.5) != (x2 > 0.5)});
            continue;
        }
        const double margin = x2 - 0.6 * x1 - 0.2;  // the hidden line x2 = 0.6 x1 + 0.2
        if (std::abs(margin) > 0.06) points.push_back({x1, x2, margin > 0});
    }
    return points;
}

struct Perceptron {
    axon::Network net{axon::NetworkOptions{kDt, 1}};
    axon::PopulationId inputs, teacher, out;
    axon::ProjectionId weights;

    explicit Perceptron(bool learning) {
        // x -> 1000·x Hz, one spike per step at most, exactly counted (regular output).
        inputs = net.add_population("inputs", 3, axon::NeuronModel::rate_relu,
                                    {{"tau_ms", 0.0}, {"gain_Hz", 1000.0}, {"rate_max_Hz", 1000.0}, {"poisson", 0.0}});
        const axon::ModelParams every_window{{"theta", 0.0}, {"update_every_steps", double(kWindow)}};
        out = net.add_population("out", 1, axon::NeuronModel::binary, every_window);
        axon::ProjectionSpec p;
        p.pre = inputs;
        p.post = out;
        p.weight = axon::Distribution::constant(0.0);
        p.delay_ms = axon::Distribution::constant(kDt);
        if (learning) p.plasticity = axon::Plasticity::with(axon::PerceptronParams{0.02, -100.0, 100.0});
        weights = net.connect(p);
        teacher = net.add_population("teacher", 1, axon::NeuronModel::binary, {{"theta", 0.5}, {"update_every_steps", double(kWindow)}});
        if (learning)
            net.connect(teacher, out, axon::ConnectRule::all_to_all(), axon::Distribution::constant(1.0),
                        axon::Distribution::constant(kDt), axon::Receptor::target);
        net.record_spikes(out);
    }
};

// Shows each point for one window; returns how many the output got wrong. The output's answer
// for a point comes at the update that closes its window: the first step of the next one.
int present(axon::Simulator& sim, const Perceptron& p, const std::vector<Point>& points) {
    const std::size_t seen = sim.spikes(p.out).size();
    const axon::Step first = sim.current_step();
    for (const Point& q : points) {
        sim.set_input_current(p.inputs, std::vector<float>{float(q.x1), float(q.x2), 1.0f});
        sim.set_input_current(p.teacher, q.label ? 1.0 : 0.0);
        sim.run(kWindow * kDt);
    }
    sim.run(kDt);  // the update that judges the last point
    std::vector<bool> answer(points.size(), false);
    const axon::SpikeTrain& s = sim.spikes(p.out);
    for (std::size_t k = seen; k < s.size(); ++k) {
        const axon::Step judged = (s.steps[k] - first) / kWindow;  // spike at first + (m + 1)·window
        if (judged >= 1 && judged <= points.size()) answer[judged - 1] = true;
    }
    int wrong = 0;
    for (std::size_t m = 0; m < points.size(); ++m) wrong += answer[m] != points[m].label;
    // Back onto the window grid with silent inputs: the update that closes this gap has no
    // input spikes to count, so it changes no weight.
    sim.set_input_current(p.inputs, 0.0);
    sim.run((kWindow - 1) * kDt);
    return wrong;
}

// Trains until an epoch without mistakes; returns the epochs taken (0: never) and the weights.
int train(const std::vector<Point>& points, std::vector<float>& learned) {
    Perceptron p(true);
    axon::Simulator sim(std::move(p.net));
    for (int epoch = 1; epoch <= kMaxEpochs; ++epoch) {
        const int wrong = present(sim, p, points);
        learned = sim.weights(p.weights);
        if (wrong == 0) return epoch;
    }
    return 0;
}

double test_accuracy(const std::vector<Point>& points, const std::vector<float>& learned) {
    Perceptron p(false);
    axon::Simulator sim(std::move(p.net));
    sim.set_weights(p.weights, learned);
    return 1.0 - double(present(sim, p, points)) / points.size();
}

}  // namespace

int main() {
    std::mt19937 rng(7);
    const std::vector<Point> train_set = make_points(100, false, rng), test_set = make_points(200, false, rng);
    std::vector<float> w;
    const int epochs = train(train_set, w);
    const double accuracy = epochs ? test_accuracy(test_set, w) : 0.0;
    std::printf("separable: %s after %d epochs; weights %.2f x1 %+.2f x2 %+.2f; the line: x2 = %.2f x1 %+.2f "
                "(hidden: 0.60 x1 + 0.20); test accuracy %.1f %% on %zu new points\n",
                epochs ? "converged" : "did NOT converge", epochs ? epochs : kMaxEpochs, w[0], w[1], w[2],
                -w[0] / w[1], -w[2] / w[1], 100 * accuracy, test_set.size());

    const std::vector<Point> xor_set = make_points(100, true, rng);
    const int xor_epochs = train(xor_set, w);
    if (xor_epochs)
        std::printf("XOR: converged after %d epochs, which a line cannot do\n", xor_epochs);
    else
        std::printf("XOR: no epoch without mistakes in %d: the labels are not linearly separable\n", kMaxEpochs);
    return epochs > 0 && accuracy >= 0.95 && xor_epochs == 0 ? 0 : 1;
}
