// int64 -> float in operations that SSE2 and AVX2 vectorise. x86 has no SIMD int64 conversion
// before AVX-512DQ (vcvtqq2ps), so a plain conversion loop stays scalar on every machine without
// AVX-512. take_input (neuron_update.cpp) reads the fixed-point ring with these.
#pragma once
#include <cstdint>
#include <cstring>

namespace axon::cpu {

/// Nonzero when x is outside [-2^51, 2^51), the range of small_int64_to_float. A uint64 rather
/// than a bool, so that a loop can OR it over many values and still vectorise.
inline uint64_t beyond_small_int64(int64_t x) {
    return (static_cast<uint64_t>(x) + (uint64_t{1} << 51)) >> 52;
}

/// static_cast<float>(x) for x in [-2^51, 2^51). The doubles in [2^52, 2^53) are the integers,
/// the mantissa bits holding value - 2^52; so the bits of 1.5 * 2^52 plus x are those of the
/// double 1.5 * 2^52 + x, and subtracting 1.5 * 2^52 gives x exactly. Converting that exact
/// double to float rounds x once, to nearest even, as int64 -> float does: the same float.
inline float small_int64_to_float(int64_t x) {
    const uint64_t bits = static_cast<uint64_t>(x) + 0x4338000000000000u;  // the bits of 1.5 * 2^52
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return static_cast<float>(d - 0x1.8p52);
}

}  // namespace axon::cpu
