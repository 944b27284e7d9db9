// Closed-loop control: a callback every 10 ms reads the spikes of the last window and sets
// the input current of a population so that its rate settles at a target (a proportional-
// integral controller around a simulated population). Exits non-zero if it does not settle.
#include <cmath>
#include <cstdio>

#include "axon/axon.hpp"

int main() {
    const double target_Hz = 20.0, window_ms = 10.0, dt_ms = 0.1;
    axon::Network net(axon::NetworkOptions{dt_ms, 7});
    axon::LifParams neuron;  // microcircuit neuron: tau_m 10 ms, C_m 250 pF, 15 mV to threshold
    axon::InitialState start;
    start.v_mV = axon::Distribution::uniform(-65.0, -50.0);
    const auto pop = net.add_lif_exp("controlled", 200, neuron, start);
    net.add_poisson_input(pop, 2000.0, 20.0);  // noise: 2 kHz of 20 pA kicks
    net.record_spikes(pop);
    axon::Simulator sim(std::move(net));

    double current_pA = 0.0, integral = 0.0, rate_Hz = 0.0;
    std::size_t seen = 0;
    sim.every(static_cast<axon::Step>(window_ms / dt_ms), [&](axon::Simulator& s) {
        const axon::SpikeTrain& spikes = s.spikes(pop);
        rate_Hz = static_cast<double>(spikes.size() - seen) / (200 * window_ms * 1e-3);
        seen = spikes.size();
        const double error = target_Hz - rate_Hz;
        integral += error;
        current_pA = 2.0 * error + 0.5 * integral;
        s.set_input_current(pop, current_pA);
    });

    for (int k = 0; k < 10; ++k) {
        sim.run(100.0);
        const axon::ActivityStats a = axon::activity(sim.spikes(pop), 200, dt_ms, sim.time_ms() - 100.0, sim.time_ms());
        std::printf("t = %5.0f ms: rate %5.1f Hz over the last 100 ms, input current %6.1f pA\n", sim.time_ms(),
                    a.mean_rate_Hz, current_pA);
    }
    // Over the last 200 ms the controller should hold the population near its target.
    const axon::ActivityStats last = axon::activity(sim.spikes(pop), 200, dt_ms, 800.0, 1000.0);
    std::printf("rate over the last 200 ms: %.1f Hz (target %.1f Hz)\n", last.mean_rate_Hz, target_Hz);
    return std::abs(last.mean_rate_Hz - target_Hz) < 3.0 ? 0 : 1;
}
