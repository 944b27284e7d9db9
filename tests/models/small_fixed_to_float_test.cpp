// small_fixed_to_float, the ring reader's fixed point -> float, against from_fixed bit for bit,
// in a loop compiled for every ISA this machine runs (vectorised there as in the update).
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "kernels/cpu/isa.hpp"
#include "kernels/cpu/multiversion.hpp"
#include "kernels/cpu/small_fixed_to_float.hpp"

namespace axon::cpu {
namespace {

AXON_CPU_MULTIVERSIONED(convert, void, (const int64_t* __restrict in, float* __restrict out, uint32_t n), {
    for (uint32_t i = 0; i < n; ++i) out[i] = small_fixed_to_float(in[i]);
})

uint32_t bits(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

constexpr int64_t p(int e) { return int64_t{1} << e; }

// Every value converted by every available ISA's loop equals from_fixed's.
void expect_as_from_fixed(const std::vector<int64_t>& values) {
    std::vector<float> out(values.size());
    for (Isa isa : known_isas()) {
        if (!isa_available(isa)) continue;
        convert_for(isa)(values.data(), out.data(), static_cast<uint32_t>(values.size()));
        for (std::size_t k = 0; k < values.size(); ++k)
            ASSERT_EQ(bits(out[k]), bits(from_fixed(values[k])))
                << "x = " << values[k] << " on " << to_string(isa) << ": " << out[k] << " != " << from_fixed(values[k]);
    }
}

TEST(SmallFixedToFloat, EdgeValuesRoundAsFromFixed) {
    std::vector<int64_t> values = {0, 1, p(24) - 1, p(24), p(24) + 1, p(24) + 3, p(25) + 2, p(25) + 6, p(31) - 1, p(31),
                                   p(31) + 1, p(32) - 1, p(32), p(32) + p(8), p(32) + 3 * p(8), p(32) + p(8) + 1,
                                   p(40) + p(16), p(40) + 3 * p(16), p(40) + p(16) - 1, p(50) + p(26), p(51) - 1,
                                   p(51) - p(27), p(51) - p(27) - 1};
    const std::size_t positive = values.size();
    for (std::size_t k = 0; k < positive; ++k) values.push_back(-values[k]);
    values.push_back(-p(51));  // the range is [-2^51, 2^51)
    for (int64_t x : values) EXPECT_EQ(beyond_small_fixed(x), 0u) << x;
    // Ties round to even: 2^24 + 1 down to 2^24, 2^24 + 3 up to 2^24 + 4.
    EXPECT_EQ(small_fixed_to_float(p(24) + 1), 0x1p-8f);
    EXPECT_EQ(small_fixed_to_float(p(24) + 3), 0x1.000004p-8f);
    EXPECT_EQ(small_fixed_to_float(-p(24) - 3), -0x1.000004p-8f);
    EXPECT_EQ(small_fixed_to_float(p(51) - 1), 524288.0f);  // 2^19
    EXPECT_EQ(small_fixed_to_float(-p(51)), -524288.0f);
    EXPECT_EQ(small_fixed_to_float(1), 0x1p-32f);
    expect_as_from_fixed(values);
}

TEST(SmallFixedToFloat, ValuesBeyondTheRangeAreReported) {
    for (int64_t x : {p(51), p(51) + 1, p(51) + p(28), p(52), p(52) + 1, p(62), -p(51) - 1, -p(52), -p(62),
                      std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()})
        EXPECT_NE(beyond_small_fixed(x), 0u) << x;
}

TEST(SmallFixedToFloat, RandomValuesOfEveryMagnitudeRoundAsFromFixed) {
    std::mt19937_64 rng(15);
    std::vector<int64_t> values;
    for (int e = 0; e < 51; ++e)
        for (int k = 0; k < 2000; ++k) {
            int64_t x = static_cast<int64_t>(rng() & static_cast<uint64_t>(p(e + 1) - 1)) | p(e);  // in [2^e, 2^(e+1))
            // Half of them at a tie or next to one: bits below float's 24 set to exactly one half.
            if (e >= 24 && (k & 1)) x = ((x >> (e - 23)) << (e - 23)) + p(e - 24) + static_cast<int64_t>(k % 3) - 1;
            values.push_back(k & 2 ? -x : x);
        }
    for (int64_t x : values) ASSERT_EQ(beyond_small_fixed(x), 0u) << x;
    expect_as_from_fixed(values);
}

}  // namespace
}  // namespace axon::cpu
