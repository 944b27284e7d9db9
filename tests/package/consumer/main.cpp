// Builds and runs a small network through the installed headers and library.
#include <cstdio>
#include <string>

#include <axon/axon.hpp>
#include <models/det_math.hpp>

int main() {
    axon::Simulator sim(axon::models::cuba({1000, 3, 0.1}));
    sim.run(100.0);
    const std::size_t spikes = sim.spikes(axon::PopulationId{0}).size();
    std::printf("axon %s: %zu spikes\n", axon::version(), spikes);
    const bool models_ok = axon::det_exp(0.0f) == 1.0f;  // the installed model headers compile and agree
    return spikes > 0 && models_ok && std::string(axon::version()) == axon::kVersion ? 0 : 1;
}
