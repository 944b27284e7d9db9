// A network over 2 and 3 ranks on each compiled backend against the same network in one CPU
// process, bit for bit: spikes, state, connectivity, weights, samples and event counts. The
// ranks are threads of this process (tests/support/thread_world.hpp), so the suite needs no MPI
// and runs on GPU machines too, where the cuda instances run (they skip without a device).
// tests/mpi runs the CPU backend over real MPI ranks.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "axon/axon.hpp"
#include "support/run_record.hpp"
#include "support/scratch.hpp"
#include "support/spike_trains.hpp"
#include "support/test_networks.hpp"
#include "support/thread_world.hpp"

namespace axon {
namespace {

class Distributed : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (!backend_available(GetParam())) GTEST_SKIP() << "backend '" << GetParam() << "' not available here";
    }

    SimulatorOptions rank_options(const std::shared_ptr<Communicator>& comm) const {
        SimulatorOptions options{GetParam(), 1};
        options.communicator = comm;
        return options;
    }

    // `steer` runs and steers a simulator; the ranks' records must equal one CPU process's.
    void expect_like_one_process(const Network& net, const std::function<void(Simulator&)>& steer) {
        Simulator reference(net, SimulatorOptions{"cpu", 1});
        steer(reference);
        const test::RunRecord expected = test::record_of(reference);
        for (const int ranks : {2, 3}) {
            std::vector<test::RunRecord> got(static_cast<std::size_t>(ranks));
            test::run_ranks(ranks, [&](const std::shared_ptr<Communicator>& comm) {
                Simulator tested(net, rank_options(comm));
                steer(tested);
                got[static_cast<std::size_t>(comm->rank())] = test::record_of(tested, comm.get());
            });
            for (int r = 0; r < ranks; ++r) {
                SCOPED_TRACE("rank " + std::to_string(r) + " of " + std::to_string(ranks) + " on " + GetParam());
                test::expect_same_record(net, expected, got[static_cast<std::size_t>(r)]);
            }
        }
    }

    // Runs of `ms` in two pieces.
    static std::function<void(Simulator&)> runs(double ms) {
        return [ms](Simulator& sim) {
            sim.run(ms / 2);
            sim.run(ms / 2);
        };
    }
};

// A plastic network (STDP on E->E) with one-step delays: an exchange every step.
TEST_P(Distributed, CubaWithStdp) { expect_like_one_process(models::cuba(models::CubaOptions{1000, 2, 0.1, true}), runs(100.0)); }

// Delays of 15 steps: an exchange every 15 steps.
TEST_P(Distributed, BrunelA) { expect_like_one_process(models::brunel_a(models::BrunelOptions{2500}), runs(100.0)); }

TEST_P(Distributed, DelaysAndEveryConnectivityRule) { expect_like_one_process(test::every_rule_network(), runs(100.0)); }

// The perceptron rule reads the postsynaptic state at its step: an exchange every step.
TEST_P(Distributed, Perceptron) {
    Network net = test::perceptron_network(50, 20, 5.0);
    net.sample(SamplerSpec{PopulationId{1}, {0, 1, 49}, {StateVar("y"), StateVar("target")}, 1});
    net.record_weights(WeightRecorderSpec{ProjectionId{0}, 500});
    expect_like_one_process(net, runs(100.0));
}

// Samplers whose neurons lie on every rank in any order, weight snapshots, every live change.
TEST_P(Distributed, SamplesWeightSnapshotsAndLiveChanges) {
    expect_like_one_process(test::observed_network(), test::steer_observed_network);
}

// Saved in one CPU process, continued by the ranks, saved by them, continued in one process:
// the same second and third parts as one uninterrupted run.
TEST_P(Distributed, CheckpointsMoveBetweenRankCountsAndBackends) {
    const Network net = models::cuba(models::CubaOptions{1000, 2, 0.1, true});
    Simulator whole(net, SimulatorOptions{"cpu", 1});
    whole.run(90.0);
    const std::string dir = test::scratch("distributed-checkpoints");
    const std::string from_one = dir + "/from_one.axc", from_ranks = dir + "/from_ranks.axc";
    {
        Simulator first(net, SimulatorOptions{"cpu", 1});
        first.run(30.0);
        first.save_checkpoint(from_one);
    }
    std::vector<SpikeTrain> middle(2);  // what each rank recorded
    test::run_ranks(2, [&](const std::shared_ptr<Communicator>& comm) {
        Simulator ranks(net, rank_options(comm));
        ranks.restore(from_one);
        ranks.run(30.0);
        ranks.save_checkpoint(from_ranks);
        middle[static_cast<std::size_t>(comm->rank())] = ranks.spikes(PopulationId{0});
    });
    SpikeTrain expected_middle = test::from_step(whole.spikes(PopulationId{0}), 300);
    const std::size_t after = test::from_step(whole.spikes(PopulationId{0}), 600).size();
    expected_middle.steps.resize(expected_middle.size() - after);
    expected_middle.neurons.resize(expected_middle.steps.size());
    for (const SpikeTrain& train : middle) {
        EXPECT_EQ(expected_middle.steps, train.steps);
        EXPECT_EQ(expected_middle.neurons, train.neurons);
    }
    Simulator last(net, SimulatorOptions{"cpu", 1});
    last.restore(from_ranks);
    last.run(30.0);
    EXPECT_EQ(test::from_step(whole.spikes(PopulationId{0}), 600).neurons, last.spikes(PopulationId{0}).neurons);
    EXPECT_EQ(whole.weights(ProjectionId{0}), last.weights(ProjectionId{0}));
    EXPECT_EQ(whole.state(PopulationId{0}, StateVar::v), last.state(PopulationId{0}, StateVar::v));
}

// A rank whose options the backend refuses stops every rank with the error, before anything is built.
TEST_P(Distributed, RefusedOptionsStopEveryRank) {
    if (GetParam() != "cuda") GTEST_SKIP() << "only the cuda backend has options a distributed run refuses";
    EXPECT_THROW(test::run_ranks(2,
                                 [&](const std::shared_ptr<Communicator>& comm) {
                                     SimulatorOptions options = rank_options(comm);
                                     options.cuda.step = CudaStep::persistent;
                                     Simulator sim(models::cuba(models::CubaOptions{400, 2, 0.1, false}), options);
                                 }),
                 ConfigError);
}

INSTANTIATE_TEST_SUITE_P(All, Distributed, ::testing::ValuesIn(compiled_backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace axon
