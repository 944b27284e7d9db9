// The scheduler: repeated runs, callbacks for closed-loop use, sampling, memory estimates.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "axon/axon.hpp"
#include "engine/src/backends/descriptor.hpp"
#include "support/config_error.hpp"

namespace axon {
namespace {

Network small_cuba(uint64_t seed = 1) { return models::cuba(models::CubaOptions{1000, seed, 0.1}); }

TEST(Simulator, RunIsCallableRepeatedlyAndSplitsDoNotMatter) {
    Simulator whole(small_cuba());
    whole.run(200.0);
    Simulator pieces(small_cuba());
    pieces.run(50.0);
    pieces.run(0.0);
    pieces.run(100.0);
    pieces.run(50.0);
    EXPECT_EQ(pieces.current_step(), 2000u);
    EXPECT_DOUBLE_EQ(pieces.time_ms(), 200.0);
    for (uint32_t p = 0; p < 2; ++p) {
        EXPECT_EQ(whole.spikes(PopulationId{p}).steps, pieces.spikes(PopulationId{p}).steps);
        EXPECT_EQ(whole.spikes(PopulationId{p}).neurons, pieces.spikes(PopulationId{p}).neurons);
    }
    EXPECT_GT(whole.spikes(PopulationId{0}).size(), 100u);
    EXPECT_EQ(whole.state(PopulationId{0}, StateVar::v), pieces.state(PopulationId{0}, StateVar::v));
}

TEST(Simulator, CallbacksRunEveryNStepsInOrder) {
    Simulator sim(small_cuba());
    std::vector<std::pair<int, Step>> calls;
    sim.every(30, [&](Simulator& s) { calls.push_back({1, s.current_step()}); });
    sim.every(45, [&](Simulator& s) { calls.push_back({2, s.current_step()}); });
    sim.run(10.0);  // 100 steps
    sim.run(8.0);   // to step 180
    const std::vector<std::pair<int, Step>> expected = {{1, 30}, {2, 45}, {1, 60}, {1, 90}, {2, 90},
                                                       {1, 120}, {2, 135}, {1, 150}, {1, 180}, {2, 180}};
    EXPECT_EQ(calls, expected);
}

TEST(Simulator, CallbackReadsSpikesAndChangesInputCurrent) {
    // Closed loop: a silent neuron is switched on by a callback once 10 ms have passed, and
    // off again by the callback that sees it has fired 5 times.
    Network net;
    LifParams p;
    p.i_e_pA = 0;
    const PopulationId n = net.add_lif_exp("N", 1, p);
    net.record_spikes(n);
    Simulator sim(std::move(net));
    sim.every(10, [&](Simulator& s) {
        if (s.time_ms() == 10.0) s.set_input_current(n, 1000.0);
        if (s.spikes(n).size() >= 5) s.set_input_current(n, 0.0);
    });
    sim.run(100.0);
    const SpikeTrain& spikes = sim.spikes(n);
    ASSERT_GE(spikes.size(), 5u);
    EXPECT_GT(spikes.time_ms(0, 0.1), 10.0);
    const Step switched_off = (spikes.steps[4] / 10 + 1) * 10;
    EXPECT_LE(spikes.size(), 6u);  // at most one more spike within the 10 steps before the check
    EXPECT_LT(spikes.steps.back(), switched_off + 20);
}

TEST(Simulator, SamplesEveryKSteps) {
    Network net = small_cuba();
    const SamplerId s = net.sample(SamplerSpec{PopulationId{0}, {3, 7, 11}, {StateVar::v, StateVar::theta}, 25});
    Simulator sim(std::move(net));
    sim.run(20.0);  // 200 steps -> samples after steps 24, 49, ..., 199
    const SampleSeries& series = sim.samples(s);
    ASSERT_EQ(series.steps.size(), 8u);
    EXPECT_EQ(series.steps.front(), 24u);
    EXPECT_EQ(series.steps.back(), 199u);
    ASSERT_EQ(series.values.size(), 8u * 2 * 3);
    const std::vector<float> v = sim.state(PopulationId{0}, StateVar::v);
    EXPECT_EQ(series.value(7, 0, 2), v[11]);
    EXPECT_EQ(series.value(7, 1, 0), -50.0f);  // fixed threshold
}

TEST(Simulator, MemoryEstimateBeforeBuild) {
    const Network brunel = models::brunel_a();
    const MemoryPlan plan = estimate_memory(brunel);
    EXPECT_EQ(plan.neurons, 12500u);
    EXPECT_EQ(plan.expected_synapses, 12500u * 1250u);
    // Constant weights and delays: 2 bytes per synapse (16-bit post indices: both populations
    // are under 65,536 neurons) plus row offsets, state and rings, and while building, 12 bytes
    // per synapse of the largest projection (E->E, 10^7): the drawn pairs and the builder's
    // 32-bit post indices.
    uint64_t scratch = 0;
    for (const MemoryPart& part : plan.parts)
        if (part.name.find("scratch") != std::string::npos) scratch += part.bytes;
    EXPECT_EQ(scratch, 12u * 10000u * 1000u);
    EXPECT_GT(plan.total_bytes() - scratch, 2u * 12500u * 1250u);
    EXPECT_LT(plan.total_bytes() - scratch, 2u * 12500u * 1250u + (4u << 20));
    const Network cuba = small_cuba();
    Simulator sim(cuba);
    const double expected = static_cast<double>(estimate_memory(cuba).expected_synapses);
    EXPECT_NEAR(static_cast<double>(sim.stats().synapses), expected, 4 * std::sqrt(expected));
    EXPECT_EQ(format_bytes(1536), "1.5 KiB");
}

// One rank's plan: its share of synapses, state, rings and construction scratch, plus the row
// offsets every rank holds whole (16 bytes per presynaptic neuron and projection).
TEST(Simulator, MemoryPlanOfOneRank) {
    const Network brunel = models::brunel_a();
    const MemoryPlan whole = estimate_memory(brunel), rank = estimate_memory(brunel, "cpu", 4);
    EXPECT_EQ(rank.ranks, 4);
    EXPECT_EQ(rank.expected_synapses, whole.expected_synapses);  // the network's, for reference
    const uint64_t synapses = 2u * 12500u * 1250u, row_offsets = 16u * (2 * 10001u + 2 * 2501u);
    uint64_t scratch = 0;
    for (const MemoryPart& part : rank.parts)
        if (part.name.find("scratch") != std::string::npos) scratch += part.bytes;
    EXPECT_EQ(scratch, 12u * 10000u * 1000u / 4);
    EXPECT_GT(rank.total_bytes() - scratch, synapses / 4 + row_offsets);
    EXPECT_LT(rank.total_bytes() - scratch, synapses / 4 + row_offsets + (1u << 20));
    EXPECT_THROW(estimate_memory(brunel, "cpu", 0), ConfigError);
}

// The bytes of the plan's part called `name` (a test failure, and 0, where there is none).
uint64_t part_bytes(const MemoryPlan& plan, const std::string& name) {
    for (const MemoryPart& p : plan.parts)
        if (p.name == name) return p.bytes;
    ADD_FAILURE() << "no part '" << name << "'";
    return 0;
}

// The CPU stores a rank's post indices as indices in its block: Brunel A at 125,000 neurons
// (100,000 excitatory) needs 4-byte ones in one process and 2-byte ones on each of 2 ranks.
TEST(Simulator, MemoryPlanNarrowsPostIndicesToTheRanksBlock) {
    const Network brunel = models::brunel_a(models::BrunelOptions{125000});
    const ProjectionSpec& ee = brunel.projections()[0];
    ASSERT_EQ(brunel.population(ee.post).size, 100000u);
    const std::string name = "projection '" + ee.name + "' synapses";
    auto part = [&](const MemoryPlan& plan) { return part_bytes(plan, name); };
    const uint64_t n = expected_synapses(brunel, ee), n_pre = brunel.population(ee.pre).size;
    EXPECT_EQ(part(estimate_memory(brunel, "cpu", 1)), 4 * n + 8 * (n_pre + 1));
    EXPECT_EQ(part(estimate_memory(brunel, "cpu", 2)), 2 * n / 2 + 16 * (n_pre + 1));
    EXPECT_EQ(part(estimate_memory(brunel, "cuda", 2)), 4 * n / 2 + 16 * (n_pre + 1));
}

// A plastic projection's transposed index keeps each synapse's presynaptic neuron in the fewest
// bytes on the CPU (CUBA's 3,200 excitatory neurons: 2) and in 4 on cuda; the plan says so.
TEST(Simulator, MemoryPlanNarrowsTheTransposedPreIdsOnTheCpu) {
    models::CubaOptions options;
    options.stdp = true;
    const Network cuba = models::cuba(options);
    const ProjectionSpec& ee = cuba.projections()[0];
    ASSERT_TRUE(ee.plasticity.plastic());
    const std::string name = "projection '" + ee.name + "' plasticity";
    auto part = [&](const MemoryPlan& plan) { return part_bytes(plan, name); };
    const uint64_t n = expected_synapses(cuba, ee), n_pre = cuba.population(ee.pre).size;
    ASSERT_EQ(n_pre, 3200u);
    EXPECT_EQ(part(estimate_memory(cuba, "cuda")) - part(estimate_memory(cuba, "cpu")), 2 * n);
}

// A cuda rank holds every neuron's state and ring but only its share of the synapses (built on
// the host), and buffers for the spike exchange.
TEST(Simulator, CudaMemoryPlanOfOneRank) {
    const Network brunel = models::brunel_a();
    const MemoryPlan whole = estimate_memory(brunel, "cuda"), rank = estimate_memory(brunel, "cuda", 4);
    const auto part = part_bytes;
    EXPECT_EQ(part(rank, "population 'E' state"), part(whole, "population 'E' state"));
    EXPECT_EQ(part(rank, "population 'E' input ring buffer"), part(whole, "population 'E' input ring buffer"));
    EXPECT_LT(part(rank, "projection 'E->E' synapses"), part(whole, "projection 'E->E' synapses") / 3);
    EXPECT_EQ(part(rank, "spike exchange buffers"), 3 * (uint64_t{16} << 20));
    EXPECT_GT(part(whole, "device construction (transient)"), 0u);  // one process builds on the device
    EXPECT_LT(estimate_memory(brunel, "cpu", 4).total_bytes(), rank.total_bytes());
}

// The cuda plan is the cpu plan's state and synapses plus what the device backend allocates
// besides (engine/src/device_plan.hpp), and no host construction scratch.
TEST(Simulator, CudaMemoryPlanCountsTheDeviceParts) {
    Network net = models::cuba(models::CubaOptions{4000, 1, 0.1, true});  // E->E plastic
    net.sample(SamplerSpec{PopulationId{0}, {0, 1, 2}, {StateVar::v}, 10});
    const MemoryPlan cpu = estimate_memory(net, "cpu"), cuda = estimate_memory(net, "cuda");
    auto part = [](const MemoryPlan& plan, const std::string& prefix) -> std::optional<uint64_t> {
        for (const MemoryPart& p : plan.parts)
            if (p.name.rfind(prefix, 0) == 0) return p.bytes;
        return std::nullopt;
    };
    EXPECT_TRUE(part(cpu, "construction scratch"));
    EXPECT_FALSE(part(cuda, "construction scratch"));
    EXPECT_FALSE(part(cpu, "device spike recording"));
    // Every neuron recorded; the interval is rounded down to whole 32-step graphs.
    const uint64_t drain = (uint64_t{1} << 24) / 4000 / 32 * 32;
    EXPECT_EQ(part(cuda, "device spike recording"), 4 * (3200 + 1 + 800 + 1) * drain);
    EXPECT_EQ(part(cuda, "device samples"), 4 * (drain / 10 + 1) * 3);
    EXPECT_EQ(part(cuda, "step spike flags and list"), 9u * 4000u);
    const uint64_t slots = net.delay_steps(net.projections()[0].delay_ms->value) + 1;
    EXPECT_EQ(part(cuda, "plastic spike history"), 4 * slots * (3200 + 1));
    EXPECT_GE(part(cuda, "device construction").value_or(0), 28 * cpu.expected_synapses / 4);  // E->E: 4/5 x 4/5
    // 32-bit post indices on the device; 16-bit ones on the host, for 3,200 post neurons.
    const uint64_t ee = expected_synapses(net, net.projections()[0]), ee_rows = 8 * (3200 + 1);
    const std::string ee_part = "projection '" + net.projections()[0].name + "' synapses";
    EXPECT_EQ(part(cuda, ee_part), 4 * ee + ee_rows);
    EXPECT_EQ(part(cpu, ee_part), 2 * ee + ee_rows);
    EXPECT_GT(cuda.total_bytes(), cpu.total_bytes());
}

TEST(Simulator, SameSeedSameSpikesOtherSeedOtherSpikes) {
    Simulator a(small_cuba(7)), b(small_cuba(7)), c(small_cuba(8));
    for (Simulator* s : {&a, &b, &c}) s->run(100.0);
    EXPECT_EQ(a.spikes(PopulationId{0}).neurons, b.spikes(PopulationId{0}).neurons);
    EXPECT_EQ(a.spikes(PopulationId{0}).steps, b.spikes(PopulationId{0}).steps);
    EXPECT_NE(a.spikes(PopulationId{0}).neurons, c.spikes(PopulationId{0}).neurons);
}

TEST(Simulator, OneAndTwoThreadsGiveIdenticalSpikeTrains) {
    // Brunel A at full size, so that every parallel path (neuron chunks, Poisson chunks,
    // postsynaptic ranges in propagation) is split in two.
    Simulator one(models::brunel_a(), SimulatorOptions{"cpu", 1});
    Simulator two(models::brunel_a(), SimulatorOptions{"cpu", 2});
    one.run(150.0);
    two.run(150.0);
    for (uint32_t p = 0; p < 2; ++p) {
        EXPECT_EQ(one.spikes(PopulationId{p}).steps, two.spikes(PopulationId{p}).steps);
        EXPECT_EQ(one.spikes(PopulationId{p}).neurons, two.spikes(PopulationId{p}).neurons);
        EXPECT_EQ(one.state(PopulationId{p}, StateVar::v), two.state(PopulationId{p}, StateVar::v));
    }
    EXPECT_GT(one.spikes(PopulationId{0}).size(), 10000u);
}

TEST(Simulator, ProfilingTimesEachPhaseAndChangesNothing) {
    Simulator plain(small_cuba());
    SimulatorOptions options;
    options.profile = true;
    Simulator profiled(small_cuba(), options);
    plain.run(100.0);
    profiled.run(100.0);
    EXPECT_TRUE(plain.stats().phases.empty());
    const std::vector<PhaseTime> phases = profiled.stats().phases;
    ASSERT_EQ(phases.size(), 5u);
    EXPECT_EQ(phases[0].phase, "update");
    EXPECT_EQ(phases[2].phase, "propagate");
    double total = 0;
    for (const PhaseTime& p : phases) {
        EXPECT_GE(p.seconds, 0.0) << p.phase;
        total += p.seconds;
    }
    EXPECT_GT(phases[0].seconds, 0.0);
    EXPECT_LE(total, profiled.stats().simulation_s);
    EXPECT_EQ(plain.spikes(PopulationId{0}).neurons, profiled.spikes(PopulationId{0}).neurons);
}

TEST(Simulator, RecordNoSpikesRecordsNothingAndComputesTheSame) {
    Network quiet = small_cuba();
    quiet.record_no_spikes();
    Simulator a(small_cuba()), b(quiet);
    a.run(100.0);
    b.run(100.0);
    EXPECT_GT(a.spikes(PopulationId{0}).size(), 0u);
    EXPECT_TRUE(b.spikes(PopulationId{0}).empty());
    EXPECT_TRUE(b.spikes(PopulationId{1}).empty());
    EXPECT_EQ(a.state(PopulationId{0}, StateVar::v), b.state(PopulationId{0}, StateVar::v));
}

TEST(Simulator, RunThatCannotHoldItsRecordingsIsRefusedBeforeItStarts) {
    Network net = small_cuba();
    net.record_weights(WeightRecorderSpec{ProjectionId{0}, 1});  // every step: 4 B x ~16,000 synapses
    Simulator sim(net);
    try {
        sim.run(1e12);  // 1e13 steps of snapshots: far beyond any machine
        FAIL() << "expected CapacityError";
    } catch (const CapacityError& e) {
        EXPECT_NE(std::string(e.what()).find("samples and weight snapshots"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("record less often"), std::string::npos) << e.what();
    }
    EXPECT_EQ(sim.current_step(), 0u) << "nothing ran";
    EXPECT_THROW(sim.run(1e30), ConfigError);  // more steps than a 64-bit count holds
    sim.run(10.0);  // a short run still fits
    EXPECT_EQ(sim.weight_snapshots(0).steps.size(), 100u);
}

// Every compiled backend runs every model of the list (the step is one function per model for
// both), so no network is refused for its models.
TEST(Simulator, EveryCompiledBackendRunsEveryModel) {
    for (const std::string& backend : compiled_backends())
        for (NeuronModel model : neuron_models()) EXPECT_TRUE(backend_supports(backend, model)) << backend << " " << to_string(model);
    EXPECT_FALSE(backend_supports("tpu", NeuronModel::lif_exp));
}

// The registry is read from the backends' descriptors: what compiled_backends lists, what "auto"
// chooses, what a plan for an unknown backend says, and that a build plans for every backend it
// knows, compiled in or not.
TEST(Simulator, BackendsComeFromTheirDescriptors) {
    std::vector<std::string> compiled, known;
    for (const detail::BackendDescriptor* d : detail::backend_descriptors()) {
        known.emplace_back(d->name);
        if (d->compiled) compiled.emplace_back(d->name);
        EXPECT_EQ(backend_available(d->name), d->available()) << d->name;
        EXPECT_EQ(estimate_memory(models::cuba(), d->name).backend, d->name);
        EXPECT_EQ(d->make == nullptr, !d->compiled) << d->name;
    }
    EXPECT_EQ(compiled, compiled_backends());
    EXPECT_EQ(known, (std::vector<std::string>{"cpu", "cuda"}));
    EXPECT_EQ(resolve_backend("auto"), backend_available("cuda") ? "cuda" : "cpu");
    EXPECT_EQ(make_backend("cpu")->name(), "cpu");
    test::expect_error<BackendError>([] { estimate_memory(models::cuba(), "tpu"); },
                                     {"unknown backend 'tpu'; the backends are: auto, cpu, cuda"});
    test::expect_error<BackendError>([] { resolve_backend("tpu"); }, {"backend 'tpu' is not compiled into this build"});
}

}  // namespace
}  // namespace axon
