// Plasticity on the CPU reference: the STDP window against its closed form (with the axonal
// delay convention), pairing schemes, soft bounds, bounds under a long random run, Hebb's
// rule on the seed's first exercise, homeostasis with plastic input, and the weight API.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "axon/axon.hpp"

namespace axon {
namespace {

// A delta neuron that fires exactly at the given steps: it is kicked over threshold by
// trigger neurons (which fire in step 0) through synapses with delays of those steps.
PopulationId add_neuron_firing_at(Network& net, const std::string& name, const std::vector<uint32_t>& steps) {
    LifParams p;
    p.e_l_mV = 0;
    p.v_reset_mV = 0;
    p.v_th_mV = 10;
    p.t_ref_ms = 0;
    p.tau_m_ms = 1e12;
    const PopulationId n = net.add_lif_delta(name, 1, p);
    LifParams trig = p;
    trig.t_ref_ms = 1e5;  // fires once
    for (std::size_t k = 0; k < steps.size(); ++k) {
        InitialState fire_now;
        fire_now.v_values_mV = {100.0};
        const PopulationId t = net.add_lif_delta(name + "_trigger" + std::to_string(k), 1, trig, fire_now);
        if (steps[k] == 0) continue;  // see below
        net.connect(t, n, ConnectRule::all_to_all(), Distribution::constant(50.0),
                    Distribution::constant(steps[k] * net.dt_ms()));
    }
    return n;
}

struct PairResult {
    float w0, w1;
};

// One pre spike emitted at step pre_step, one post spike at step post_step, through a
// plastic synapse with the given delay (steps); the synapse's weight is too small to matter.
PairResult run_pair(const StdpParams& stdp, uint32_t pre_step, uint32_t post_step, uint32_t delay_steps,
                    float w0 = 0.5f) {
    Network net;
    const PopulationId pre = add_neuron_firing_at(net, "pre", {pre_step});
    const PopulationId post = add_neuron_firing_at(net, "post", {post_step});
    ProjectionSpec spec;
    spec.pre = pre;
    spec.post = post;
    spec.rule = ConnectRule::all_to_all();
    spec.weight = Distribution::constant(w0);
    spec.delay_ms = Distribution::constant(delay_steps * net.dt_ms());
    spec.plasticity = Plasticity::with(stdp);
    const ProjectionId proj = net.connect(spec);
    net.record_spikes(pre);
    net.record_spikes(post);
    Simulator sim(std::move(net));
    sim.run(0.1 * (std::max(pre_step, post_step) + delay_steps + 5));
    EXPECT_EQ(sim.spikes(pre).steps, std::vector<Step>{pre_step});
    EXPECT_EQ(sim.spikes(post).steps, std::vector<Step>{post_step});
    return {w0, sim.weights(proj)[0]};
}

StdpParams window_params() {
    StdpParams p;
    p.tau_plus_ms = 16.8;
    p.tau_minus_ms = 33.7;
    p.a_plus = 0.01;
    p.a_minus = -0.012;
    p.w_min = 0.0;
    p.w_max = 1.0;
    return p;
}

TEST(Stdp, PairWindowMatchesTheAnalyticWeightChange) {
    // dt = t_post - (t_pre + d), timed at the synapse (axonal delay); dt >= 0 potentiates.
    const StdpParams p = window_params();
    for (uint32_t delay : {1u, 7u})
        for (int dt_steps : {-300, -120, -40, -5, -1, 0, 1, 5, 40, 120, 300}) {
            const uint32_t pre_step = 400;
            const auto post_step = static_cast<uint32_t>(static_cast<int>(pre_step + delay) + dt_steps);
            const PairResult r = run_pair(p, pre_step, post_step, delay);
            const double dt = 0.1 * dt_steps;
            const double expected = dt >= 0 ? p.a_plus * std::exp(-dt / p.tau_plus_ms) : p.a_minus * std::exp(dt / p.tau_minus_ms);
            EXPECT_NEAR(r.w1 - r.w0, expected, 2e-7 + 1e-4 * std::abs(expected)) << "delay " << delay << " dt " << dt_steps;
        }
}

TEST(Stdp, DelayIsAxonalSoPairsAreTimedAtTheSynapse) {
    // The post neuron fires 3 steps after the pre neuron; with a 5-step delay the pre spike
    // reaches the synapse 2 steps after the post spike: depression, not potentiation.
    const PairResult r = run_pair(window_params(), 100, 103, 5);
    EXPECT_LT(r.w1, r.w0);
    const PairResult same = run_pair(window_params(), 100, 103, 1);
    EXPECT_GT(same.w1, same.w0);
}

TEST(Stdp, NearestNeighbourPairsOnlyTheLatestSpike) {
    // Two pre spikes 10 and 5 steps before one post spike.
    for (bool nearest : {false, true}) {
        StdpParams p = window_params();
        p.nearest = nearest;
        Network net;
        const PopulationId pre = add_neuron_firing_at(net, "pre", {100, 105});
        const PopulationId post = add_neuron_firing_at(net, "post", {111});
        ProjectionSpec spec{"", pre, post, ConnectRule::all_to_all(), Distribution::constant(0.5),
                            Distribution::constant(0.1), Receptor::excitatory, Plasticity::with(p)};
        const ProjectionId proj = net.connect(spec);
        Simulator sim(std::move(net));
        sim.run(15.0);
        // Arrivals at 101 and 106, post at 111: dt = 10 and 5 steps.
        const double x = nearest ? std::exp(-0.5 / p.tau_plus_ms)
                                 : std::exp(-0.5 / p.tau_plus_ms) + std::exp(-1.0 / p.tau_plus_ms);
        EXPECT_NEAR(sim.weights(proj)[0] - 0.5, p.a_plus * x, 1e-6) << (nearest ? "nearest" : "all-to-all");
    }
}

TEST(Stdp, MultiplicativeChangesScaleWithTheDistanceToTheBound) {
    StdpParams p = window_params();
    p.multiplicative = true;
    for (float w0 : {0.2f, 0.8f}) {
        const PairResult r = run_pair(p, 200, 205, 1, w0);  // dt = 4 steps
        EXPECT_NEAR(r.w1 - w0, p.a_plus * (1.0 - w0) * std::exp(-0.4 / p.tau_plus_ms), 1e-6);
        const PairResult d = run_pair(p, 200, 196, 1, w0);  // dt = -5 steps
        EXPECT_NEAR(d.w1 - w0, p.a_minus * w0 * std::exp(-0.5 / p.tau_minus_ms), 1e-6);
    }
}

// 400 Poisson inputs onto 300 LIF neurons through plastic synapses, plus background drive.
Network random_plastic_network(Plasticity plasticity, const LifParams& lif = {}) {
    Network net(NetworkOptions{0.1, 11});
    const PopulationId in = net.add_poisson("in", 400, 20.0);
    const PopulationId out = net.add_lif_exp("out", 300, lif);
    net.add_poisson_input(out, 15000.0, 40.0);  // 12 mV of the 15 mV to threshold; plastic input does the rest
    ProjectionSpec spec{"", in, out, ConnectRule::fixed_probability(0.2), Distribution::uniform(0.0, 200.0),
                        Distribution::constant(1.5), Receptor::excitatory, plasticity};
    net.connect(spec);
    net.record_all_spikes();
    return net;
}

TEST(Stdp, WeightsNeverLeaveTheirBoundsInALongRandomRun) {
    StdpParams p;
    p.a_plus = 20.0;  // large steps, so that many weights reach the bounds
    p.a_minus = -21.0;
    p.w_min = 0.0;
    p.w_max = 200.0;
    Simulator sim(random_plastic_network(Plasticity::with(p)));
    sim.run(2000.0);
    const std::vector<float> w = sim.weights(ProjectionId{0});
    const auto [lo, hi] = std::minmax_element(w.begin(), w.end());
    EXPECT_GE(*lo, 0.0f);
    EXPECT_LE(*hi, 200.0f);
    EXPECT_GT(std::count(w.begin(), w.end(), 0.0f) + std::count(w.begin(), w.end(), 200.0f), 0);
    EXPECT_GT(sim.spikes(PopulationId{1}).size(), 1000u);
}

TEST(Stdp, LearningDoesNotDependOnThreadCount) {
    StdpParams p;
    p.a_plus = 2.0;
    p.a_minus = -2.1;
    p.w_max = 200.0;
    std::vector<float> w[2];
    for (int t = 1; t <= 2; ++t) {
        Simulator sim(random_plastic_network(Plasticity::with(p)), SimulatorOptions{"cpu", t});
        sim.run(500.0);
        w[t - 1] = sim.weights(ProjectionId{0});
    }
    EXPECT_EQ(w[0], w[1]);
}

// With two threads the CPU backend learns step t beside step t + 1's update (each on one
// thread); with --profile it runs the phases one after another. Both give one thread's spikes,
// weights, samples and weight snapshots, over runs of uneven lengths (down to one step), with
// STDP and Hebbian synapses and the postsynaptic spikes learned from while the next are made.
TEST(Plasticity, LearningBesideTheNextUpdateChangesNothing) {
    StdpParams stdp;
    stdp.a_plus = 2.0;
    stdp.a_minus = -2.1;
    stdp.w_max = 200.0;
    HebbianParams hebb;
    hebb.eta = 0.05;
    hebb.w_max = 200.0;
    for (const Plasticity& plasticity : {Plasticity::with(stdp), Plasticity::with(hebb)}) {
        struct Outcome {
            SpikeTrain spikes;
            std::vector<float> weights, samples, snapshots;
        };
        const auto run = [&](int threads, bool profile) {
            Network net = random_plastic_network(plasticity);
            const SamplerId v = net.sample(SamplerSpec{PopulationId{1}, {0, 7, 299}, {StateVar::v}, 3});
            const uint32_t rec = net.record_weights(WeightRecorderSpec{ProjectionId{0}, 250});
            SimulatorOptions options{"cpu", threads};
            options.profile = profile;
            Simulator sim(std::move(net), options);
            for (const double ms : {0.1, 37.3, 0.1, 162.5}) sim.run(ms);
            return Outcome{sim.spikes(PopulationId{1}), sim.weights(ProjectionId{0}), sim.samples(v).values,
                           sim.weight_snapshots(rec).values};
        };
        const Outcome one = run(1, false), beside = run(2, false), after = run(2, true);
        EXPECT_GT(one.spikes.size(), 200u);
        for (const Outcome* two : {&beside, &after}) {
            EXPECT_EQ(two->spikes.steps, one.spikes.steps);
            EXPECT_EQ(two->spikes.neurons, one.spikes.neurons);
            EXPECT_EQ(two->weights, one.weights);
            EXPECT_EQ(two->samples, one.samples);
            EXPECT_EQ(two->snapshots, one.snapshots);
        }
    }
}

// Seed exercise 1: inputs A and B fire together (both relay the same Poisson train), input C
// fires independently at the same rate; all three project onto the same targets through
// Hebbian synapses. Coincident A and B drive the targets, so their synapses grow; C's do not.
TEST(Hebbian, InputsThatFireTogetherWireTogether) {
    Network net(NetworkOptions{0.1, 21});
    LifParams relay;
    relay.e_l_mV = 0;
    relay.v_reset_mV = 0;
    relay.v_th_mV = 1;
    relay.t_ref_ms = 0;
    relay.tau_m_ms = 1;
    const PopulationId common = net.add_poisson("common", 20, 10.0);
    const PopulationId own = net.add_poisson("own", 20, 10.0);
    const PopulationId a = net.add_lif_delta("A", 20, relay);
    const PopulationId b = net.add_lif_delta("B", 20, relay);
    const PopulationId c = net.add_lif_delta("C", 20, relay);
    for (PopulationId r : {a, b}) net.connect(common, r, ConnectRule::one_to_one(), Distribution::constant(5.0));
    net.connect(own, c, ConnectRule::one_to_one(), Distribution::constant(5.0));
    LifParams target;  // tau_m 10 ms, 15 mV to threshold: one input alone is not enough
    target.t_ref_ms = 2;
    const PopulationId t = net.add_lif_delta("target", 20, target);
    HebbianParams h;
    h.tau_pre_ms = 10;
    h.tau_post_ms = 10;
    h.eta = 0.5;
    h.lambda = 0.02;
    h.w_min = 0;
    h.w_max = 12;
    std::vector<ProjectionId> proj;
    for (PopulationId in : {a, b, c})
        proj.push_back(net.connect(ProjectionSpec{"", in, t, ConnectRule::one_to_one(), Distribution::constant(8.0),
                                                  Distribution::constant(0.1), Receptor::excitatory, Plasticity::with(h)}));
    net.record_all_spikes();
    Simulator sim(std::move(net));
    sim.run(5000.0);
    const auto mean = [&](ProjectionId p) {
        const std::vector<float> w = sim.weights(p);
        return std::accumulate(w.begin(), w.end(), 0.0) / w.size();
    };
    RecordProperty("mean_weight_A", std::to_string(mean(proj[0])));
    RecordProperty("mean_weight_C", std::to_string(mean(proj[2])));
    EXPECT_NEAR(sim.spikes(a).size(), sim.spikes(c).size(), 0.15 * sim.spikes(c).size());  // same rates
    EXPECT_GT(sim.spikes(t).size(), 100u);
    EXPECT_GT(mean(proj[0]), 10.0);  // A and B wired up toward the bound
    EXPECT_GT(mean(proj[1]), 10.0);
    EXPECT_LT(mean(proj[2]), 4.0);   // C decayed
}

TEST(Homeostasis, AdaptiveThresholdKeepsWorkingWithPlasticInput) {
    StdpParams p;
    p.a_plus = 2.0;
    p.a_minus = -1.8;
    p.w_max = 200.0;
    double rate[2];
    float theta_mean = 0;
    for (int adaptive = 0; adaptive < 2; ++adaptive) {
        LifParams lif;
        if (adaptive) {
            lif.delta_theta_mV = 2.0;
            lif.tau_theta_ms = 200.0;
        }
        Network net = random_plastic_network(Plasticity::with(p), lif);
        Simulator sim(std::move(net));
        sim.run(2000.0);
        rate[adaptive] = activity(sim.spikes(PopulationId{1}), 300, 0.1, 1000.0, 2000.0).mean_rate_Hz;
        if (adaptive) {
            const std::vector<float> theta = sim.state(PopulationId{1}, StateVar::theta);
            theta_mean = std::accumulate(theta.begin(), theta.end(), 0.0f) / theta.size();
        }
    }
    EXPECT_GT(rate[0], 5.0);
    EXPECT_LT(rate[1], 0.8 * rate[0]);  // adaptation holds the rate down
    EXPECT_GT(theta_mean, -50.0f + 0.5f);
}

TEST(PlasticityApi, WeightsCanBeReadWrittenAndRecorded) {
    StdpParams p;
    p.a_plus = 1.0;
    p.a_minus = -1.0;
    p.w_max = 200.0;
    Network net = random_plastic_network(Plasticity::with(p));
    const uint32_t rec = net.record_weights(WeightRecorderSpec{ProjectionId{0}, 1000});
    Simulator sim(std::move(net));
    std::vector<float> w = sim.weights(ProjectionId{0});
    std::fill(w.begin(), w.end(), 30.0f);
    sim.set_weights(ProjectionId{0}, w);
    EXPECT_EQ(sim.weights(ProjectionId{0}), w);
    sim.run(300.0);
    const WeightSeries& snapshots = sim.weight_snapshots(rec);
    ASSERT_EQ(snapshots.steps.size(), 3u);
    EXPECT_EQ(snapshots.steps[2], 2999u);
    ASSERT_EQ(snapshots.values.size(), 3 * w.size());
    const std::vector<float> now = sim.weights(ProjectionId{0});
    EXPECT_TRUE(std::equal(now.begin(), now.end(), snapshots.values.begin() + 2 * w.size()));
    EXPECT_NE(now, w);  // it learned
    w.pop_back();
    EXPECT_THROW(sim.set_weights(ProjectionId{0}, w), ConfigError);
    w.push_back(201.0f);
    EXPECT_THROW(sim.set_weights(ProjectionId{0}, w), ConfigError);  // outside [w_min, w_max]
}

TEST(PlasticityApi, LearnedWeightsCanBeWrittenBack) {
    // Weights clipped to float(w_max) = 3.2400000095 must pass the bounds check of set_weights.
    Simulator sim(models::cuba(models::CubaOptions{4000, 1, 0.1, true}));
    sim.run(50.0);
    std::vector<float> w = sim.weights(ProjectionId{0});
    w[0] = 3.24f;  // what the kernel's clip to w_max leaves
    w[1] = 0.0f;
    EXPECT_NO_THROW(sim.set_weights(ProjectionId{0}, w));
    EXPECT_EQ(sim.weights(ProjectionId{0}), w);
    w[0] = std::nextafter(3.24f, 4.0f);
    EXPECT_THROW(sim.set_weights(ProjectionId{0}, w), ConfigError);
}

TEST(PlasticityErrors, PlasticProjectionsNeedOneDelayAndWeightsWithinBounds) {
    Network net;
    const PopulationId a = net.add_lif_exp("A", 5, LifParams{});
    StdpParams p;
    ProjectionSpec spec{"", a, a, ConnectRule::all_to_all(), Distribution::constant(0.5), Distribution::uniform(0.1, 2.0),
                        Receptor::excitatory, Plasticity::with(p)};
    try {
        net.connect(spec);
        ADD_FAILURE();
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("a constant delay"), std::string::npos) << e.what();
    }
    spec.delay_ms = Distribution::constant(1.0);
    spec.weight = Distribution::constant(2.0);
    EXPECT_THROW(net.connect(spec), ConfigError);  // above w_max = 1
    spec.weight = Distribution::constant(0.5);
    spec.plasticity.stdp.a_minus = 0.1;  // must be <= 0
    EXPECT_THROW(net.connect(spec), ConfigError);
    spec.plasticity.stdp.a_minus = -0.1;
    spec.plasticity.stdp.w_max = -1.0;  // below w_min
    EXPECT_THROW(net.connect(spec), ConfigError);
    EXPECT_TRUE(net.projections().empty());
}

}  // namespace
}  // namespace axon
