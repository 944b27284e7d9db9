// Deterministic elementary functions built only from +, -, *, / and sqrt, which IEEE 754
// rounds identically on the host and on CUDA (with --fmad=false / -ffp-contract=off).
// Library log/exp differ between libm and CUDA in the last bits, which would make
// randomly drawn networks differ between backends; these do not. Accuracy: a few ulp.
#pragma once
#include <cstdint>
#include <cmath>
#include <cstring>

#include "hd.hpp"

namespace axon {

/// Natural logarithm for x > 0 (finite). x = m * 2^e with m in [sqrt(1/2), sqrt(2)),
/// log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172, by its odd series.
AXON_HD float det_log(float x) {
    uint32_t bits;
    memcpy(&bits, &x, sizeof bits);
    int32_t e = static_cast<int32_t>((bits >> 23) & 0xFFu) - 127;
    bits = (bits & 0x007FFFFFu) | 0x3F800000u;  // mantissa in [1, 2)
    float m;
    memcpy(&m, &bits, sizeof m);
    const bool above = m > 1.41421356f;  // selects, not branches: the CPU loops vectorise
    m = above ? m * 0.5f : m;
    e = above ? e + 1 : e;
    const float s = (m - 1.0f) / (m + 1.0f);
    const float s2 = s * s;
    const float series = 1.0f + s2 * (1.0f / 3.0f + s2 * (1.0f / 5.0f + s2 * (1.0f / 7.0f + s2 * (1.0f / 9.0f))));
    return static_cast<float>(e) * 0.693147180559945f + 2.0f * s * series;
}

/// Standard normal deviate from a uniform u in (0, 1) by inversion (Acklam's rational
/// approximation, relative error below 1.2e-9), evaluated in double: it serves network
/// construction only, where accuracy matters more than speed, and IEEE double arithmetic
/// is as reproducible across backends as float.
AXON_HD float det_normal_from_uniform(float u_float) {
    const double a1 = -3.969683028665376e+01, a2 = 2.209460984245205e+02, a3 = -2.759285104469687e+02,
                 a4 = 1.383577518672690e+02, a5 = -3.066479806614716e+01, a6 = 2.506628277459239e+00;
    const double b1 = -5.447609879822406e+01, b2 = 1.615858368580409e+02, b3 = -1.556989798598866e+02,
                 b4 = 6.680131188771972e+01, b5 = -1.328068155288572e+01;
    const double c1 = -7.784894002430293e-03, c2 = -3.223964580411365e-01, c3 = -2.400758277161838e+00,
                 c4 = -2.549732539343734e+00, c5 = 4.374664141464968e+00, c6 = 2.938163982698783e+00;
    const double d1 = 7.784695709041462e-03, d2 = 3.224671290700398e-01, d3 = 2.445134137142996e+00,
                 d4 = 3.754408661907416e+00;
    const double p_low = 0.02425;
    const double u = u_float;
    // Both forms are computed and one is selected (the same operations as branching, so the
    // same value), which lets the CPU's construction loops vectorise.
    const bool low = u < p_low, high = u > 1.0 - p_low;
    const double tail = low ? u : 1.0 - u;
    const double q_tail = sqrt(-2.0 * static_cast<double>(det_log(static_cast<float>(tail))));
    const double z_tail = (((((c1 * q_tail + c2) * q_tail + c3) * q_tail + c4) * q_tail + c5) * q_tail + c6) /
                          ((((d1 * q_tail + d2) * q_tail + d3) * q_tail + d4) * q_tail + 1.0);
    const double q = u - 0.5;
    const double r = q * q;
    const double z_central = (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q /
                             (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1.0);
    return static_cast<float>(low ? z_tail : (high ? -z_tail : z_central));
}

}  // namespace axon
