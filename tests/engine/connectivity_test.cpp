// Each connectivity rule: exact counts where the rule fixes them, within 4 sigma where it is
// random; autapses and multapses excluded when asked; weights and delays as drawn.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "axon/axon.hpp"

namespace axon {
namespace {

struct Built {
    Connections c;
    uint32_t n_pre, n_post;
    std::vector<uint32_t> indegree() const {
        std::vector<uint32_t> in(n_post, 0);
        for (uint32_t j : c.post) ++in[j];
        return in;
    }
    uint64_t row_length(uint32_t i) const { return c.row_start[i + 1] - c.row_start[i]; }
    bool has_autapse() const {
        for (uint32_t i = 0; i < n_pre; ++i)
            for (uint64_t s = c.row_start[i]; s < c.row_start[i + 1]; ++s)
                if (c.post[s] == i) return true;
        return false;
    }
    bool has_multapse() const {
        for (uint32_t i = 0; i < n_pre; ++i)
            for (uint64_t s = c.row_start[i] + 1; s < c.row_start[i + 1]; ++s)
                if (c.post[s] == c.post[s - 1]) return true;  // rows are sorted
        return false;
    }
};

Built build(uint32_t n_pre, uint32_t n_post, ConnectRule rule, bool same = false,
            Distribution weight = Distribution::constant(1.0), std::optional<Distribution> delay = std::nullopt,
            int threads = 1, uint64_t seed = 42) {
    Network net(NetworkOptions{0.1, seed});
    const PopulationId pre = net.add_lif_exp("pre", n_pre, LifParams{});
    const PopulationId post = same ? pre : net.add_lif_exp("post", n_post, LifParams{});
    const ProjectionId proj = net.connect(pre, post, rule, weight, delay);
    Simulator sim(std::move(net), SimulatorOptions{"cpu", threads});
    Built b{sim.connections(proj), n_pre, same ? n_pre : n_post};
    EXPECT_EQ(b.c.row_start.size(), n_pre + 1u);
    EXPECT_EQ(b.c.row_start.back(), b.c.post.size());
    for (uint32_t i = 0; i < n_pre; ++i)
        EXPECT_TRUE(std::is_sorted(b.c.post.begin() + b.c.row_start[i], b.c.post.begin() + b.c.row_start[i + 1]));
    return b;
}

TEST(Connectivity, AllToAllWithAndWithoutAutapses) {
    EXPECT_EQ(build(30, 40, ConnectRule::all_to_all()).c.post.size(), 1200u);
    const Built b = build(30, 30, ConnectRule::all_to_all(false), true);
    EXPECT_EQ(b.c.post.size(), 30u * 29u);
    EXPECT_FALSE(b.has_autapse());
    EXPECT_TRUE(build(30, 30, ConnectRule::all_to_all(true), true).has_autapse());
}

TEST(Connectivity, OneToOne) {
    const Built b = build(50, 50, ConnectRule::one_to_one());
    ASSERT_EQ(b.c.post.size(), 50u);
    for (uint32_t i = 0; i < 50; ++i) EXPECT_EQ(b.c.post[b.c.row_start[i]], i);
    EXPECT_EQ(build(50, 50, ConnectRule::one_to_one(false), true).c.post.size(), 0u);  // only autapses: none
}

TEST(Connectivity, FixedProbabilityCountWithinFourSigma) {
    const double p = 0.05;
    const Built b = build(1000, 800, ConnectRule::fixed_probability(p));
    const double n = 1000.0 * 800.0, mean = n * p, sigma = std::sqrt(n * p * (1 - p));
    EXPECT_NEAR(static_cast<double>(b.c.post.size()), mean, 4 * sigma);
    EXPECT_FALSE(b.has_multapse());
    // Targets are uniform: each quarter of the post population gets a quarter of the synapses.
    std::vector<double> quarter(4, 0);
    for (uint32_t j : b.c.post) quarter[j / 200] += 1;
    for (double q : quarter) EXPECT_NEAR(q, mean / 4, 4 * std::sqrt(mean / 4));
}

TEST(Connectivity, FixedProbabilityWithoutAutapses) {
    const double p = 0.1;
    const Built b = build(1000, 1000, ConnectRule::fixed_probability(p, false), true);
    EXPECT_FALSE(b.has_autapse());
    const double n = 1000.0 * 999.0;
    EXPECT_NEAR(static_cast<double>(b.c.post.size()), n * p, 4 * std::sqrt(n * p * (1 - p)));
    EXPECT_EQ(build(10, 10, ConnectRule::fixed_probability(0.0)).c.post.size(), 0u);
    EXPECT_EQ(build(10, 12, ConnectRule::fixed_probability(1.0)).c.post.size(), 120u);
}

TEST(Connectivity, FixedIndegreeIsExactPerNeuron) {
    const Built b = build(500, 300, ConnectRule::fixed_indegree(40));
    for (uint32_t k : b.indegree()) ASSERT_EQ(k, 40u);
    const Built strict = build(100, 100, ConnectRule::fixed_indegree(99, false, false), true);
    for (uint32_t k : strict.indegree()) ASSERT_EQ(k, 99u);
    EXPECT_FALSE(strict.has_autapse());
    EXPECT_FALSE(strict.has_multapse());
}

TEST(Connectivity, FixedIndegreeSourcesAreUniform) {
    const Built b = build(200, 1000, ConnectRule::fixed_indegree(50));
    // Out-degrees are binomial(1000 * 50, 1 / 200): mean 250.
    double sum = 0, sum2 = 0;
    for (uint32_t i = 0; i < 200; ++i) {
        const double k = static_cast<double>(b.row_length(i));
        sum += k;
        sum2 += k * k;
    }
    const double mean = sum / 200, var = sum2 / 200 - mean * mean;
    EXPECT_DOUBLE_EQ(mean, 250.0);
    EXPECT_NEAR(var, 250.0 * (1 - 1.0 / 200), 4 * 250.0 * std::sqrt(2.0 / 199));
}

TEST(Connectivity, FixedOutdegreeIsExactPerNeuron) {
    const Built b = build(300, 500, ConnectRule::fixed_outdegree(25));
    for (uint32_t i = 0; i < 300; ++i) ASSERT_EQ(b.row_length(i), 25u);
    const Built strict = build(60, 60, ConnectRule::fixed_outdegree(59, false, false), true);
    for (uint32_t i = 0; i < 60; ++i) ASSERT_EQ(strict.row_length(i), 59u);
    EXPECT_FALSE(strict.has_autapse());
    EXPECT_FALSE(strict.has_multapse());
}

TEST(Connectivity, FixedTotalNumberIsExact) {
    const Built b = build(400, 300, ConnectRule::fixed_total_number(12345));
    EXPECT_EQ(b.c.post.size(), 12345u);
    // Rows are multinomial: mean 12345 / 400, variance ~ mean.
    double sum2 = 0;
    for (uint32_t i = 0; i < 400; ++i) sum2 += std::pow(static_cast<double>(b.row_length(i)) - 12345.0 / 400, 2);
    EXPECT_NEAR(sum2 / 400, 12345.0 / 400, 4 * (12345.0 / 400) * std::sqrt(2.0 / 399));
    const Built strict = build(20, 20, ConnectRule::fixed_total_number(380, false, false), true);
    EXPECT_EQ(strict.c.post.size(), 380u);  // every pair but the autapses
    EXPECT_FALSE(strict.has_autapse());
    EXPECT_FALSE(strict.has_multapse());
}

TEST(Connectivity, DrawnWeightsAndDelaysStayInRange) {
    const Built u = build(200, 200, ConnectRule::fixed_probability(0.2), false, Distribution::uniform(0.5, 1.5),
                          Distribution::uniform(0.1, 2.0));
    const auto [wmin, wmax] = std::minmax_element(u.c.weight.begin(), u.c.weight.end());
    EXPECT_GE(*wmin, 0.5f);
    EXPECT_LT(*wmax, 1.5f);
    double sum = 0;
    for (float w : u.c.weight) sum += w;
    EXPECT_NEAR(sum / u.c.weight.size(), 1.0, 4 * std::sqrt(1.0 / 12 / u.c.weight.size()));
    const auto [dmin, dmax] = std::minmax_element(u.c.delay_steps.begin(), u.c.delay_steps.end());
    EXPECT_EQ(*dmin, 1);
    EXPECT_EQ(*dmax, 20);

    // Normal weights keep their sign; normal delays never go below one step.
    const Built n = build(200, 200, ConnectRule::fixed_probability(0.2), false, Distribution::normal(-1.0, 1.0),
                          Distribution::normal(0.5, 1.0));
    EXPECT_LE(*std::max_element(n.c.weight.begin(), n.c.weight.end()), 0.0f);
    EXPECT_GE(*std::min_element(n.c.delay_steps.begin(), n.c.delay_steps.end()), 1);
}

TEST(Connectivity, ConstantDelaysRoundToSteps) {
    const Built b = build(5, 5, ConnectRule::all_to_all(), false, Distribution::constant(1.0), Distribution::constant(1.5));
    for (uint16_t d : b.c.delay_steps) EXPECT_EQ(d, 15);
}

TEST(Connectivity, IndependentOfThreadCountAndSeeded) {
    for (ConnectRule rule : {ConnectRule::fixed_probability(0.05), ConnectRule::fixed_indegree(30),
                             ConnectRule::fixed_outdegree(30), ConnectRule::fixed_total_number(300000)}) {
        const Built one = build(20000, 9000, rule, false, Distribution::normal(1.0, 0.3), Distribution::uniform(0.1, 3.0), 1);
        const Built two = build(20000, 9000, rule, false, Distribution::normal(1.0, 0.3), Distribution::uniform(0.1, 3.0), 2);
        EXPECT_EQ(one.c.row_start, two.c.row_start) << to_string(rule.kind);
        EXPECT_EQ(one.c.post, two.c.post) << to_string(rule.kind);
        EXPECT_EQ(one.c.weight, two.c.weight) << to_string(rule.kind);
        EXPECT_EQ(one.c.delay_steps, two.c.delay_steps) << to_string(rule.kind);
        const Built three = build(20000, 9000, rule, false, Distribution::normal(1.0, 0.3), Distribution::uniform(0.1, 3.0), 3);
        EXPECT_EQ(one.c.row_start, three.c.row_start) << to_string(rule.kind);  // uneven parts
        EXPECT_EQ(one.c.post, three.c.post) << to_string(rule.kind);
    }
    EXPECT_NE(build(100, 100, ConnectRule::fixed_indegree(10), false, Distribution::constant(1), std::nullopt, 1, 1).c.post,
              build(100, 100, ConnectRule::fixed_indegree(10), false, Distribution::constant(1), std::nullopt, 1, 2).c.post);
}

}  // namespace
}  // namespace axon
