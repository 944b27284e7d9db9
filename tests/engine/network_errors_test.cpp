// Every invalid description ends in a ConfigError that names the object, the field and the
// allowed range, and leaves the network exactly as it was.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "axon/axon.hpp"
#include "support/config_error.hpp"

namespace axon {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// Runs `fn`, expects a ConfigError whose message contains every fragment.
using test::expect_config_error;

class NetworkErrors : public ::testing::Test {
protected:
    Network net;
    PopulationId a = net.add_lif_exp("A", 10, LifParams{});
    PopulationId b = net.add_lif_delta("B", 20, LifParams{});

    void expect_unchanged() {
        EXPECT_EQ(net.populations().size(), 2u);
        EXPECT_EQ(net.projections().size(), 0u);
        EXPECT_EQ(net.poisson_inputs().size(), 0u);
    }
};

TEST_F(NetworkErrors, ZeroSize) {
    expect_config_error([&] { net.add_lif_exp("C", 0, LifParams{}); }, {"population 'C'", "size", "[1, "});
    expect_unchanged();
}

TEST_F(NetworkErrors, DuplicateOrEmptyName) {
    expect_config_error([&] { net.add_lif_exp("A", 5, LifParams{}); }, {"population 'A'", "name"});
    expect_config_error([&] { net.add_lif_exp("", 5, LifParams{}); }, {"name", "non-empty"});
    expect_unchanged();
}

TEST_F(NetworkErrors, NonPositiveTimeConstantsAndCapacitance) {
    LifParams p;
    p.tau_m_ms = 0;
    expect_config_error([&] { net.add_lif_exp("C", 5, p); }, {"population 'C'", "tau_m_ms", "(0, inf)"});
    p = LifParams{};
    p.tau_syn_exc_ms = -1;
    expect_config_error([&] { net.add_lif_exp("C", 5, p); }, {"tau_syn_exc_ms", "= -1", "(0, inf)"});
    p = LifParams{};
    p.tau_syn_inh_ms = 0;
    expect_config_error([&] { net.add_lif_exp("C", 5, p); }, {"tau_syn_inh_ms"});
    p = LifParams{};
    p.c_m_pF = -250;
    expect_config_error([&] { net.add_lif_delta("C", 5, p); }, {"c_m_pF"});
    p = LifParams{};
    p.tau_theta_ms = 0;
    expect_config_error([&] { net.add_lif_delta("C", 5, p); }, {"tau_theta_ms"});
    p = LifParams{};
    p.t_ref_ms = -0.1;
    expect_config_error([&] { net.add_lif_delta("C", 5, p); }, {"t_ref_ms", "[0, inf)"});
    expect_config_error([] { Network bad(NetworkOptions{0.0, 1}); }, {"network", "dt_ms", "[0.0001, 1000]"});
    expect_unchanged();
}

TEST_F(NetworkErrors, ThresholdBelowReset) {
    LifParams p;
    p.v_th_mV = -70;
    expect_config_error([&] { net.add_lif_exp("C", 5, p); }, {"v_th_mV", "= -70", "(-65, inf)"});
    expect_unchanged();
}

TEST_F(NetworkErrors, NaNAndInfinityAnywhere) {
    LifParams p;
    p.e_l_mV = kNaN;
    expect_config_error([&] { net.add_lif_exp("C", 5, p); }, {"e_l_mV", "nan", "finite"});
    p = LifParams{};
    p.i_e_pA = kInf;
    expect_config_error([&] { net.add_lif_exp("C", 5, p); }, {"i_e_pA", "inf"});
    InitialState init;
    init.v_mV = Distribution::normal(kNaN, 1.0);
    expect_config_error([&] { net.add_lif_exp("C", 5, LifParams{}, init); }, {"initial_v_mV.mean", "nan"});
    init = InitialState{};
    init.v_values_mV = {0, 1, kInf, 3, 4};
    expect_config_error([&] { net.add_lif_exp("C", 5, LifParams{}, init); }, {"v_values_mV[2]", "inf"});
    init = InitialState{};
    init.set("g_ex", Distribution::normal(1.0, kInf));
    expect_config_error([&] { net.add_population("C", 5, NeuronModel::lif_cond_exp, {}, init); },
                        {"population 'C'", "initial_g_ex_nS.sd", "inf"});
    init = InitialState{};
    init.set("w", Distribution::constant(1.0));
    expect_config_error([&] { net.add_population("C", 5, NeuronModel::lif_cond_exp, {}, init); },
                        {"initial state 'w'", "v, g_ex, g_in, refractory"});
    init = InitialState{};
    init.set("v", Distribution::constant(1.0));
    expect_config_error([&] { net.add_population("C", 5, NeuronModel::lif_cond_exp, {}, init); },
                        {"initial state 'v'", "other than v (initial_v_mV)"});
    expect_config_error([&] { net.add_lif_exp("a/b", 5, LifParams{}); }, {"name = 'a/b' is invalid", "names become file names"});
    try {  // an unbounded field says "a finite number", not "a finite number in (-inf, inf)"
        net.connect(a, b, ConnectRule::all_to_all(), Distribution::constant(1.0), Distribution::constant(kInf));
        ADD_FAILURE() << "an infinite delay was accepted";
    } catch (const ConfigError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("delay_ms = inf is invalid; allowed: a finite number"), std::string::npos) << m;
        EXPECT_EQ(m.find("(-inf, inf)"), std::string::npos) << m;
    }
    expect_config_error([&] { net.add_lif_exp("..", 5, LifParams{}); }, {"name = '..' is invalid"});
    expect_config_error([&] { net.connect(a, b, ConnectRule::fixed_total_number(uint64_t{1} << 60), Distribution::constant(1.0)); },
                        {"n = 1152921504606846976 is invalid", "at most 2^56 synapses"});
    expect_config_error([&] { Network tiny(NetworkOptions{1e-50, 1}); }, {"dt_ms = 1e-50 is invalid; allowed: [0.0001, 1000]"});
    expect_config_error([&] { net.connect(a, b, ConnectRule::all_to_all(), Distribution::constant(kNaN)); },
                        {"projection 'A->B'", "weight", "nan"});
    expect_config_error([&] { net.connect(a, b, ConnectRule::all_to_all(), Distribution::uniform(0, kInf)); },
                        {"weight.high", "inf"});
    expect_config_error([&] { net.add_poisson_input(a, kNaN, 1.0); },
                        {"poisson input 'poisson->A'", "rate_Hz", "nan"});
    expect_unchanged();
}

TEST_F(NetworkErrors, ProjectionNamesAreUnique) {
    ProjectionSpec spec;
    spec.name = "AB";
    spec.pre = a;
    spec.post = b;
    net.connect(spec);
    expect_config_error([&] { net.connect(spec); }, {"projection 'AB'", "name", "not used by another projection"});
    spec.name.clear();  // default names are made unique instead
    net.connect(spec);
    net.connect(spec);
    EXPECT_EQ(net.projections()[1].name, "A->B");
    EXPECT_EQ(net.projections()[2].name, "A->B #2");
}

TEST_F(NetworkErrors, WeightsBeyondTheFixedPointRange) {
    expect_config_error([&] { net.connect(a, b, ConnectRule::all_to_all(), Distribution::constant(2e6)); },
                        {"projection 'A->B'", "weight", "[-1e6, 1e6]"});
    expect_config_error([&] { net.connect(a, b, ConnectRule::all_to_all(), Distribution::normal(0.0, 1e6)); },
                        {"weight", "normal"});
    expect_config_error([&] { net.add_poisson_input(a, 10.0, -3e6); }, {"poisson input", "weight"});
    expect_unchanged();
}

TEST_F(NetworkErrors, ProbabilityOutsideUnitInterval) {
    expect_config_error([&] { net.connect(a, b, ConnectRule::fixed_probability(1.5), Distribution::constant(1)); },
                        {"projection 'A->B'", "p", "= 1.5", "[0, 1]"});
    expect_config_error([&] { net.connect(a, b, ConnectRule::fixed_probability(-0.1), Distribution::constant(1)); },
                        {"p", "[0, 1]"});
    expect_unchanged();
}

TEST_F(NetworkErrors, DelayOutsideRange) {
    expect_config_error(
        [&] { net.connect(a, b, ConnectRule::all_to_all(), Distribution::constant(1), Distribution::constant(0.01)); },
        {"projection 'A->B'", "delay_ms", "= 0.01", "[0.1"});
    expect_config_error(
        [&] { net.connect(a, b, ConnectRule::all_to_all(), Distribution::constant(1), Distribution::constant(1e5)); },
        {"delay_ms", "6553.5"});
    expect_config_error(
        [&] { net.connect(a, b, ConnectRule::all_to_all(), Distribution::constant(1), Distribution::uniform(0.0, 2.0)); },
        {"delay_ms (lowest)", "= 0"});
    expect_config_error([&] { net.add_poisson_input(a, 100.0, 1.0, Receptor::excitatory, 0.0); },
                        {"poisson input", "delay_ms"});
    expect_unchanged();
}

TEST_F(NetworkErrors, UnknownPopulations) {
    expect_config_error([&] { net.connect(a, PopulationId{7}, ConnectRule::all_to_all(), Distribution::constant(1)); },
                        {"projection #0", "post", "#7"});
    expect_config_error([&] { net.add_poisson_input(PopulationId{9}, 1.0, 1.0); },
                        {"poisson input #0", "target", "#9"});
    expect_config_error([&] { net.record_spikes(PopulationId{2}); }, {"record_spikes", "#2"});
    expect_config_error([&] { net.population_id("C"); }, {"unknown population 'C'", "'A', 'B'"});
    expect_unchanged();
}

TEST_F(NetworkErrors, ImpossibleDegrees) {
    expect_config_error(
        [&] { net.connect(a, b, ConnectRule::fixed_indegree(11, true, false), Distribution::constant(1)); },
        {"indegree", "= 11", "[0, 10] without multapses"});
    expect_config_error(
        [&] { net.connect(a, a, ConnectRule::fixed_outdegree(10, false, false), Distribution::constant(1)); },
        {"outdegree", "[0, 9]"});
    expect_config_error(
        [&] { net.connect(a, b, ConnectRule::fixed_total_number(201, true, false), Distribution::constant(1)); },
        {"n", "= 201", "[0, 200]"});
    expect_config_error([&] { net.connect(a, b, ConnectRule::one_to_one(), Distribution::constant(1)); },
                        {"one_to_one", "equal size"});
    expect_unchanged();
}

TEST_F(NetworkErrors, PoissonPopulationsTakeNoInputAndRateIsBounded) {
    const PopulationId p = net.add_poisson("P", 4, 10.0);
    expect_config_error([&] { net.connect(a, p, ConnectRule::all_to_all(), Distribution::constant(1)); },
                        {"post", "'P'", "poisson"});
    expect_config_error([&] { net.add_poisson("Q", 4, 20000.0); }, {"population 'Q'", "rate_Hz", "[0, 10000]"});
    expect_config_error([&] { net.add_poisson_input(a, 1e6, 1.0); }, {"rate_Hz", "[0, 500000]"});
}

TEST_F(NetworkErrors, BadSamplers) {
    expect_config_error([&] { net.sample(SamplerSpec{a, {10}}); }, {"sampler #0", "neurons", "= 10", "[0, 9]"});
    expect_config_error([&] { net.sample(SamplerSpec{a, {}}); }, {"neurons", "at least one"});
    expect_config_error([&] { net.sample(SamplerSpec{a, {0}, {StateVar::v}, 0}); }, {"every_steps"});
    EXPECT_TRUE(net.samplers().empty());
}

TEST(SimulatorErrors, UnknownBackendAndBadRunArguments) {
    Network net;
    const PopulationId a = net.add_lif_exp("A", 3, LifParams{});
    EXPECT_THROW(Simulator(net, SimulatorOptions{"tpu", 0}), BackendError);
    Simulator sim(net);
    expect_config_error([&] { sim.run(-1.0); }, {"duration_ms"});
    expect_config_error([&] { sim.set_input_current(a, std::vector<float>{1.0f}); }, {"population 'A'", "exactly size = 3"});
    expect_config_error([&] { sim.set_input_current(a, kNaN); }, {"input current[0]", "nan"});
    expect_config_error([&] { sim.every(0, [](Simulator&) {}); }, {"every_steps"});
}

}  // namespace
}  // namespace axon
