// Recording on the time grid, shared by both backends: a sampler or weight recorder with
// interval `every_steps` records after step t when (t + 1) is a multiple of it, so its k-th
// record is taken after step k * every_steps - 1 (time k * every_steps * dt).
#pragma once
#include <cstdint>

#include "hd.hpp"

namespace axon {

/// Whether a recorder every `every_steps` steps records after step t.
AXON_HD bool record_due(uint64_t t, uint32_t every_steps) { return (t + 1) % every_steps == 0; }

}  // namespace axon
