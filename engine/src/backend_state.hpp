// The backend-neutral layout of a BackendState (axon/backend.hpp) against the backends' own:
// rings of slots indexed by step modulo their length, turned into "steps from now" and back,
// and the check that a state fits what a backend has built, made before anything is replaced.
#pragma once
#include <cstdint>
#include <vector>

#include "axon/backend.hpp"

namespace axon::detail {

/// An input ring of n_slots equal slots, slot t mod n_slots holding step t's input, reordered
/// so that the slot of step `next` comes first, then next + 1, ...
std::vector<int64_t> ring_in_step_order(std::vector<int64_t> ring, uint32_t n_slots, Step next);
/// The inverse of ring_in_step_order.
std::vector<int64_t> ring_in_slot_order(std::vector<int64_t> ring, uint32_t n_slots, Step next);

/// The slot of a ring of `slots` lists indexed by step modulo slots that holds the step k
/// steps before `next` (1 <= k < slots).
inline uint32_t slot_before(Step next, uint32_t k, uint32_t slots) {
    return static_cast<uint32_t>((next % slots + slots - k) % slots);
}

/// What a backend has built, to check a state against.
struct StateShape {
    struct Population {
        uint32_t size = 0, vars = 0;
        uint64_t ring = 0;        ///< values in its input ring (0: takes no input)
        uint32_t ring_slots = 0;  ///< steps the ring holds
    };
    struct Projection {
        uint64_t synapses = 0;
        uint32_t pre_size = 0, post_size = 0;
        uint32_t delay = 0;  ///< plastic projections' delay in steps; 0: static
    };
    std::vector<Population> populations;
    std::vector<Projection> projections;
};

/// @throws ConfigError naming the first part of `state` that does not fit `shape`.
void check_fits(const BackendState& state, const StateShape& shape);

}  // namespace axon::detail
