// The deterministic log, exp, expm1 and normal inversion against libm and the normal distribution.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "kernels/cpu/connectivity.hpp"
#include "kernels/cpu/isa.hpp"
#include "kernels/cpu/philox_batch.hpp"
#include "kernels/models/det_math.hpp"
#include "kernels/models/random.hpp"
#include "support/every_isa.hpp"

namespace axon {
namespace {

TEST(DetMath, LogMatchesLibmToFloatPrecision) {
    for (float x : {1e-30f, 1e-7f, 5.96e-8f, 0.001f, 0.1f, 0.5f, 0.70710677f, 0.9999f, 1.0f, 1.5f, 2.0f, 10.0f, 1e6f, 3e38f}) {
        const double expected = std::log(static_cast<double>(x));
        EXPECT_NEAR(det_log(x), expected, 4e-7 * std::max(1.0, std::abs(expected))) << "x = " << x;
    }
}

// Units in the last place between a float and the correctly rounded double value.
double ulps(float got, double want) {
    const double ulp = std::nextafter(static_cast<float>(std::abs(want)), INFINITY) - static_cast<float>(std::abs(want));
    return std::abs(static_cast<double>(got) - want) / ulp;
}

TEST(DetMath, ExpMatchesLibmToTwoUlp) {
    double worst = 0;
    for (int k = -873000; k <= 887000; ++k) {
        const float x = k * 1e-4f;
        worst = std::max(worst, ulps(det_exp(x), std::exp(static_cast<double>(x))));
    }
    EXPECT_LE(worst, 2.0);
    EXPECT_EQ(det_exp(0.0f), 1.0f);
    EXPECT_EQ(det_exp(100.0f), INFINITY);
    EXPECT_EQ(det_exp(-100.0f), 0.0f);
    EXPECT_TRUE(std::isnan(det_exp(NAN)));
}

TEST(DetMath, Expm1MatchesLibmToThreeUlpAlsoNearZero) {
    double worst = 0;
    for (int k = -200000; k <= 200000; ++k) {
        const float x = k * 1e-4f;
        if (x == 0.0f) continue;
        worst = std::max(worst, ulps(det_expm1(x), std::expm1(static_cast<double>(x))));
    }
    for (float x : {1e-30f, -1e-20f, 1e-8f, -3e-5f, 0.4999f, -0.4999f, 0.5f, -0.5f})
        worst = std::max(worst, ulps(det_expm1(x), std::expm1(static_cast<double>(x))));
    EXPECT_LE(worst, 3.0);
}

TEST(DetMath, NormalInversionHitsKnownQuantiles) {
    EXPECT_NEAR(det_normal_from_uniform(0.5f), 0.0f, 1e-6f);
    EXPECT_NEAR(det_normal_from_uniform(0.975f), 1.959964f, 2e-5f);
    EXPECT_NEAR(det_normal_from_uniform(0.025f), -1.959964f, 2e-5f);
    EXPECT_NEAR(det_normal_from_uniform(0.001f), -3.090232f, 1e-4f);
    EXPECT_NEAR(det_normal_from_uniform(0.8413447f), 1.0f, 1e-5f);
}

TEST(DetMath, NormalDrawsHaveUnitMoments) {
    const int n = 200000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
        const float z = det_normal_from_uniform(uniform_open_closed(philox_block(7, 1, 0, i).v[0]) * 0.99999994f);
        sum += z;
        sum2 += double(z) * z;
    }
    const double mean = sum / n, var = sum2 / n - mean * mean;
    EXPECT_NEAR(mean, 0.0, 4.0 / std::sqrt(n));          // 4 sigma
    EXPECT_NEAR(var, 1.0, 4.0 * std::sqrt(2.0 / n));     // 4 sigma of the sample variance
}

TEST(Random, UniformsAreInTheirIntervals) {
    EXPECT_EQ(uniform_closed_open(0u), 0.0f);
    EXPECT_LT(uniform_closed_open(0xFFFFFFFFu), 1.0f);
    EXPECT_GT(uniform_open_closed(0u), 0.0f);
    EXPECT_EQ(uniform_open_closed(0xFFFFFFFFu), 1.0f);
}

TEST(Random, GridUniformTakesFourDrawsFromOneBlock) {
    const RandomBlock b = philox_block(3, 9, 17, 5);
    for (uint32_t k = 0; k < 4; ++k) EXPECT_EQ(grid_uniform(3, 9, 17, 20 + k), uniform_closed_open(b.v[k]));
    EXPECT_NE(grid_uniform(3, 9, 17, 20), grid_uniform(4, 9, 17, 20));  // the seed matters
}

TEST(Random, BatchedPhiloxEqualsRandom123) {
    // The CPU's vectorised Philox must give step_block's words (Random123's Philox4x32-10)
    // for any seed, stream and step, including steps beyond 2^32.
    for (uint64_t seed : {0ull, 1ull, 0xFEDCBA9876543210ull})
        for (uint64_t step : {0ull, 17ull, (1ull << 32) + 5}) {
            uint32_t w[4][37];
            cpu::philox_step_blocks(seed, 0x03000007u, step, 100, 37, w[0], w[1], w[2], w[3]);
            for (uint32_t q = 0; q < 37; ++q) {
                const RandomBlock b = step_block(seed, 0x03000007u, step, 4 * (100 + q));
                for (int k = 0; k < 4; ++k) ASSERT_EQ(w[k][q], b.v[k]) << "seed " << seed << " step " << step;
            }
        }
}

TEST(Random, ConstructionDrawsShareABlockPerFourElementsOrTwoPairs) {
    // A weight, delay or initial value takes word s % 4 of the block at s / 4, attempt r from
    // round r; a fixed_total_number pair k words 2 (k % 2) and 2 (k % 2) + 1 of the block at k / 2.
    const DrawParams uniform{1, 0.0f, 1.0f, 0.0f, 0.0f};
    for (uint64_t s : {uint64_t{0}, uint64_t{7}, (uint64_t{1} << 34) + 2}) {
        const RandomBlock b0 = philox_block(5, 0x05000001u, 0, s >> 2), b3 = philox_block(5, 0x05000001u, 3, s >> 2);
        EXPECT_EQ(element_word(5, 0x05000001u, 0, s), b0.v[s & 3]) << s;
        EXPECT_EQ(element_word(5, 0x05000001u, 3, s), b3.v[s & 3]) << s;
        EXPECT_EQ(draw_value(uniform, 5, 0x05000001u, s), uniform_from_word(uniform, b0.v[s & 3])) << s;
    }
    for (uint64_t k : {uint64_t{0}, uint64_t{1}, uint64_t{10}, uint64_t{11}}) {
        const RandomBlock b = philox_block(9, 0x04000002u, 2, k >> 1);
        const PairDraw d = draw_pair(9, 0x04000002u, 2, k, 1000, 300);
        EXPECT_EQ(d.pre, uniform_index(b.v[2 * (k & 1)], 1000)) << k;
        EXPECT_EQ(d.post, uniform_index(b.v[2 * (k & 1) + 1], 300)) << k;
    }
}

using test::on_every_isa;

TEST(Random, EveryIsasPhiloxRoundWordsEqualRandom123) {
    // One counter's successive rounds (draw_word's sequence of a line), whole vectors and a
    // remainder, indices with upper bits too.
    on_every_isa([] {
        const cpu::PhiloxRoundWords words = cpu::philox_round_words_for(cpu::active_isa());
        for (uint64_t seed : {0ull, 0xFEDCBA9876543210ull})
            for (uint64_t index : {uint64_t{0}, uint64_t{1000}, (uint64_t{3} << 32) + 17})
                for (uint32_t first_round : {0u, 5u, 0xFFFFFF00u}) {
                    uint32_t w[4][77];
                    words(seed, 0x05000009u, index, first_round, 77, w[0], w[1], w[2], w[3]);
                    for (uint32_t q = 0; q < 77; ++q) {
                        const RandomBlock b = philox_block(seed, 0x05000009u, first_round + q, index);
                        for (int k = 0; k < 4; ++k)
                            ASSERT_EQ(w[k][q], b.v[k]) << "seed " << seed << " index " << index << " q " << q;
                        if (first_round < (1u << 28)) {  // draw_word counts draws in 32 bits
                            ASSERT_EQ(w[q % 4][q / 4], draw_word(seed, 0x05000009u, index, first_round * 4 + q))
                                << "draw_word's order";
                        }
                    }
                }
    });
}

TEST(Random, EveryIsasPhiloxWordsEqualRandom123) {
    // The hand-vectorised AVX2/AVX-512 batches and the compiler's give philox_block's words,
    // for counters with upper bits too, whole vectors and a remainder.
    on_every_isa([] {
        const cpu::PhiloxWords words = cpu::philox_index_words_for(cpu::active_isa());
        for (uint64_t seed : {0ull, 0xFEDCBA9876543210ull})
            for (uint64_t first : {uint64_t{0}, uint64_t{1000}, (uint64_t{3} << 32) + 17})
                for (uint32_t round : {0u, 5u}) {
                    uint32_t w[4][77], two[2][77], only0[77];
                    words(seed, 0x05000009u, round, first, 77, w[0], w[1], w[2], w[3]);
                    words(seed, 0x05000009u, round, first, 77, two[0], two[1], nullptr, nullptr);
                    words(seed, 0x05000009u, round, first, 77, only0, nullptr, nullptr, nullptr);
                    for (uint32_t q = 0; q < 77; ++q) {
                        const RandomBlock b = philox_block(seed, 0x05000009u, round, first + q);
                        for (int k = 0; k < 4; ++k)
                            ASSERT_EQ(w[k][q], b.v[k]) << "seed " << seed << " first " << first << " q " << q;
                        ASSERT_EQ(two[0][q], b.v[0]);
                        ASSERT_EQ(two[1][q], b.v[1]);
                        ASSERT_EQ(only0[q], b.v[0]);
                    }
                }
    });
}

TEST(Draws, BatchedPairsEqualValidPair) {
    // fixed_total_number's pairs from the vectorised batch, autapses redrawn one by one, must be
    // valid_pair()'s, which the CUDA builder draws pair by pair.
    ConnectivityParams p{};
    p.rule = ConnectivityParams::Rule::fixed_total_number;
    p.multapses = true;
    p.k = 20000;  // more than 16 blocks of 1,024: drawn by two threads
    p.seed = 123;
    p.stream = 0x07000002u;
    for (const auto& [n_pre, n_post, no_autapses] : {std::tuple{7u, 7u, true}, std::tuple{1000u, 30u, false}})
        on_every_isa([&, n_pre = n_pre, n_post = n_post, no_autapses = no_autapses] {
            p.n_pre = n_pre;
            p.n_post = n_post;
            p.no_autapses = no_autapses;
            std::vector<uint32_t> pre(p.k), post(p.k);
            cpu::draw_first_valid_pairs(p, pre.data(), post.data(), 2);
            uint64_t autapses_redrawn = 0;
            for (uint64_t k = 0; k < p.k; ++k) {
                uint32_t r = 0;
                const uint64_t key = valid_pair(p, k, r);
                ASSERT_EQ(pre[k], key >> 32) << k;
                ASSERT_EQ(post[k], static_cast<uint32_t>(key)) << k;
                autapses_redrawn += r > 0;
            }
            if (no_autapses) {
                EXPECT_GT(autapses_redrawn, p.k / 10);  // 1 in 7 first attempts
            }
        });
}

TEST(Draws, BatchedPairsBeyondTwoToThe33EqualValidPair) {
    // Pair k's first attempt is two words of Philox round 0 at index k / 2: beyond 2^33 pairs the
    // batch puts the index's upper bits in Philox's second counter word, and a block that
    // straddles a multiple of 2^33 is drawn one by one. Both must give valid_pair()'s pairs.
    ConnectivityParams p{};
    p.rule = ConnectivityParams::Rule::fixed_total_number;
    p.multapses = true;
    p.no_autapses = true;
    p.n_pre = 5;
    p.n_post = 5;  // one first attempt in five an autapse: the redraws run too
    p.seed = 99;
    p.stream = 0x07000003u;
    const uint64_t boundary = uint64_t{1} << 33;
    for (const uint64_t first : {boundary - 1500, boundary + (uint64_t{1} << 20), (uint64_t{3} << 33) - 2})
        on_every_isa([&] {
            const uint64_t n = 4000;
            p.k = first + n;
            std::vector<uint32_t> pre(n), post(n);
            cpu::draw_first_valid_pairs(p, first, n, pre.data(), post.data(), 2);
            for (uint64_t q = 0; q < n; ++q) {
                uint32_t r = 0;
                const uint64_t key = valid_pair(p, first + q, r);
                ASSERT_EQ(pre[q], key >> 32) << first + q;
                ASSERT_EQ(post[q], static_cast<uint32_t>(key)) << first + q;
            }
        });
    std::vector<uint32_t> pre(2), post(2);
    EXPECT_THROW(cpu::draw_first_valid_pairs(p, 1, 2, pre.data(), post.data(), 1), std::invalid_argument);
}

TEST(Draws, BatchedLinesEqualTheCudaBuildersDraws) {
    // The host builder draws each row's (column's) words a batch of Philox rounds at a time and,
    // for fixed_probability, their gaps in a vectorised loop; the CUDA builder draws word by word
    // (bernoulli_row, draw_word). Rows long and short, on one thread's chunk and two, with and
    // without multapses, on every ISA.
    ConnectivityParams p{};
    p.seed = 77;
    p.stream = 0x03000005u;
    p.n_pre = 40;
    p.n_post = 5000;
    for (const double prob : {0.001, 0.3, 0.97}) {
        p.rule = ConnectivityParams::Rule::fixed_probability;
        p.log1m_p = static_cast<float>(std::log1p(-prob));
        on_every_isa([&] {
            const cpu::SynapseMatrix m = cpu::build_structure(p, cpu::PostRange{0, p.n_post}, 2);
            for (uint32_t i = 0; i < p.n_pre; ++i) {
                std::vector<uint32_t> expected;
                bernoulli_row(p.seed, p.stream, i, p.n_post, p.log1m_p, [&](uint32_t j) { expected.push_back(j); });
                ASSERT_EQ(std::vector<uint32_t>(m.post.begin() + m.row_start[i], m.post.begin() + m.row_start[i + 1]), expected)
                    << "p " << prob << ", row " << i;
            }
        });
    }
    // A line's k draws as draw_word gives them: repeats skipped without multapses.
    const auto line_draws = [&](uint32_t line, uint32_t n) {
        std::vector<uint32_t> drawn;
        std::vector<bool> taken(n, false);
        for (uint32_t d = 0; drawn.size() < p.k; ++d) {
            const uint32_t j = uniform_index(draw_word(p.seed, p.stream, line, d), n);
            if (!p.multapses && taken[j]) continue;
            taken[j] = true;
            drawn.push_back(j);
        }
        return drawn;
    };
    const auto row_of = [](const cpu::SynapseMatrix& m, uint32_t i) {
        return std::vector<uint32_t>(m.post.begin() + m.row_start[i], m.post.begin() + m.row_start[i + 1]);
    };
    p.rule = ConnectivityParams::Rule::fixed_outdegree;
    // (rows, k, multapses): 9,000 rows split over two threads; 2,500 draws beyond one batch of
    // rounds; half of all posts without multapses, many repeats skipped
    for (const auto& [rows, k, multapses] : {std::tuple{9000u, 3u, true}, std::tuple{40u, 2500u, true},
                                             std::tuple{40u, 2500u, false}}) {
        p.n_pre = rows;
        p.k = k;
        p.multapses = multapses;
        on_every_isa([&] {
            const cpu::SynapseMatrix m = cpu::build_structure(p, cpu::PostRange{0, p.n_post}, 2);
            for (uint32_t i = 0; i < p.n_pre; ++i) {
                std::vector<uint32_t> expected = line_draws(i, p.n_post);
                std::sort(expected.begin(), expected.end());
                ASSERT_EQ(row_of(m, i), expected) << "k " << p.k << ", multapses " << p.multapses << ", row " << i;
            }
        });
    }
    // fixed_indegree: columns drawn, then rows made of them in post order
    p.rule = ConnectivityParams::Rule::fixed_indegree;
    p.n_pre = 300;
    p.n_post = 9000;
    p.k = 7;
    p.multapses = false;
    std::vector<std::vector<uint32_t>> expected(p.n_pre);
    for (uint32_t j = 0; j < p.n_post; ++j)
        for (uint32_t i : line_draws(j, p.n_pre)) expected[i].push_back(j);
    on_every_isa([&] {
        const cpu::SynapseMatrix m = cpu::build_structure(p, cpu::PostRange{0, p.n_post}, 2);
        for (uint32_t i = 0; i < p.n_pre; ++i) ASSERT_EQ(row_of(m, i), expected[i]) << "fixed_indegree row " << i;
    });
}

TEST(Draws, BlockedCpuDrawsEqualDrawValue) {
    // The CPU builder's vectorised draws (first and second attempts in bulk, later ones one by
    // one: narrow_normal redraws most draws, many of them twice) must give
    // every synapse draw_value()'s value, which the CUDA builder computes per synapse.
    const DrawParams uniform{1, -2.0f, 3.0f, 0.0f, 0.0f};
    const DrawParams narrow_normal{2, 0.0f, 1.0f, -0.3f, 0.5f};  // most first attempts are redrawn
    const DrawParams delays{2, 1.5f, 0.75f, 0.1f, 6553.5f};
    on_every_isa([&] {
        for (const DrawParams& d : {uniform, narrow_normal}) {
            std::vector<float> out(20001);  // more than 16 blocks of 1,024: drawn by two threads
            for (int threads : {1, 2}) {
                cpu::draw_weights(d, 99, 0x05000003u, out.size(), out.data(), threads);
                for (uint64_t s = 0; s < out.size(); ++s) ASSERT_EQ(out[s], draw_value(d, 99, 0x05000003u, s)) << s;
            }
        }
        std::vector<uint16_t> steps(2500);
        cpu::draw_delays(delays, 7, 0x06000001u, 0.1f, steps.size(), steps.data(), 2);
        for (uint64_t s = 0; s < steps.size(); ++s)
            ASSERT_EQ(steps[s], delay_steps_from_ms(draw_value(delays, 7, 0x06000001u, s), 0.1f)) << s;
    });
}

TEST(Draws, RowDrawsBeyondTwoToThe32EqualDrawValue) {
    // A shard's rows take the draws of elements anywhere in the whole matrix: beyond 2^34
    // elements (Philox index 2^32: four elements per block) the batch puts the upper index bits
    // in Philox's second counter word; a block that straddles a multiple of 2^34 is drawn one by
    // one. Rows start at every offset within a block of four.
    const DrawParams normal{2, 1.0f, 0.5f, 0.0f, 2.0f};
    const std::vector<uint64_t> row_start{0, 1500, 2600, 3000, 3333};
    const std::vector<uint64_t> global_first{(uint64_t{1} << 34) - 700, (uint64_t{1} << 34) + 3, (uint64_t{5} << 34) + 1,
                                             (uint64_t{1} << 20) + 2};
    on_every_isa([&] {
        std::vector<float> out(row_start.back());
        cpu::draw_weights_in_rows(normal, 11, 0x05000004u, row_start, global_first, out.data(), 2);
        for (std::size_t i = 0; i + 1 < row_start.size(); ++i)
            for (uint64_t s = row_start[i]; s < row_start[i + 1]; ++s)
                ASSERT_EQ(out[s], draw_value(normal, 11, 0x05000004u, global_first[i] + (s - row_start[i]))) << s;
    });
}

}  // namespace
}  // namespace axon
