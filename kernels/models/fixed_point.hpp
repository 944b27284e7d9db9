// 64-bit fixed-point synaptic input (docs/architecture.md, "Determinism contract").
// Integer addition is associative, so input summed by any number of threads, or by
// atomics in any order, is bit-identical. Weights are floats; each is quantised the
// same way on every backend (scale by 2^32, truncate toward zero).
#pragma once
#include <cstdint>

#include "hd.hpp"

namespace axon {

using Fixed = int64_t;

/// 2^32: input resolution is 2.3e-10 of a weight unit, range +-2^31 units per slot.
constexpr float kFixedScale = 4294967296.0f;
constexpr float kFixedInvScale = 1.0f / 4294967296.0f;

AXON_HD Fixed to_fixed(float w) { return static_cast<Fixed>(w * kFixedScale); }

/// int64 -> float rounds to nearest on both backends; the power-of-two scale is exact.
AXON_HD float from_fixed(Fixed x) { return static_cast<float>(x) * kFixedInvScale; }

}  // namespace axon
