// The seed's second exercise, with spiking neurons: a perceptron's decision is a threshold on
// a weighted sum, and a leaky integrate-and-fire neuron fires under a constant input current
// exactly when I * R exceeds the distance to threshold. Each 2D point (x1, x2) becomes one
// neuron driven by I = w1 x1 + w2 x2 + b; the neurons that fire are the points on the
// positive side of the line w1 x1 + w2 x2 + b = I_rheobase. Exits non-zero on any mismatch.
#include <cstdio>
#include <vector>

#include "axon/axon.hpp"

int main() {
    const double w1 = 300.0, w2 = -200.0, bias = 250.0;  // pA per unit of input, and pA
    axon::LifParams lif;                                  // tau_m 10 ms, C_m 250 pF, 15 mV to threshold
    const double rheobase_pA = (lif.v_th_mV - lif.e_l_mV) * lif.c_m_pF / lif.tau_m_ms;  // 375 pA

    std::vector<std::pair<double, double>> points;
    for (int i = 0; i <= 10; ++i)
        for (int j = 0; j <= 10; ++j) points.push_back({0.1 * i, 0.1 * j});

    axon::Network net;
    const auto neurons = net.add_lif_exp("points", static_cast<uint32_t>(points.size()), lif);
    net.record_spikes(neurons);
    axon::Simulator sim(std::move(net));
    std::vector<float> input(points.size());
    for (std::size_t k = 0; k < points.size(); ++k)
        input[k] = static_cast<float>(w1 * points[k].first + w2 * points[k].second + bias);
    sim.set_input_current(neurons, input);
    sim.run(500.0);

    std::vector<int> fired(points.size(), 0);
    for (axon::NeuronId id : sim.spikes(neurons).neurons) fired[id] = 1;
    int mismatches = 0;
    std::printf("x2 \\ x1  0.0 ... 1.0   (# fired, . silent)\n");
    for (int j = 10; j >= 0; --j) {
        std::printf("%4.1f     ", 0.1 * j);
        for (int i = 0; i <= 10; ++i) {
            const std::size_t k = static_cast<std::size_t>(i * 11 + j);
            const double margin = input[k] - rheobase_pA;  // the perceptron's weighted sum minus threshold
            if (std::abs(margin) > 1.0 && (margin > 0) != (fired[k] == 1)) ++mismatches;
            std::printf("%c", fired[k] ? '#' : '.');
        }
        std::printf("\n");
    }
    std::printf("decision line: %.0f x1 %+.0f x2 %+.0f = %.0f pA; mismatches: %d\n", w1, w2, bias, rheobase_pA,
                mismatches);
    return mismatches == 0 ? 0 : 1;
}
