#include "backend_state.hpp"

#include <algorithm>
#include <string>

#include "axon/errors.hpp"

namespace axon::detail {
namespace {

// Slot (next mod n) first: a rotation by whole slots.
std::ptrdiff_t rotation(std::size_t size, uint32_t n_slots, Step next) {
    if (n_slots == 0 || size % n_slots != 0) throw ConfigError("an input ring's length is not a whole number of slots");
    return static_cast<std::ptrdiff_t>((size / n_slots) * (next % n_slots));
}

[[noreturn]] void does_not_fit(const std::string& part, const std::string& what, uint64_t got, uint64_t expected) {
    throw ConfigError("the saved state does not fit the network built here: " + part + " has " + std::to_string(got) +
                      " " + what + " where " + std::to_string(expected) + " are built");
}

void require_count(const std::string& part, const std::string& what, uint64_t got, uint64_t expected) {
    if (got != expected) does_not_fit(part, what, got, expected);
}

}  // namespace

std::vector<int64_t> ring_in_step_order(std::vector<int64_t> ring, uint32_t n_slots, Step next) {
    const std::ptrdiff_t by = ring.empty() ? 0 : rotation(ring.size(), n_slots, next);
    std::rotate(ring.begin(), ring.begin() + by, ring.end());
    return ring;
}

std::vector<int64_t> ring_in_slot_order(std::vector<int64_t> ring, uint32_t n_slots, Step next) {
    const std::ptrdiff_t by = ring.empty() ? 0 : rotation(ring.size(), n_slots, next);
    std::rotate(ring.begin(), ring.end() - by, ring.end());
    return ring;
}

void check_fits(const BackendState& state, const StateShape& shape) {
    require_count("the state", "populations", state.populations.size(), shape.populations.size());
    for (std::size_t p = 0; p < shape.populations.size(); ++p) {
        const PopulationState& s = state.populations[p];
        const StateShape::Population& built = shape.populations[p];
        const std::string part = "population #" + std::to_string(p);
        require_count(part, "state variables", s.state.size(), built.vars);
        for (const std::vector<float>& var : s.state) require_count(part, "values of a state variable", var.size(), built.size);
        require_count(part, "input currents", s.i_ext.size(), built.vars ? built.size : 0);
        require_count(part, "values of input on its way", s.ring.size(), built.ring);
        if (!s.ring.empty()) require_count(part, "steps of input on its way", s.ring_slots, built.ring_slots);
    }
    require_count("the state", "projections", state.projections.size(), shape.projections.size());
    for (std::size_t k = 0; k < shape.projections.size(); ++k) {
        const ProjectionState& s = state.projections[k];
        const StateShape::Projection& built = shape.projections[k];
        const std::string part = "projection #" + std::to_string(k);
        require_count(part, "synapses", s.synapses, built.synapses);
        if (!s.weights.empty()) require_count(part, "weights", s.weights.size(), built.synapses);
        const bool plastic = built.delay > 0;
        require_count(part, "presynaptic traces", s.x_pre.size(), plastic ? built.pre_size : 0);
        require_count(part, "postsynaptic traces", s.y_post.size(), plastic ? built.post_size : 0);
        require_count(part, "steps of spikes in flight", s.in_flight.size(), built.delay);
        for (const std::vector<uint32_t>& list : s.in_flight)
            for (std::size_t i = 0; i < list.size(); ++i)
                if (list[i] >= built.pre_size || (i > 0 && list[i] <= list[i - 1]))
                    throw ConfigError("the saved state does not fit the network built here: " + part +
                                      " has a spike in flight of neuron " + std::to_string(list[i]) +
                                      " out of order or out of range (" + std::to_string(built.pre_size) +
                                      " presynaptic neurons)");
    }
}

}  // namespace axon::detail
