// The seed's first exercise: two input neurons that both fire when "a red square" is seen,
// and a third neuron that receives them. Inputs A and B relay the same Poisson train (the red
// square), input C fires independently at the same rate. Every input reaches the target
// through a Hebbian synapse (dw = eta x_pre y_post - lambda w): the target fires when A and B
// arrive together, so their synapses strengthen ("fire together, wire together"), while C's
// decay. Exits non-zero if that does not happen.
#include <cstdio>
#include <numeric>

#include "axon/axon.hpp"

int main() {
    axon::Network net(axon::NetworkOptions{0.1, 21});
    axon::LifParams relay;  // a spike in, a spike out
    relay.e_l_mV = 0;
    relay.v_reset_mV = 0;
    relay.v_th_mV = 1;
    relay.t_ref_ms = 0;
    relay.tau_m_ms = 1;
    const auto red_square = net.add_poisson("red_square", 20, 10.0);
    const auto other = net.add_poisson("other", 20, 10.0);
    const auto a = net.add_lif_delta("A", 20, relay);
    const auto b = net.add_lif_delta("B", 20, relay);
    const auto c = net.add_lif_delta("C", 20, relay);
    net.connect(red_square, a, axon::ConnectRule::one_to_one(), axon::Distribution::constant(5.0));
    net.connect(red_square, b, axon::ConnectRule::one_to_one(), axon::Distribution::constant(5.0));
    net.connect(other, c, axon::ConnectRule::one_to_one(), axon::Distribution::constant(5.0));

    axon::LifParams target;  // 15 mV to threshold: one 8 mV input alone is not enough, two are
    const auto t = net.add_lif_delta("target", 20, target);
    axon::HebbianParams hebb;
    hebb.tau_pre_ms = hebb.tau_post_ms = 10.0;
    hebb.eta = 0.5;
    hebb.lambda = 0.02;
    hebb.w_min = 0.0;
    hebb.w_max = 12.0;
    axon::ProjectionId proj[3];
    const axon::PopulationId inputs[3] = {a, b, c};
    for (int k = 0; k < 3; ++k) {
        axon::ProjectionSpec spec;
        spec.pre = inputs[k];
        spec.post = t;
        spec.rule = axon::ConnectRule::one_to_one();
        spec.weight = axon::Distribution::constant(8.0);
        spec.plasticity = axon::Plasticity::with(hebb);
        proj[k] = net.connect(spec);
    }
    net.record_all_spikes();
    axon::Simulator sim(std::move(net));

    auto mean_weight = [&](axon::ProjectionId p) {
        const std::vector<float> w = sim.weights(p);
        return std::accumulate(w.begin(), w.end(), 0.0) / static_cast<double>(w.size());
    };
    std::printf("   t (s)   w(A->target)  w(B->target)  w(C->target)\n");
    for (int second = 1; second <= 5; ++second) {
        sim.run(1000.0);
        std::printf("%8d %13.2f %13.2f %13.2f\n", second, mean_weight(proj[0]), mean_weight(proj[1]),
                    mean_weight(proj[2]));
    }
    const bool wired = mean_weight(proj[0]) > 2 * mean_weight(proj[2]) && mean_weight(proj[1]) > 2 * mean_weight(proj[2]);
    std::printf("%s\n", wired ? "A and B, which fire together, wired together; C did not."
                              : "unexpected: the correlated inputs did not win");
    return wired ? 0 : 1;
}
