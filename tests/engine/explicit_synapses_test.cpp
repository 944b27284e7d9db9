// Projections from arrays (Network::connect_arrays, rule = "from_arrays" with .npy files): the
// synapses of a rule-built projection given back as arrays make the same projection and the
// same spikes; given order is kept among equal pairs; bad arrays and files are refused with
// the field, the position and the allowed range.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "support/config_error.hpp"
#include "support/npy_files.hpp"
#include "support/scratch.hpp"

namespace axon {
namespace {

namespace fs = std::filesystem;

struct Arrays {
    std::vector<uint32_t> pre, post;
    std::vector<float> weight, delay_ms;
};

Arrays arrays_of(const Connections& c, double dt) {
    Arrays a;
    for (uint32_t i = 0; i + 1 < c.row_start.size(); ++i)
        for (uint64_t s = c.row_start[i]; s < c.row_start[i + 1]; ++s) {
            a.pre.push_back(i);
            a.post.push_back(c.post[s]);
            a.weight.push_back(c.weight[s]);
            a.delay_ms.push_back(static_cast<float>(c.delay_steps[s] * dt));
        }
    return a;
}

/// E and I LIF populations with Poisson drive; E->I drawn by a rule, or given as arrays.
Network ei_network(const Arrays* given) {
    Network net(NetworkOptions{0.1, 4});
    LifParams p;
    InitialState init;
    init.v_mV = Distribution::uniform(-65.0, -52.0);
    const PopulationId e = net.add_lif_exp("E", 200, p, init), i = net.add_lif_exp("I", 50, p, init);
    net.add_poisson_input(e, 16000.0, 87.8);
    ProjectionSpec spec;
    spec.pre = e;
    spec.post = i;
    spec.rule = ConnectRule::fixed_indegree(40);
    spec.weight = Distribution::uniform(300.0, 600.0);
    spec.delay_ms = Distribution::uniform(0.5, 2.0);
    if (given)
        net.connect_arrays(spec, given->pre, given->post, given->weight, given->delay_ms);
    else
        net.connect(spec);
    net.connect(i, e, ConnectRule::fixed_probability(0.2), Distribution::constant(-300.0), std::nullopt,
                Receptor::inhibitory);
    net.record_all_spikes();
    return net;
}

void expect_same_connections(const Connections& a, const Connections& b) {
    EXPECT_EQ(a.row_start, b.row_start);
    EXPECT_EQ(a.post, b.post);
    EXPECT_EQ(a.weight, b.weight);
    EXPECT_EQ(a.delay_steps, b.delay_steps);
}

TEST(FromArrays, RuleBuiltSynapsesGivenBackAreTheSameProjection) {
    Simulator drawn(ei_network(nullptr));
    const Arrays a = arrays_of(drawn.connections(ProjectionId{0}), 0.1);
    ASSERT_EQ(a.pre.size(), 50u * 40u);
    Simulator given(ei_network(&a));
    expect_same_connections(drawn.connections(ProjectionId{0}), given.connections(ProjectionId{0}));
    drawn.run(200.0);
    given.run(200.0);
    for (uint32_t p = 0; p < 2; ++p) {
        EXPECT_EQ(drawn.spikes(PopulationId{p}).steps, given.spikes(PopulationId{p}).steps);
        EXPECT_EQ(drawn.spikes(PopulationId{p}).neurons, given.spikes(PopulationId{p}).neurons);
    }
    EXPECT_GT(given.spikes(PopulationId{1}).size(), 100u);
}

TEST(FromArrays, OrderIsByPreThenPostKeepingGivenOrderOfEqualPairs) {
    Network net(NetworkOptions{0.1, 1});
    const PopulationId a = net.add_lif_exp("A", 3, LifParams{}), b = net.add_lif_exp("B", 4, LifParams{});
    ProjectionSpec spec;
    spec.pre = a;
    spec.post = b;
    spec.weight = Distribution::constant(2.0);
    const std::vector<uint32_t> pre{2, 0, 2, 0, 2}, post{3, 1, 0, 1, 3};
    const std::vector<float> w{1, 2, 3, 4, 5};
    const ProjectionId p = net.connect_arrays(spec, pre, post, w);
    const ProjectionId q = net.connect_arrays(spec, pre, post);  // weights from spec.weight
    Simulator sim(std::move(net));
    const Connections c = sim.connections(p);
    EXPECT_EQ(c.row_start, (std::vector<uint64_t>{0, 2, 2, 5}));
    EXPECT_EQ(c.post, (std::vector<uint32_t>{1, 1, 0, 3, 3}));
    EXPECT_EQ(c.weight, (std::vector<float>{2, 4, 3, 1, 5}));
    EXPECT_EQ(c.delay_steps, std::vector<uint16_t>(5, 1));
    EXPECT_EQ(sim.connections(q).weight, std::vector<float>(5, 2.0f));
    EXPECT_EQ(sim.network().projections()[p.index].rule.kind, ConnectRule::Kind::from_arrays);
}

TEST(FromArrays, BadArraysNameTheFieldAndPosition) {
    Network net(NetworkOptions{0.1, 1});
    const PopulationId a = net.add_lif_exp("A", 5, LifParams{}), b = net.add_lif_exp("B", 4, LifParams{});
    ProjectionSpec spec;
    spec.name = "AB";
    spec.pre = a;
    spec.post = b;
    using U = std::vector<uint32_t>;
    using F = std::vector<float>;
    const U pre{0, 1, 2, 10}, ok{0, 1, 2, 3}, post3{0, 1, 2}, post_bad{0, 4, 1, 9};
    test::expect_config_error([&] { net.connect_arrays(spec, pre, post3); }, {"projection 'AB': post = 3 values is invalid; allowed: as many indices as pre (4)"});
    test::expect_config_error([&] { net.connect_arrays(spec, pre, ok); }, {"pre[3] = 10 is invalid; allowed: [0, 4]"});
    test::expect_config_error([&] { net.connect_arrays(spec, ok, post_bad); }, {"post[1] = 4 is invalid; allowed: [0, 3]"});
    const F nan_weight{1.0f, NAN, 1.0f, 1.0f}, two{1.0f, 2.0f}, short_delay{0.125f, 0.25f, 0.0625f, 0.125f};
    test::expect_config_error([&] { net.connect_arrays(spec, ok, ok, nan_weight); }, {"weight[1] = nan"});
    test::expect_config_error([&] { net.connect_arrays(spec, ok, ok, two); }, {"weight = 2 values is invalid; allowed: one per synapse (4) or none"});
    test::expect_config_error([&] { net.connect_arrays(spec, ok, ok, {}, short_delay); }, {"delay_ms (lowest) = 0.0625 is invalid; allowed: [0.1,"});
    spec.plasticity = Plasticity::with(HebbianParams{});
    const F half{0.5f, 0.5f, 0.5f, 0.5f}, outside{0.5f, 0.5f, 2.0f, 0.5f}, varying{0.125f, 0.25f, 0.125f, 0.125f};
    test::expect_config_error([&] { net.connect_arrays(spec, ok, ok, half, varying); }, {"a constant delay"});
    test::expect_config_error([&] { net.connect_arrays(spec, ok, ok, outside); }, {"within the plasticity bounds [0, 1]"});
    EXPECT_TRUE(net.projections().empty());
    ProjectionSpec ruled = spec;
    ruled.rule.kind = ConnectRule::Kind::from_arrays;
    ruled.plasticity = Plasticity::none();
    test::expect_config_error([&] { net.connect(ruled); }, {"a projection made by connect_arrays"});
}

// Offsets by pre and post neuron the host cannot hold are refused before they are allocated
// (between populations of 2^32 neurons, reading a file ended in std::bad_alloc or the process
// being killed).
TEST(FromArrays, OffsetsBeyondHostMemoryAreRefused) {
    if (available_host_memory() >= (64ull << 30)) GTEST_SKIP() << "this host could hold 2^32 offsets";
    Network net;
    ProjectionSpec spec;
    spec.name = "arrays";
    spec.pre = spec.post = net.add_lif_exp("big", UINT32_MAX, LifParams{});
    test::expect_error<CapacityError>(
        [&] { net.connect_arrays(spec, std::vector<uint32_t>{0}, std::vector<uint32_t>{1}); },
        {"projection 'arrays': synapses from arrays between 4294967295 and 4294967295 neurons (offsets per neuron) needs about 96.0 GiB"});
    EXPECT_TRUE(net.projections().empty());
}

// ---- experiment files: rule = "from_arrays" with .npy files beside the file ----

std::string file_text(const std::string& extra) {
    return "[simulation]\ndt_ms = 0.1\n[[population]]\nname = \"A\"\nmodel = \"lif_exp\"\nsize = 3\n"
           "[[population]]\nname = \"B\"\nmodel = \"lif_exp\"\nsize = 4\n"
           "[[projection]]\npre = \"A\"\npost = \"B\"\nrule = \"from_arrays\"\npre_file = \"data/pre.npy\"\n"
           "post_file = \"data/post.npy\"\n" + extra;
}

Experiment load_text(const fs::path& dir, const std::string& text) {
    const fs::path file = dir / "net.toml";
    std::ofstream(file) << text;
    return load_experiment(file.string());
}

TEST(FromArrays, ExperimentFilesReadNpyArraysBesideThem) {
    const fs::path dir = test::scratch("arrays");
    fs::create_directories(dir / "data");
    test::write_npy<int64_t>(dir / "data/pre.npy", "<i8", {2, 0, 2, 0, 2});
    test::write_npy<uint32_t>(dir / "data/post.npy", "<u4", {3, 1, 0, 1, 3});
    test::write_npy<double>(dir / "data/w.npy", "<f8", {1, 2, 3, 4, 5});
    test::write_npy<float>(dir / "data/d.npy", "<f4", {0.1f, 0.2f, 0.3f, 0.4f, 0.5f});
    Experiment e = load_text(dir, file_text("weight_file = \"data/w.npy\"\ndelay_file = \"data/d.npy\"\n"));
    Simulator sim(std::move(e.network));
    const Connections c = sim.connections(ProjectionId{0});
    EXPECT_EQ(c.post, (std::vector<uint32_t>{1, 1, 0, 3, 3}));
    EXPECT_EQ(c.weight, (std::vector<float>{2, 4, 3, 1, 5}));
    EXPECT_EQ(c.delay_steps, (std::vector<uint16_t>{2, 4, 3, 1, 5}));

    Experiment constant = load_text(dir, file_text("weight = 7.5\n"));
    Simulator sim2(std::move(constant.network));
    EXPECT_EQ(sim2.connections(ProjectionId{0}).weight, std::vector<float>(5, 7.5f));

    test::expect_config_error([&] { load_text(dir, file_text("")); }, {"missing field 'weight'"});
    test::write_npy<float>(dir / "data/post.npy", "<f4", {3, 1, 0, 1, 3});
    test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\n")); }, {"post_file: "});
    test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\n")); }, {"holds floats; indices must be integers"});
    test::write_npy<uint32_t>(dir / "data/post.npy", "<u4", {3, 1, 0, 1, 7});
    test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\n")); }, {"post[4] = 7 is invalid; allowed: [0, 3]"});
    fs::remove(dir / "data/post.npy");
    test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\n")); }, {"data/post.npy: cannot read the file"});
    std::ofstream(dir / "data/post.npy") << "not numpy";
    test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\n")); }, {"not a .npy file"});
    // Found by fuzzing (tests/fuzz/regressions/): a folder, and shapes whose element counts
    // did not fit 64 bits, ended in std:: exceptions or read past the data.
    fs::remove(dir / "data/post.npy");
    fs::create_directory(dir / "data/post.npy");
    test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\n")); }, {"data/post.npy: is a directory"});
    fs::remove(dir / "data/post.npy");
    for (const char* shape : {"(99999999999999999999,)", "(4611686018427387904,)"}) {
        std::ofstream out(dir / "data/post.npy", std::ios::binary);
        test::write_npy_header(out, "'<i4'", shape);
        out.close();
        test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\n")); },
                                  {std::string("shape ") + shape + " is invalid; allowed: dimensions below 10^18"});
    }
    {
        std::ofstream out(dir / "data/post.npy", std::ios::binary);
        test::write_npy_header(out, "'<i8'", "(999999999999999999,)");
        out.write("\0\0\0\0\0\0\0\0", 8);
    }
    test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\n")); },
                              {"truncated: the header says 999999999999999999 elements, the file holds 1"});
    test::write_npy<uint32_t>(dir / "data/post.npy", "<u4", {3, 1, 0, 1, 3});
    test::expect_config_error([&] { load_text(dir, file_text("weight = 1.0\nindegree = 3\n")); }, {"unknown key 'indegree'"});
}

}  // namespace
}  // namespace axon
