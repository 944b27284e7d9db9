// Poisson counts by inversion: the probabilities of each count and the moments.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "engine/src/model_params.hpp"
#include "kernels/cpu/poisson_input.hpp"
#include "kernels/models/poisson_input.hpp"
#include "kernels/models/random.hpp"

namespace axon {
namespace {

TEST(PoissonCount, InversionGivesPoissonProbabilities) {
    const auto p = detail::poisson_count_params(20000.0, 0.1);  // lambda = 2 (Brunel A drive)
    ASSERT_FLOAT_EQ(p.cdf[0], static_cast<float>(std::exp(-2.0)));
    const int n = 400000;
    std::vector<int> histogram(20, 0);
    double sum = 0;
    for (int i = 0; i < n; ++i) {
        const uint32_t k = poisson_count(p, grid_uniform(11, 3, 0, i));
        ++histogram[std::min<uint32_t>(k, 19)];
        sum += k;
    }
    EXPECT_NEAR(sum / n, 2.0, 4.0 * std::sqrt(2.0 / n));
    double pk = std::exp(-2.0);
    for (int k = 0; k < 8; ++k) {
        const double sigma = std::sqrt(n * pk * (1 - pk));
        EXPECT_NEAR(histogram[k], n * pk, 4.0 * sigma) << "count " << k;
        pk *= 2.0 / (k + 1);
    }
}

// Rates per neuron count by the table's own recurrence, so a neuron at a population's rate
// draws the table's count for every uniform: checked over a fine grid of u and the whole
// allowed range of lambda (0 to 50 kicks per step), including u just below 1.
TEST(PoissonCount, PerNeuronRecurrenceEqualsTheTable) {
    for (const double rate_Hz : {0.0, 0.3, 10.0, 800.0, 8000.0, 20000.0, 87654.3, 200000.0, 500000.0}) {
        const auto table = detail::poisson_count_params(rate_Hz, 0.1);
        const PoissonNeuronRate neuron = detail::poisson_neuron_rate(rate_Hz, 0.1);
        uint64_t differences = 0, kicks = 0;
        for (uint32_t k = 0; k < (1u << 20); ++k) {
            const float u = static_cast<float>(k) * 0x1p-20f;
            const uint32_t expected = poisson_count(table, u);
            differences += poisson_count(neuron, u) != expected;
            kicks += expected;
        }
        for (const float u : {0x1p-24f, 0.99999994f, 0.9999999f, 0.999999f})
            differences += poisson_count(neuron, u) != poisson_count(table, u);
        EXPECT_EQ(differences, 0u) << "rate " << rate_Hz;
        EXPECT_EQ(kicks > 0, rate_Hz > 0) << "rate " << rate_Hz;
    }
}

TEST(PoissonCount, ZeroRateNeverKicksAndExtremeUniformIsBounded) {
    const auto zero = detail::poisson_count_params(0.0, 0.1);
    EXPECT_EQ(poisson_count(zero, 0.99999994f), 0u);
    const auto p = detail::poisson_count_params(500000.0, 0.1);  // lambda = 50, the largest allowed
    EXPECT_LT(p.max_count, kPoissonTableSize);
    EXPECT_LE(poisson_count(p, 0.99999994f), p.max_count);
    EXPECT_NEAR(poisson_count(p, 0.5f), 50.0, 1.0);  // the median of Poisson(50) is 50
}

TEST(PoissonCount, VectorisedCpuKernelEqualsTheSequentialSearch) {
    // The CPU kernel counts table entries passed; the shared model searches the table. Both
    // must give every neuron the same count, for small and large means and ragged sizes.
    for (double rate : {0.0, 400.0, 20000.0, 150000.0}) {
        const auto p = detail::poisson_count_params(rate, 0.1);
        for (uint32_t n : {1u, 7u, 300u, 1001u}) {
            std::vector<Fixed> lane(n, 5);
            const uint64_t step = 12345;
            const uint64_t kicks = cpu::poisson_input(p, 3, 77, 9, step, 0, lane.data(), n, 1);
            uint64_t expected_kicks = 0;
            for (uint32_t i = 0; i < n; ++i) {
                const uint32_t k = poisson_count(p, grid_uniform(77, 9, step, i));
                ASSERT_EQ(lane[i], 5 + 3 * static_cast<Fixed>(k)) << "rate " << rate << " neuron " << i;
                expected_kicks += k;
            }
            EXPECT_EQ(kicks, expected_kicks);
        }
    }
}

}  // namespace
}  // namespace axon
