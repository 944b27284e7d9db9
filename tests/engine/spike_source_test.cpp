// spike_source populations (Network::add_spike_source, model = "spike_source" with a .npy
// file): each given spike is emitted in the step whose end is its time (off-grid times round
// up, as NEST's spike_generator with allow_offgrid_times), reaches its targets after the
// delay, and bad input is refused naming the position and the rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "support/config_error.hpp"
#include "support/npy_files.hpp"
#include "support/scratch.hpp"

namespace axon {
namespace {

namespace fs = std::filesystem;

TEST(SpikeSource, EmitsEachSpikeInTheStepEndingAtItsTime) {
    Network net(NetworkOptions{0.1, 1});
    const std::vector<double> times{0.1, 0.25, 0.3, 0.3, 1.0, 2.05};
    const std::vector<uint32_t> neurons{0, 1, 0, 2, 1, 0};
    const PopulationId src = net.add_spike_source("src", 3, times, neurons);
    net.record_spikes(src);
    Simulator sim(std::move(net));
    sim.run(5.0);
    const SpikeTrain& s = sim.spikes(src);
    // (step, neuron): 0.1 -> 0; 0.25 -> 0.3 -> 2; 1.0 -> 9; 2.05 -> 2.1 -> 20. Recorded
    // in step order, neurons ascending within a step.
    EXPECT_EQ(std::vector<Step>(s.steps.begin(), s.steps.end()), (std::vector<Step>{0, 2, 2, 2, 9, 20}));
    EXPECT_EQ(std::vector<NeuronId>(s.neurons.begin(), s.neurons.end()), (std::vector<NeuronId>{0, 0, 1, 2, 1, 0}));
    EXPECT_DOUBLE_EQ(s.time_ms(4, 0.1), 1.0);
}

// A replayed spike reaches a delta neuron after the projection's delay: V jumps then.
TEST(SpikeSource, DrivesProjectionsWithTheirDelays) {
    Network net(NetworkOptions{0.1, 1});
    const PopulationId src = net.add_spike_source("src", 1, std::vector<double>{1.0}, std::vector<uint32_t>{0});
    LifParams p;
    p.tau_m_ms = 1e9;  // no leak over the test: V moves only by input
    p.e_l_mV = -70.0;
    const PopulationId n = net.add_lif_delta("N", 1, p, InitialState{std::nullopt, {-70.0}, {}});
    net.connect(src, n, ConnectRule::all_to_all(), Distribution::constant(2.5), Distribution::constant(0.5));
    net.sample(SamplerSpec{n, {0}, {StateVar::v}, 1});
    Simulator sim(std::move(net));
    sim.run(2.0);
    const std::vector<float>& v = sim.samples(SamplerId{0}).values;  // after steps 0..19
    for (std::size_t k = 0; k < v.size(); ++k)  // spike in step 9, delay 5 steps: arrives in step 14
        EXPECT_NEAR(v[k], k < 14 ? -70.0 : -67.5, 1e-4) << "after step " << k;
}

TEST(SpikeSource, BadSpikesNameThePositionAndTheRule) {
    Network net(NetworkOptions{0.1, 1});
    using T = std::vector<double>;
    using N = std::vector<uint32_t>;
    test::expect_config_error([&] { net.add_spike_source("s", 2, T{1.0, 2.0}, N{0}); }, {"neurons = 1 values is invalid; allowed: one per spike time (2)"});
    test::expect_config_error([&] { net.add_spike_source("s", 2, T{1.0, 2.0}, N{0, 2}); }, {"neurons[1] = 2 is invalid; allowed: [0, 1]"});
    test::expect_config_error([&] { net.add_spike_source("s", 2, T{1.0, 0.5}, N{0, 1}); }, {"times_ms[1] = 0.5 is invalid; allowed: a time not before times_ms[0] = 1 (spike times must be in order)"});
    test::expect_config_error([&] { net.add_spike_source("s", 2, T{0.0}, N{0}); }, {"times_ms[0] = 0 is invalid; allowed: (0, 1e18 dt]"});
    test::expect_config_error([&] { net.add_spike_source("s", 2, T{NAN}, N{0}); }, {"times_ms[0] = nan"});
    test::expect_config_error([&] { net.add_spike_source("s", 2, T{0.31, 0.35}, N{1, 1}); }, {"at most one spike per neuron and step: neuron 1 already spikes in step 3 (times_ms[0] = 0.31)"});
    EXPECT_TRUE(net.populations().empty());
    const PopulationId s = net.add_spike_source("s", 2, T{}, N{});  // silent, but valid
    test::expect_config_error([&] { net.sample(SamplerSpec{s, {0}, {StateVar::v}, 1}); }, {"has none"});
}

// A size whose per-neuron offsets the host cannot hold is refused before they are allocated
// (reading a file with such a source ended in std::bad_alloc, or in the process being killed).
TEST(SpikeSource, OffsetsBeyondHostMemoryAreRefused) {
    if (available_host_memory() >= (64ull << 30)) GTEST_SKIP() << "this host could hold 2^32 offsets";
    Network net;
    test::expect_error<CapacityError>(
        [&] { net.add_spike_source("s", UINT32_MAX, std::vector<double>{}, std::vector<uint32_t>{}); },
        {"population 's': replaying spikes over 4294967295 neurons (offsets per neuron) needs about 64.0 GiB"});
    EXPECT_TRUE(net.populations().empty());
    const fs::path dir = test::scratch("replay-size");
    test::write_npy_spikes(dir / "in.npy", {}, {});
    test::expect_error<CapacityError>(
        [&] {
            parse_experiment("[[population]]\nname = \"in\"\nmodel = \"spike_source\"\nsize = 4294967295\nspikes_file = \"in.npy\"\n",
                             (dir / "net.toml").string());
        },
        {"net.toml:1:1: population 'in': replaying spikes over 4294967295 neurons"});
}

// A file's spikes written as axon run writes them are replayed: the source's recorded spikes
// are the file's.
TEST(SpikeSource, ExperimentFilesReplayRecordsBesideThem) {
    const fs::path dir = test::scratch("replay");
    test::write_npy_spikes(dir / "in.npy", {0.5, 0.5, 1.2}, {3, 1, 0});
    const auto load = [&](const std::string& extra) {
        std::ofstream(dir / "net.toml") << "[simulation]\ndt_ms = 0.1\n[[population]]\nname = \"in\"\nmodel = \"spike_source\"\nsize = 4\n" + extra;
        return load_experiment((dir / "net.toml").string());
    };
    Experiment e = load("spikes_file = \"in.npy\"\n");
    Simulator sim(std::move(e.network));
    sim.run(2.0);
    const SpikeTrain& s = sim.spikes(PopulationId{0});
    EXPECT_EQ(std::vector<Step>(s.steps.begin(), s.steps.end()), (std::vector<Step>{4, 4, 11}));
    EXPECT_EQ(std::vector<NeuronId>(s.neurons.begin(), s.neurons.end()), (std::vector<NeuronId>{1, 3, 0}));
    test::expect_config_error([&] { load(""); }, {"missing field 'spikes_file'"});
    test::expect_config_error([&] { load("spikes_file = \"in.npy\"\ntau_m_ms = 3.0\n"); }, {"unknown key 'tau_m_ms'"});
    test::write_npy_spikes(dir / "in.npy", {0.5, 0.4}, {3, 1});
    test::expect_config_error([&] { load("spikes_file = \"in.npy\"\n"); }, {"spike times must be in order"});
    std::ofstream(dir / "in.npy") << "junk";
    test::expect_config_error([&] { load("spikes_file = \"in.npy\"\n"); }, {"spikes_file: "});
    {  // 12 bytes per record times this count wrapped to 8: the records were read past the data
        std::ofstream out(dir / "in.npy", std::ios::binary);
        test::write_npy_header(out, "[('time_ms', '<f8'), ('neuron', '<u4')]", "(1537228672809129302,)");
        out << std::string(12, '\0');
    }
    test::expect_config_error([&] { load("spikes_file = \"in.npy\"\n"); }, {"is invalid; allowed: dimensions below 10^18"});
}

}  // namespace
}  // namespace axon
