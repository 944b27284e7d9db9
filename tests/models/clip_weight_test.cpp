// clip_weight, written as a min then a max for the CPU's selects, against the two comparisons it
// stands for, bit for bit, on every kind of weight (signed zeros, infinities, NaN, the bounds
// and their neighbours), for bounds as Network allows them (w_min <= w_max once rounded to float).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#include "kernels/models/plasticity.hpp"

namespace axon {
namespace {

uint32_t bits(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

TEST(ClipWeight, EqualsTheTwoComparisonsForEveryWeight) {
    const float inf = std::numeric_limits<float>::infinity();
    const std::pair<float, float> bounds[] = {{0.0f, 3.24f}, {-1.0f, 1.0f}, {-0.0f, 0.0f}, {0.0f, -0.0f},
                                              {2.0f, 2.0f},  {-5.0f, -2.0f}, {-inf, inf}};
    for (const auto& [lo, hi] : bounds) {
        PlasticityStepParams p{};
        p.w_min = lo;
        p.w_max = hi;
        const float weights[] = {-inf, -1e30f, std::nextafter(lo, -inf), lo, std::nextafter(lo, inf), 0.5f * (lo + hi),
                                 std::nextafter(hi, -inf), hi, std::nextafter(hi, inf), 1e30f, inf, -0.0f, 0.0f,
                                 std::nanf("")};
        for (const float w : weights) {
            const float expected = w < lo ? lo : (w > hi ? hi : w);
            EXPECT_EQ(bits(clip_weight(p, w)), bits(expected)) << "w " << w << " in [" << lo << ", " << hi << "]";
        }
    }
}

}  // namespace
}  // namespace axon
