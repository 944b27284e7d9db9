// Checkpoints (Simulator::save_checkpoint, Simulator::restore): a run resumed from a checkpoint
// continues the uninterrupted run bit for bit (spikes, samples, weights, state) at any cut,
// with input and plastic spikes in flight, Poisson inputs, live changes and other thread
// counts; a checkpoint of another network, format or version, a truncated or corrupt file are
// refused with a message that says which.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "engine/src/fnv1a.hpp"
#include "support/config_error.hpp"
#include "support/scratch.hpp"
#include "support/spike_trains.hpp"
#include "support/test_networks.hpp"

namespace axon {
namespace {

namespace fs = std::filesystem;

using test::scratch;

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// LIF populations with delays up to 4 ms (40 steps), a Poisson population, Poisson inputs
// arriving 2 ms after their draw, a sampler and a current schedule: at any cut, input is on its
// way to every population.
Network delayed_network(uint64_t seed = 4, uint32_t n_exc = 400) {
    Network net(NetworkOptions{0.1, seed});
    InitialState init;
    init.v_mV = Distribution::uniform(-65.0, -50.0);
    const PopulationId drive = net.add_poisson("drive", 100, 40.0);
    const PopulationId e = net.add_lif_exp("E", n_exc, LifParams{}, init);
    const PopulationId i = net.add_lif_exp("I", 100, LifParams{}, init);
    const auto delay = Distribution::uniform(0.5, 4.0);
    net.connect(drive, e, ConnectRule::fixed_indegree(20), Distribution::uniform(50.0, 150.0), delay);
    net.connect(e, e, ConnectRule::fixed_probability(0.05, false), Distribution::constant(40.0), delay);
    net.connect(e, i, ConnectRule::fixed_probability(0.1), Distribution::normal(60.0, 10.0), Distribution::constant(1.5));
    net.connect(i, e, ConnectRule::fixed_indegree(20), Distribution::constant(-120.0), delay, Receptor::inhibitory);
    net.add_poisson_input(e, 9000.0, 87.8, Receptor::excitatory, 2.0);
    net.add_poisson_input(i, 7000.0, 87.8);
    net.add_current_steps(CurrentStepsSpec{i, 137, {{0.0}, {150.0}, {-50.0}}, true});
    net.sample(SamplerSpec{e, {0, 5, 77}, {StateVar::v, StateVar::i_exc}, 3});
    net.record_all_spikes();
    return net;
}

// The Hebbian network (delay 4 steps) plus STDP with a delay of 15 steps on the same
// synapses' populations: presynaptic spikes in flight to their synapses; weights recorded.
Network plastic_network() {
    Network net = test::hebbian_network();
    StdpParams stdp;
    stdp.w_max = 200.0;
    stdp.a_plus = 5.0;
    stdp.a_minus = -5.5;
    net.connect(ProjectionSpec{"stdp", PopulationId{0}, PopulationId{1}, ConnectRule::fixed_probability(0.1),
                               Distribution::uniform(0.0, 200.0), Distribution::constant(1.5), Receptor::excitatory,
                               Plasticity::with(stdp)});
    net.record_weights(WeightRecorderSpec{ProjectionId{1}, 50});
    return net;
}

// `resumed` continued the run of `whole` from step `from`: everything it recorded since is what
// `whole` recorded since, and everything it holds now is what `whole` holds.
void expect_continues(const Simulator& whole, const Simulator& resumed, Step from) {
    const Network& net = whole.network();
    ASSERT_EQ(whole.current_step(), resumed.current_step());
    uint64_t spikes = 0;
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        const PopulationId id{p};
        const SpikeTrain expected = test::from_step(whole.spikes(id), from), actual = test::from_step(resumed.spikes(id), from);
        EXPECT_EQ(expected.steps, actual.steps) << net.populations()[p].name;
        EXPECT_EQ(expected.neurons, actual.neurons) << net.populations()[p].name;
        spikes += expected.size();
        for (const StateInfo& var : model_info(net.populations()[p].model).state)
            EXPECT_EQ(whole.state(id, var.name), resumed.state(id, var.name)) << net.populations()[p].name << " " << var.name;
    }
    EXPECT_GT(spikes, 0u) << "a comparison of silent runs proves nothing";
    for (uint32_t k = 0; k < net.projections().size(); ++k)
        EXPECT_EQ(whole.weights(ProjectionId{k}), resumed.weights(ProjectionId{k})) << net.projections()[k].name;
    for (uint32_t s = 0; s < net.samplers().size(); ++s) {
        const SampleSeries &a = whole.samples(SamplerId{s}), &b = resumed.samples(SamplerId{s});
        const std::size_t skip = a.steps.size() - b.steps.size();
        ASSERT_LE(b.steps.size(), a.steps.size());
        EXPECT_EQ(std::vector<Step>(a.steps.begin() + static_cast<std::ptrdiff_t>(skip), a.steps.end()), b.steps);
        const std::size_t row = a.vars.size() * a.neurons.size();
        EXPECT_EQ(std::vector<float>(a.values.begin() + static_cast<std::ptrdiff_t>(skip * row), a.values.end()), b.values);
    }
    for (uint32_t w = 0; w < net.weight_recorders().size(); ++w) {
        const WeightSeries &a = whole.weight_snapshots(w), &b = resumed.weight_snapshots(w);
        ASSERT_LE(b.steps.size(), a.steps.size());
        const std::size_t skip = a.steps.size() - b.steps.size();
        EXPECT_EQ(std::vector<float>(a.values.begin() + static_cast<std::ptrdiff_t>(skip * a.synapses), a.values.end()),
                  b.values);
    }
}

// Runs `net` for total_ms whole, and in two parts with a checkpoint at cut_ms between them, the
// second part in a new simulator (with `resume_threads`); `steer` runs on both at the cut,
// before the checkpoint is taken.
void expect_resumes_exactly(const Network& net, double cut_ms, double total_ms, int save_threads = 1,
                            int resume_threads = 2, const std::function<void(Simulator&)>& steer = {}) {
    SCOPED_TRACE("cut at " + std::to_string(cut_ms) + " ms");
    const fs::path file = scratch("resume") / "run.axc";
    Simulator whole(net, SimulatorOptions{"cpu", 3});
    whole.run(cut_ms);
    if (steer) steer(whole);
    whole.run(total_ms - cut_ms);
    {
        Simulator first(net, SimulatorOptions{"cpu", save_threads});
        first.run(cut_ms);
        if (steer) steer(first);
        first.save_checkpoint(file.string());
    }
    Simulator resumed(net, SimulatorOptions{"cpu", resume_threads});
    resumed.restore(file.string());
    const auto cut = static_cast<Step>(std::llround(cut_ms / net.dt_ms()));
    EXPECT_EQ(resumed.current_step(), cut);
    resumed.run(total_ms - cut_ms);
    expect_continues(whole, resumed, cut);
}

TEST(Checkpoint, ResumesExactlyAtSeveralCutsWithInputInFlight) {
    const Network net = delayed_network();
    // At the start, within the first delays, at a schedule boundary (137 steps), anywhere.
    for (const double cut : {0.0, 0.1, 1.7, 13.7, 58.3, 120.0}) expect_resumes_exactly(net, cut, 150.0);
}

TEST(Checkpoint, ResumesExactlyWithPlasticityAndSpikesOnTheirWay) {
    const Network net = plastic_network();
    for (const double cut : {0.9, 1.5, 47.3, 100.0}) expect_resumes_exactly(net, cut, 200.0);
}

TEST(Checkpoint, ResumesExactlyAcrossThreadCounts) {
    expect_resumes_exactly(delayed_network(), 41.1, 100.0, 2, 1);
    expect_resumes_exactly(plastic_network(), 41.1, 100.0, 4, 1);
}

// Every model and rule: the update windows of binary units and the perceptron, the rate units'
// phases, a replayed spike source, RK4 models, STDP on CUBA.
TEST(Checkpoint, ResumesExactlyForEveryKindOfNetwork) {
    expect_resumes_exactly(test::hebbian_network(), 33.3, 100.0);
    expect_resumes_exactly(test::adex_network(150, 40, 12), 33.3, 100.0);
    expect_resumes_exactly(test::cond_exp_network(160, 40, 14), 33.3, 100.0);
    expect_resumes_exactly(test::binary_network(200, 3, 16), 33.4, 100.0);
    expect_resumes_exactly(test::rate_network(200, 19), 33.3, 100.0);
    expect_resumes_exactly(test::perceptron_network(30, 20), 33.2, 100.0);
    expect_resumes_exactly(test::replay_network(22), 33.3, 100.0);
    expect_resumes_exactly(models::cuba(models::CubaOptions{1000, 2, 0.1, true}), 50.0, 150.0);
}

// Rates, state, currents and weights changed before the checkpoint are in it: the new simulator
// starts from the network's values and must take the changed ones from the file.
TEST(Checkpoint, HoldsLiveChanges) {
    expect_resumes_exactly(delayed_network(), 40.0, 100.0, 1, 2, [](Simulator& sim) {
        sim.set_poisson_rate(0, 20000.0);
        sim.set_state(PopulationId{1}, StateVar::v, -52.0);
        sim.set_input_current(PopulationId{2}, 120.0);
        std::vector<float> w = sim.weights(ProjectionId{1});  // constant weights become per-synapse ones
        for (std::size_t k = 0; k < w.size(); k += 3) w[k] = 80.0f;
        sim.set_weights(ProjectionId{1}, w);
    });
    expect_resumes_exactly(test::hebbian_network(), 40.0, 100.0, 1, 2, [](Simulator& sim) { sim.reset_state(); });
    expect_resumes_exactly(delayed_network(), 40.0, 100.0, 2, 1, [](Simulator& sim) {
        const uint32_t size = sim.network().population(sim.network().poisson_inputs()[0].target).size;
        std::vector<double> rates(size);
        for (uint32_t i = 0; i < size; ++i) rates[i] = 4000.0 * (i % 7);
        sim.set_poisson_rates(0, rates);
    });
}

// Restoring replaces what a simulator holds: one that ran further (and changed its weights)
// continues from the checkpoint as the one that wrote it; what it recorded before stays.
TEST(Checkpoint, RestoreReplacesAStateThatRanFurther) {
    const Network net = plastic_network();
    const fs::path file = scratch("replace") / "at30.axc";
    Simulator whole(net, SimulatorOptions{"cpu", 1});
    whole.run(30.0);
    whole.save_checkpoint(file.string());
    whole.run(50.0);
    Simulator other(net, SimulatorOptions{"cpu", 1});
    other.run(55.5);
    other.set_weights(ProjectionId{0}, std::vector<float>(other.synapse_count(ProjectionId{0}), 1.0f));
    const std::size_t recorded = other.spikes(PopulationId{1}).size();
    other.restore(file.string());
    EXPECT_EQ(other.current_step(), 300u);
    EXPECT_EQ(other.spikes(PopulationId{1}).size(), recorded);
    other.run(50.0);
    SpikeTrain after;  // the spikes recorded after the restore
    const SpikeTrain& all = other.spikes(PopulationId{1});
    after.steps.assign(all.steps.begin() + static_cast<std::ptrdiff_t>(recorded), all.steps.end());
    after.neurons.assign(all.neurons.begin() + static_cast<std::ptrdiff_t>(recorded), all.neurons.end());
    const SpikeTrain expected = test::from_step(whole.spikes(PopulationId{1}), 300);
    EXPECT_EQ(after.steps, expected.steps);
    EXPECT_EQ(after.neurons, expected.neurons);
    EXPECT_EQ(other.weights(ProjectionId{0}), whole.weights(ProjectionId{0}));
}

// A checkpoint taken by a callback mid-run, restored, continues that run.
TEST(Checkpoint, SavedFromACallback) {
    const Network net = delayed_network();
    const fs::path file = scratch("callback") / "cb.axc";
    Simulator whole(net, SimulatorOptions{"cpu", 2});
    whole.every(250, [&](Simulator& sim) {
        if (sim.current_step() == 500) sim.save_checkpoint(file.string());
    });
    whole.run(100.0);
    Simulator resumed(net, SimulatorOptions{"cpu", 1});
    resumed.restore(file.string());
    resumed.run(50.0);
    expect_continues(whole, resumed, 500);
    test::expect_config_error(
        [&] {
            resumed.every(10, [&](Simulator& sim) { sim.restore(file.string()); });
            resumed.run(1.0);
        },
        {"restore: called from inside a callback"});
}

// The file replaces an older one whole, and leaves no temporary file behind.
TEST(Checkpoint, WritesAtomically) {
    const fs::path dir = scratch("atomic");
    Simulator sim(delayed_network());
    sim.run(5.0);
    sim.save_checkpoint((dir / "c.axc").string());
    const auto first = fs::file_size(dir / "c.axc");
    sim.run(5.0);
    sim.save_checkpoint((dir / "c.axc").string());
    EXPECT_EQ(fs::file_size(dir / "c.axc"), first);  // the same network: the same size
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
    try {
        sim.save_checkpoint((dir / "missing" / "c.axc").string());
        ADD_FAILURE() << "no Error for a folder that does not exist";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot create " + (dir / "missing" / "c.axc").string() + ".tmp."),
                  std::string::npos)
            << e.what();
    }
}

class CheckpointRefused : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = scratch("refused");
        good_ = (dir_ / "good.axc").string();
        Simulator sim(delayed_network());
        sim.run(10.0);
        sim.save_checkpoint(good_);
        bytes_ = read_bytes(good_);
    }
    // A simulator of the network the checkpoint was written from, after a run of its own: a
    // refused restore must leave it as it was.
    void expect_refused(const std::string& file, std::initializer_list<std::string> fragments,
                        const Network& net = delayed_network()) {
        Simulator sim(net);
        sim.run(1.0);
        const std::vector<float> v = sim.state(PopulationId{1}, StateVar::v);
        test::expect_config_error([&] { sim.restore(file); }, fragments);
        EXPECT_EQ(sim.current_step(), 10u);
        EXPECT_EQ(sim.state(PopulationId{1}, StateVar::v), v);
    }
    std::string with_bytes(const std::string& name, const std::string& bytes) {
        write_bytes(dir_ / name, bytes);
        return (dir_ / name).string();
    }
    fs::path dir_;
    std::string good_, bytes_;
};

TEST_F(CheckpointRefused, MissingFileOrDirectory) {
    expect_refused((dir_ / "none.axc").string(), {"none.axc: cannot read the checkpoint (No such file or directory)"});
    expect_refused(dir_.string(), {"is a directory; a checkpoint file is expected"});
}

TEST_F(CheckpointRefused, NotACheckpoint) {
    expect_refused(with_bytes("text.axc", "[simulation]\nduration_ms = 10\n"), {"text.axc: not an Axon checkpoint"});
    expect_refused(with_bytes("empty.axc", ""), {"empty.axc: not an Axon checkpoint"});
}

TEST_F(CheckpointRefused, AnotherFormatVersion) {
    std::string bytes = bytes_;
    bytes[8] = 1;  // the format version, after the magic (1: before rates per neuron)
    expect_refused(with_bytes("v1.axc", bytes), {"v1.axc: checkpoint format version 1;", "reads version 2 only"});
}

TEST_F(CheckpointRefused, AnotherAxonVersion) {
    std::string bytes = bytes_;
    const std::string version = kVersion;
    const std::size_t at = bytes.find(version, 20);
    ASSERT_EQ(at, 24u);  // after the header and the string's length
    bytes[at] = '9';
    const uint64_t checksum = detail::fnv1a(bytes.data(), bytes.size() - 8);
    std::memcpy(&bytes[bytes.size() - 8], &checksum, 8);
    expect_refused(with_bytes("other_version.axc", bytes),
                   {"checkpoint of Axon 9" + version.substr(1) + "; this is Axon " + version, "its own checkpoints only"});
}

TEST_F(CheckpointRefused, Truncated) {
    const std::string size = std::to_string(bytes_.size());
    expect_refused(with_bytes("cut.axc", bytes_.substr(0, bytes_.size() - 100)),
                   {"cut.axc: truncated checkpoint: " + std::to_string(bytes_.size() - 100) +
                    " bytes where its header says " + size});
    expect_refused(with_bytes("header.axc", bytes_.substr(0, 15)), {"truncated checkpoint: 15 bytes, fewer than its header's 20"});
    expect_refused(with_bytes("longer.axc", bytes_ + "xyz"), {"damaged checkpoint: " + std::to_string(bytes_.size() + 3)});
}

TEST_F(CheckpointRefused, Corrupt) {
    for (const std::size_t at : {std::size_t{30}, bytes_.size() / 2, bytes_.size() - 9, bytes_.size() - 1}) {
        std::string bytes = bytes_;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
        expect_refused(with_bytes("flipped.axc", bytes), {"flipped.axc: corrupt checkpoint: its checksum does not match"});
    }
}

TEST_F(CheckpointRefused, AnotherNetwork) {
    expect_refused(good_,
                   {"checkpoint of another network: its time step 0.1 ms and seed 4 is this network's time step 0.1 ms "
                    "and seed 5"},
                   delayed_network(5));
    expect_refused(good_,
                   {"its population 'E' (lif_exp, 400 neurons) is this network's population 'E' (lif_exp, 401 neurons)"},
                   delayed_network(4, 401));
    // A parameter that differs: the label is the same, the content is not.
    Network net(NetworkOptions{0.1, 4});
    InitialState init;
    init.v_mV = Distribution::uniform(-65.0, -50.0);
    net.add_poisson("drive", 100, 40.0);
    LifParams p;
    p.tau_m_ms = 11.0;
    net.add_lif_exp("E", 400, p, init);
    expect_refused(good_, {"its population 'E' (lif_exp, 400 neurons) differs from this network's in parameters"}, net);
    Network fewer(NetworkOptions{0.1, 4});
    fewer.add_poisson("drive", 100, 40.0);
    fewer.add_lif_exp("E", 400, LifParams{}, init);
    fewer.add_lif_exp("I", 100, LifParams{}, init);
    expect_refused(good_, {"its projection 'drive->E'", "is not in this network"}, fewer);
}

}  // namespace
}  // namespace axon
