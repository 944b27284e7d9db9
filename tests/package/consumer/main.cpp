// Builds and runs a small network through the installed headers and library.
#include <cstdio>

#include <axon/axon.hpp>

int main() {
    axon::Simulator sim(axon::models::cuba({1000, 3, 0.1}));
    sim.run(100.0);
    const std::size_t spikes = sim.spikes(axon::PopulationId{0}).size();
    std::printf("axon %s: %zu spikes\n", axon::kVersion, spikes);
    return spikes > 0 ? 0 : 1;
}
