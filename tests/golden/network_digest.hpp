// The digests of one simulated network, one per part, so that a mismatch says which part
// of the results moved, with the counts that go into a failure message.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "axon/simulator.hpp"

namespace axon::test {

/// The parts of a run that are digested, in the order the golden file lists them.
inline constexpr std::array<const char*, 5> kDigestParts = {"spikes", "state", "connectivity", "weights", "counters"};

struct NetworkDigest {
    /// Indexed like kDigestParts:
    /// spikes: per population, the recorded spike steps and neuron ids;
    /// state: per LIF population, the bits of v, theta, i_exc, i_inh and refractory;
    /// connectivity: per projection, row_start, post and delay_steps;
    /// weights: per projection, the bits of the weights;
    /// counters: steps, synaptic_events and input_events.
    std::array<uint64_t, kDigestParts.size()> parts{};
    uint64_t spikes = 0, synapses = 0, synaptic_events = 0, input_events = 0;
    std::vector<std::pair<std::string, uint64_t>> spikes_by_population;

    /// "1234 spikes (E 1000, I 234), 5678 synapses, ..." for failure messages.
    std::string counts() const;
};

/// Digests of what `sim` holds now (spikes, state, synapses, counters). A rank of a distributed
/// run gives its communicator (every rank calls it): the event counters are then the ranks' sums.
NetworkDigest digest_of(const Simulator& sim, Communicator* comm = nullptr);

/// The digest as 16 lower-case hex digits (the golden file's form).
std::string to_hex(uint64_t digest);

}  // namespace axon::test
