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

// Standard normal deviates from a uniform u in (0, 1) by inversion (Acklam's rational
// approximation, relative error below 1.2e-9), evaluated in double: they serve network
// construction only, where accuracy matters more than speed, and IEEE double arithmetic is as
// reproducible across backends as float. The central region and the tails are separate
// functions so that the CPU's construction loops can run the cheap central form for every
// draw and the tail form (a logarithm and a square root) only for the 5 % in the tails.

/// Whether u falls in the tails, where det_normal_tail applies.
AXON_HD bool det_normal_in_tail(float u_float) {
    const double u = u_float;
    return u < 0.02425 || u > 1.0 - 0.02425;
}

/// The central region's form (meaningful where !det_normal_in_tail(u)).
AXON_HD float det_normal_central(float u_float) {
    const double a1 = -3.969683028665376e+01, a2 = 2.209460984245205e+02, a3 = -2.759285104469687e+02,
                 a4 = 1.383577518672690e+02, a5 = -3.066479806614716e+01, a6 = 2.506628277459239e+00;
    const double b1 = -5.447609879822406e+01, b2 = 1.615858368580409e+02, b3 = -1.556989798598866e+02,
                 b4 = 6.680131188771972e+01, b5 = -1.328068155288572e+01;
    const double q = static_cast<double>(u_float) - 0.5;
    const double r = q * q;
    return static_cast<float>((((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q /
                              (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1.0));
}

/// The tails' form (meaningful where det_normal_in_tail(u)).
AXON_HD float det_normal_tail(float u_float) {
    const double c1 = -7.784894002430293e-03, c2 = -3.223964580411365e-01, c3 = -2.400758277161838e+00,
                 c4 = -2.549732539343734e+00, c5 = 4.374664141464968e+00, c6 = 2.938163982698783e+00;
    const double d1 = 7.784695709041462e-03, d2 = 3.224671290700398e-01, d3 = 2.445134137142996e+00,
                 d4 = 3.754408661907416e+00;
    const double u = u_float;
    const bool low = u < 0.02425;
    const double tail = low ? u : 1.0 - u;
    const double q_tail = sqrt(-2.0 * static_cast<double>(det_log(static_cast<float>(tail))));
    const double z_tail = (((((c1 * q_tail + c2) * q_tail + c3) * q_tail + c4) * q_tail + c5) * q_tail + c6) /
                          ((((d1 * q_tail + d2) * q_tail + d3) * q_tail + d4) * q_tail + 1.0);
    return static_cast<float>(low ? z_tail : -z_tail);
}

/// Standard normal deviate from a uniform u in (0, 1).
AXON_HD float det_normal_from_uniform(float u) {
    return det_normal_in_tail(u) ? det_normal_tail(u) : det_normal_central(u);
}

/// e^x in float for neuron model steps (AdEx's exponential, sigmoid transfers). Cody-Waite
/// reduction x = k ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor polynomial to r^7 (error
/// below 6e-9), scaled by 2^k through the exponent bits. Results below the smallest normal
/// float are 0 (no subnormals), above the largest are inf; nan stays nan. Accuracy: 2 ulp.
AXON_HD float det_exp(float x) {
    const bool high = x > 88.72283f, low = x < -87.33654f;
    const float xc = high || low ? 0.0f : x;  // selects: the CPU loops vectorise
    const float k = floorf(xc * 1.44269504f + 0.5f);
    const float r = (xc - k * 0.693145752f) - k * 1.42860677e-6f;  // ln 2 = hi + lo, hi exact in 16 bits
    const float p = 1.0f + r * (1.0f + r * (0.5f + r * (1.0f / 6.0f + r * (1.0f / 24.0f + r * (1.0f / 120.0f +
                                  r * (1.0f / 720.0f + r * (1.0f / 5040.0f)))))));
    // 2^k in two normal halves (k is in [-126, 128]): each product is exact but the last.
    const auto k1 = static_cast<int32_t>(k) / 2, k2 = static_cast<int32_t>(k) - k1;
    const uint32_t bits1 = static_cast<uint32_t>(k1 + 127) << 23, bits2 = static_cast<uint32_t>(k2 + 127) << 23;
    float scale1, scale2;
    memcpy(&scale1, &bits1, sizeof scale1);
    memcpy(&scale2, &bits2, sizeof scale2);
    const float y = p * scale1 * scale2;
    return high ? INFINITY : low ? 0.0f : (x == x ? y : x);
}

/// e^x - 1 in float, accurate near 0 where det_exp(x) - 1 cancels: the Taylor series to x^9
/// for |x| < 0.5 (error below 3e-10 relative), det_exp(x) - 1 beyond. Accuracy: 3 ulp.
AXON_HD float det_expm1(float x) {
    const float series = x * (1.0f + x * (0.5f + x * (1.0f / 6.0f + x * (1.0f / 24.0f + x * (1.0f / 120.0f +
                             x * (1.0f / 720.0f + x * (1.0f / 5040.0f + x * (1.0f / 40320.0f + x * (1.0f / 362880.0f)))))))));
    return fabsf(x) < 0.5f ? series : det_exp(x) - 1.0f;
}

}  // namespace axon
