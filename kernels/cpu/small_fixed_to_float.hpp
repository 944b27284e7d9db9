// The ring's fixed point -> float (from_fixed) in operations that SSE2 and AVX2 vectorise. x86
// has no SIMD int64 conversion before AVX-512DQ (vcvtqq2ps), so a plain conversion loop stays
// scalar on every machine without AVX-512. The update (neuron_update.cpp) reads the ring with these.
#pragma once
#include <cstdint>
#include <cstring>

#include "../models/fixed_point.hpp"

namespace axon::cpu {

/// Nonzero when x is outside [-2^51, 2^51), the range of small_fixed_to_float. A uint64 rather
/// than a bool, so that a loop can OR it over many values and still vectorise.
inline uint64_t beyond_small_fixed(Fixed x) {
    return (static_cast<uint64_t>(x) + (uint64_t{1} << 51)) >> 52;
}

/// from_fixed(x) for x in [-2^51, 2^51). The doubles in [2^20, 2^21) are spaced 2^-32 apart,
/// the fixed point's resolution: the bits of 1.5 * 2^20 plus x are those of the double
/// 1.5 * 2^20 + x * 2^-32, and subtracting 1.5 * 2^20 gives x * 2^-32 exactly. Converting that
/// exact double to float rounds it once, to nearest even, as from_fixed does: the same float,
/// without its scaling multiply.
inline float small_fixed_to_float(Fixed x) {
    const uint64_t bits = static_cast<uint64_t>(x) + 0x4138000000000000u;  // the bits of 1.5 * 2^20
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return static_cast<float>(d - 0x1.8p20);
}

}  // namespace axon::cpu
