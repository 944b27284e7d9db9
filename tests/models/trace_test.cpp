// Plasticity traces decay to exactly zero, never through subnormal floats (which cost about a
// hundred times a normal operation on x86), and a decay by 1 or 0 is exact.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/models/plasticity.hpp"

namespace axon {
namespace {

TEST(Trace, DecaysToZeroWithoutSubnormals) {
    const float factor = static_cast<float>(std::exp(-0.1 / 20.0));  // tau 20 ms at dt 0.1 ms
    float x = 1.0f, last = x;
    int steps = 0;
    while (x > 0.0f && steps < 100000) {
        x = decayed_trace(x, factor);
        EXPECT_NE(std::fpclassify(x), FP_SUBNORMAL) << "step " << steps;
        EXPECT_LE(x, last);
        last = x;
        ++steps;
    }
    EXPECT_EQ(x, 0.0f);
    // about ln(2^126) / (0.1 / 20) steps to fall below the smallest normal float
    EXPECT_NEAR(steps, 126 * std::log(2.0) / 0.005, 2);
    EXPECT_EQ(decayed_trace(0.0f, factor), 0.0f);
}

TEST(Trace, ExactWhereTheDecayIsOneOrZero) {
    for (const float x : {0.0f, 1.0f, 3.0f, 1e-30f, kTraceFloor}) {
        EXPECT_EQ(decayed_trace(x, 1.0f), x);  // the perceptron's counts between resets
        EXPECT_EQ(decayed_trace(x, 0.0f), 0.0f);  // its reset
    }
    EXPECT_EQ(decayed_trace(kTraceFloor, 0.999f), 0.0f);  // the first value below the floor goes
    EXPECT_EQ(decayed_trace(2.0f, 0.5f), 1.0f);
}

}  // namespace
}  // namespace axon
