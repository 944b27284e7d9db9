// A network over N ranks against the same network in one process, bit for bit: spikes, state,
// connectivity, weights, samples and event counts (run under mpirun with 1 to 4 ranks, see
// tests/CMakeLists.txt). Every golden network must reproduce the committed golden digests, so
// every model, connectivity rule, input and learning rule runs distributed here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "golden/golden_file.hpp"
#include "golden/golden_networks.hpp"
#include "golden/network_digest.hpp"
#include "mpi/world.hpp"
#include "support/run_record.hpp"
#include "support/scratch.hpp"
#include "support/spike_trains.hpp"
#include "support/test_networks.hpp"

namespace axon {
namespace {

using test::world;

Simulator distributed(const Network& net) {
    SimulatorOptions options;
    options.threads = 1;
    options.communicator = world();
    return Simulator(net, options);
}

Simulator alone(const Network& net) {
    SimulatorOptions options;
    options.threads = 1;
    return Simulator(net, options);
}

// Every rank waits here for every other.
void barrier() {
    uint64_t arrived = 1;
    world()->all_reduce(&arrived, 1, Communicator::Reduction::sum);
}

// The same path on every rank: rank 0's temporary folder (removed when it exits), told to all.
std::string shared_path(const std::string& name) {
    static const test::ProcessFolder own;
    std::string dir = own.path().string();
    const auto all = world()->all_gather(dir.data(), dir.size());
    dir.assign(all[0].begin(), all[0].end());
    if (world()->rank() == 0) std::filesystem::create_directories(dir);
    barrier();  // the folder exists before anyone uses it
    return dir + "/" + name;
}

// Everything the two simulators hold, compared (every read is collective on `tested`).
void expect_same_run(const Simulator& reference, const Simulator& tested) {
    test::expect_same_record(reference.network(), test::record_of(reference), test::record_of(tested, world().get()));
}

class GoldenDistributed : public ::testing::TestWithParam<test::GoldenNetwork> {};

// The committed digests pin the one-process CPU reference; a distributed run must give them.
TEST_P(GoldenDistributed, ReproducesTheCommittedDigests) {
    const test::GoldenNetwork& n = GetParam();
    static const test::GoldenDigests file = test::GoldenDigests::read(test::golden_file_path());
    Simulator sim = distributed(n.build());
    sim.run(n.duration_ms);
    const test::NetworkDigest run = test::digest_of(sim, world().get());
    EXPECT_GT(run.spikes, 0u);
    for (std::size_t k = 0; k < test::kDigestParts.size(); ++k) {
        const auto expected = file.find(n.name, test::kDigestParts[k]);
        ASSERT_TRUE(expected) << n.name << " has no golden digest for " << test::kDigestParts[k];
        EXPECT_EQ(test::to_hex(*expected), test::to_hex(run.parts[k]))
            << n.name << " over " << world()->size() << " ranks: " << test::kDigestParts[k] << " moved (" << run.counts() << ")";
    }
}

INSTANTIATE_TEST_SUITE_P(All, GoldenDistributed, ::testing::ValuesIn(test::golden_networks()),
                         [](const auto& info) { return info.param.name; });

template <class Steer>
void expect_same_steered_runs(const Network& net, Steer steer) {
    Simulator reference = alone(net);
    Simulator tested = distributed(net);
    steer(reference);
    steer(tested);
    expect_same_run(reference, tested);
}

// Samplers whose neurons lie on every rank in any order, weight snapshots of a plastic
// projection, and every live change, in runs of several pieces.
TEST(Distributed, SamplesWeightSnapshotsAndLiveChanges) {
    expect_same_steered_runs(test::observed_network(), test::steer_observed_network);
}

TEST(Distributed, CallbacksSeeTheWholeNetwork) {
    expect_same_steered_runs(models::cuba(models::CubaOptions{1000, 2, 0.1, true}), [](Simulator& sim) {
        // Steers from what it reads: the same on every rank, as in one process.
        sim.every(37, [](Simulator& s) {
            const std::vector<float> v = s.state(PopulationId{0}, StateVar::v);
            const float mean = std::accumulate(v.begin(), v.end(), 0.0f) / static_cast<float>(v.size());
            s.set_input_current(PopulationId{1}, mean > -55.0f ? 0.0 : 50.0);
        });
        sim.run(150.0);
    });
}

// A callback or sink on some ranks only cuts every rank's run at its steps (the ranks agree on
// each piece), and runs only where it is registered.
TEST(Distributed, CallbacksAndSinksOnSomeRanksOnly) {
    const Network net = models::cuba(models::CubaOptions{1000, 2, 0.1, false});
    Simulator reference = alone(net), tested = distributed(net);
    std::vector<Step> called;
    if (world()->rank() == world()->size() - 1) tested.every(37, [&](Simulator& s) { called.push_back(s.current_step()); });
    uint64_t handed = 0;
    if (world()->rank() == 0) tested.on_spikes([&](PopulationId, const SpikeTrain& t) { handed += t.size(); }, 100);
    reference.run(50.0);
    tested.run(50.0);
    if (world()->rank() == world()->size() - 1) {
        EXPECT_EQ(called.size(), 500u / 37u);
    }
    if (world()->rank() == 0) {
        EXPECT_EQ(handed, reference.spikes(PopulationId{0}).size() + reference.spikes(PopulationId{1}).size());
    } else {
        for (uint32_t p = 0; p < 2; ++p)
            EXPECT_EQ(reference.spikes(PopulationId{p}).neurons, tested.spikes(PopulationId{p}).neurons);
    }
}

// A callback that throws on one rank: every rank's run ends at the same step and throws, the
// failing rank its own exception, the others its message.
TEST(Distributed, ACallbackThatThrowsOnOneRankEndsEveryRanksRun) {
    Simulator sim = distributed(models::cuba(models::CubaOptions{400, 2, 0.1, false}));
    const int failing = world()->size() - 1;
    if (world()->rank() == failing)
        sim.every(100, [](Simulator& s) {
            if (s.current_step() == 200) throw std::runtime_error("boom at step 200");
        });
    try {
        sim.run(50.0);
        ADD_FAILURE() << "run did not throw on rank " << world()->rank();
    } catch (const std::exception& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("boom at step 200"), std::string::npos) << what;
        if (world()->rank() != failing) {
            EXPECT_NE(what.find("rank " + std::to_string(failing) + " of"), std::string::npos) << what;
        }
    }
    EXPECT_EQ(sim.current_step(), 200u);
    sim.run(10.0);  // and the ranks run on together
    EXPECT_EQ(sim.current_step(), 300u);
}

// Weights set on one rank only (a callback of rank 0, say): checkpoints still gather them.
TEST(Distributed, WeightsSetOnOneRankOnlyStillCheckpoint) {
    const Network net = models::cuba(models::CubaOptions{400, 2, 0.1, false});
    Simulator sim = distributed(net);
    sim.run(10.0);
    const uint64_t n = sim.synapse_count(ProjectionId{0});  // local (weights() would be a collective)
    if (world()->rank() == 0) sim.set_weights(ProjectionId{0}, std::vector<float>(n, 0.5f));
    const std::string path = shared_path("one_rank_weights.axc");
    sim.save_checkpoint(path);
    const std::vector<float> held = sim.weights(ProjectionId{0});
    Simulator restored = alone(net);
    restored.restore(path);
    EXPECT_EQ(restored.weights(ProjectionId{0}), held);
    EXPECT_NE(std::count(held.begin(), held.end(), 0.5f), 0);
}

TEST(Distributed, CheckpointsMoveBetweenRankCounts) {
    const Network net = models::cuba(models::CubaOptions{1000, 2, 0.1, true});
    Simulator whole = alone(net);
    whole.run(120.0);
    // A run resumed at 60 ms and continued to 120 ms gives the whole run's second half.
    const auto expect_second_half = [&](const Simulator& resumed) {
        for (uint32_t p = 0; p < 2; ++p)
            EXPECT_EQ(test::from_step(whole.spikes(PopulationId{p}), 600).neurons, resumed.spikes(PopulationId{p}).neurons);
        EXPECT_EQ(whole.weights(ProjectionId{0}), resumed.weights(ProjectionId{0}));
        EXPECT_EQ(whole.state(PopulationId{0}, StateVar::v), resumed.state(PopulationId{0}, StateVar::v));
    };

    // Saved by the ranks, continued in one process.
    const std::string from_ranks = shared_path("from_ranks.axc");
    {
        Simulator first = distributed(net);
        first.run(60.0);
        first.save_checkpoint(from_ranks);
    }
    Simulator resumed = alone(net);
    resumed.restore(from_ranks);
    resumed.run(60.0);
    expect_second_half(resumed);

    // Saved in one process, continued by the ranks.
    const std::string from_one = shared_path("from_one.axc");
    if (world()->rank() == 0) {
        Simulator first = alone(net);
        first.run(60.0);
        first.save_checkpoint(from_one);
    }
    barrier();  // written before any rank reads it
    Simulator spread = distributed(net);
    spread.restore(from_one);
    spread.run(60.0);
    expect_second_half(spread);
}

// A population of 4 neurons: over up to 4 ranks, all but the last hold an empty block of it and
// none of the synapses onto it, yet take part in every gather (per-synapse, plastic weights).
TEST(Distributed, RanksWithEmptyBlocksTakePart) {
    Network net(NetworkOptions{0.1, 3});
    const PopulationId drive = net.add_poisson("drive", 40, 60.0);
    const PopulationId few = net.add_lif_exp("few", 4, LifParams{});
    StdpParams stdp;
    stdp.w_max = 400.0;
    net.connect(ProjectionSpec{"", drive, few, ConnectRule::all_to_all(), Distribution::uniform(100.0, 300.0),
                               Distribution::constant(0.5), Receptor::excitatory, Plasticity::with(stdp)});
    net.sample(SamplerSpec{few, {3, 0}, {StateVar::v}, 5});
    net.record_weights(WeightRecorderSpec{ProjectionId{0}, 100});
    net.record_all_spikes();
    const auto steer = [](Simulator& sim, const std::string& path) {
        sim.run(100.0);
        sim.save_checkpoint(path);
        sim.run(50.0);
        sim.restore(path);
        sim.run(50.0);
    };
    Simulator reference = alone(net), tested = distributed(net);
    steer(reference, shared_path("empty_blocks_alone_" + std::to_string(world()->rank()) + ".axc"));
    steer(tested, shared_path("empty_blocks.axc"));
    expect_same_run(reference, tested);
}

// A file only some ranks can read: every rank throws instead of waiting for the others.
TEST(Distributed, AnErrorOnOneRankStopsEveryRank) {
    const Network net = models::cuba(models::CubaOptions{400, 2, 0.1, false});
    const int failing = world()->size() - 1;
    const std::string saved = shared_path("readable.axc");
    if (world()->rank() == 0) {
        Simulator first = alone(net);
        first.run(10.0);
        first.save_checkpoint(saved);
    }
    barrier();
    Simulator sim = distributed(net);
    const std::string path = world()->rank() == failing ? saved + ".missing" : saved;
    try {
        sim.restore(path);
        ADD_FAILURE() << "restore did not throw on rank " << world()->rank();
    } catch (const ConfigError& e) {
        const std::string what = e.what();
        if (world()->rank() == failing)
            EXPECT_NE(what.find(".missing"), std::string::npos) << what;  // its own error
        else
            EXPECT_NE(what.find("rank " + std::to_string(failing) + " of"), std::string::npos) << what;
    }
    // Nothing changed: the run goes on from step 0, on every rank alike.
    EXPECT_EQ(sim.current_step(), 0u);
    sim.run(10.0);
    Simulator reference = alone(net);
    reference.run(10.0);
    EXPECT_EQ(reference.spikes(PopulationId{0}).neurons, sim.spikes(PopulationId{0}).neurons);

    // Any check run through agree(): the type travels with the message.
    EXPECT_THROW(agree(world().get(),
                       [&] {
                           if (world()->rank() == failing) throw CapacityError("no room here");
                       }),
                 CapacityError);
}

TEST(Distributed, AStopOnOneRankStopsEveryRankAtTheSameStep) {
    Simulator sim = distributed(models::cuba(models::CubaOptions{400, 2, 0.1, false}));
    const int stopping = world()->size() - 1;
    sim.every(300, [&](Simulator& s) {
        if (world()->rank() == stopping && s.current_step() == 300) s.request_stop();
    });
    sim.run(100.0);
    EXPECT_EQ(sim.current_step(), 300u);
    EXPECT_TRUE(sim.stop_requested());
}

// The cuda backend runs distributed (tests/cross_backend/distributed_test.cpp compares it with
// the CPU where a device is), in its merged step only; every rank refuses the others alike.
TEST(Distributed, TheCudaBackendRunsTheMergedStepOnly) {
    SimulatorOptions options;
    options.backend = "cuda";
    options.communicator = world();
    options.cuda.step = CudaStep::fused;
    const Network net = models::cuba(models::CubaOptions{400, 2, 0.1, false});
    if (backend_available("cuda"))
        EXPECT_THROW(Simulator(net, options), ConfigError);
    else
        EXPECT_THROW(Simulator(net, options), BackendError);
}

}  // namespace
}  // namespace axon
