// The CPU update's spike list (kernels/cpu/neuron_update.cpp, collect_spikes): exactly the
// neurons that fired, ascending, wherever they sit against the 64- and 8-neuron blocks the scan
// skips silent neurons by, on every ISA and over two threads' chunks.
#include <gtest/gtest.h>

#include <vector>

#include "axon/axon.hpp"
#include "engine/src/backend_setup.hpp"
#include "kernels/cpu/neuron_update.hpp"
#include "support/every_isa.hpp"

namespace axon {
namespace {

TEST(SpikeCollection, ListsExactlyTheNeuronsThatFired) {
    const uint32_t n = 9001;  // two threads' chunks, 64-neuron blocks and a rest
    const std::vector<uint32_t> firing[] = {
        {},
        {0},
        {n - 1},
        {0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 4095, 4096, 4099, 8191, 8192, 8959, 8960, 8999, 9000},
        {5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008},
    };
    Network net;
    net.add_lif_delta("P", n, LifParams{});
    test::on_every_isa([&] {
        for (int threads : {1, 2})
            for (const std::vector<uint32_t>& expected : firing) {
                detail::PopulationSetup pop = detail::population_setup(net, 0);
                cpu::PopulationArrays arrays{};
                for (std::size_t v = 0; v < pop.state.size(); ++v) arrays.state[v] = pop.state[v].data();
                const std::vector<float> i_ext(n, 0.0f);
                arrays.i_ext = i_ext.data();
                arrays.size = n;
                std::vector<Fixed> ring(std::size_t{2} * n, 0);
                for (uint32_t i : expected) ring[i] = to_fixed(1000.0f);  // slot 0: 1 V, far past threshold
                cpu::UpdateScratch scratch;
                std::vector<uint32_t> spikes{12345};  // replaced, not appended to
                cpu::update_population(NeuronModel::lif_delta, pop.constants, arrays, RingView{ring.data(), 2, 1, n}, 0,
                                       StepContext{1, 2, 0}, scratch, spikes, threads);
                EXPECT_EQ(spikes, expected) << threads << " threads";
            }
    });
}

}  // namespace
}  // namespace axon
