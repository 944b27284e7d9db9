// A host program that drives Axon as its simulation backend (docs/embedding.md): it brings its
// own synapses as arrays, replays recorded spikes into the network, runs in pieces, steers an
// input rate (for all neurons, then per neuron) and the neurons' state between pieces, hands
// the spikes on as they come instead of keeping them, and repeats a trial from the initial
// state. Exits non-zero if a check fails.
#include <cstdio>
#include <vector>

#include "axon/axon.hpp"

int main() {
    axon::Network net(axon::NetworkOptions{0.1, 7});

    // Recorded input: 50 channels, each with a spike every 5 ms, staggered (times in order).
    std::vector<double> times;
    std::vector<uint32_t> channels;
    for (int k = 1; k <= 3000; ++k) {  // 300 ms: both trials
        times.push_back(0.1 * k);
        channels.push_back(static_cast<uint32_t>(k % 50));
    }
    const axon::PopulationId replay = net.add_spike_source("replay", 50, times, channels);

    axon::LifParams lif;
    const axon::PopulationId cells = net.add_lif_exp("cells", 200, lif);
    const uint32_t noise = net.add_poisson_input(cells, 2000.0, 87.8);

    // Our own wiring: channel c drives cells 4c .. 4c + 3, with weights and delays of our choosing.
    std::vector<uint32_t> pre, post;
    std::vector<float> weight, delay_ms;
    for (uint32_t c = 0; c < 50; ++c)
        for (uint32_t j = 0; j < 4; ++j) {
            pre.push_back(c);
            post.push_back(4 * c + j);
            weight.push_back(3500.0f + 500.0f * j);
            delay_ms.push_back(1.0f + 0.5f * j);
        }
    axon::ProjectionSpec spec;
    spec.pre = replay;
    spec.post = cells;
    const axon::ProjectionId wiring = net.connect_arrays(spec, pre, post, weight, delay_ms);
    net.record_spikes(cells);

    axon::Simulator sim(std::move(net));
    if (sim.connections(wiring).post.size() != pre.size()) return 1;

    // Run in 10 ms pieces; after each, take the spikes (the simulator keeps none) and steer.
    uint64_t spikes_quiet = 0, spikes_noisy = 0;
    for (int piece = 0; piece < 20; ++piece) {
        if (piece == 10) sim.set_poisson_rate(noise, 20000.0);  // more background from here on
        sim.run(10.0);
        const axon::SpikeTrain taken = sim.take_spikes(cells);
        (piece < 10 ? spikes_quiet : spikes_noisy) += taken.size();
    }
    std::printf("cells fired %llu spikes in the quiet 100 ms and %llu with more background\n",
                static_cast<unsigned long long>(spikes_quiet), static_cast<unsigned long long>(spikes_noisy));

    // A second trial from the initial state, with the first trial's background rate.
    sim.reset_state();
    sim.set_poisson_rate(noise, 2000.0);
    sim.set_state(cells, axon::StateVar::v, -60.0);  // this trial starts closer to threshold
    sim.run(100.0);
    const uint64_t second = sim.take_spikes(cells).size();
    std::printf("second trial (reset, V at -60 mV): %llu spikes in 100 ms\n", static_cast<unsigned long long>(second));

    // Background per neuron: none for the first 100 cells, strong for the other 100.
    std::vector<double> rates(200, 0.0);
    for (uint32_t i = 100; i < 200; ++i) rates[i] = 20000.0;
    sim.set_poisson_rates(noise, rates);
    sim.run(100.0);
    const axon::SpikeTrain graded = sim.take_spikes(cells);
    uint64_t without = 0, with = 0;
    for (const uint32_t cell : graded.neurons) (cell < 100 ? without : with) += 1;
    std::printf("background on half the cells: %llu spikes without it, %llu with it\n",
                static_cast<unsigned long long>(without), static_cast<unsigned long long>(with));
    return spikes_quiet > 0 && spikes_noisy > spikes_quiet && second > 0 && with > without ? 0 : 1;
}
