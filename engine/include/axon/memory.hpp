/// @file memory.hpp
/// Memory planning: the bytes a network needs on a backend, computed from its description
/// before anything is allocated.
#pragma once
#include "axon/export.hpp"
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "axon/network.hpp"

namespace axon AXON_API {

struct MemoryPart {
    std::string name;  ///< e.g. "projection 'E->I' synapses"
    uint64_t bytes = 0;
};

struct MemoryPlan {
    std::string backend;
    /// The processes of a distributed run; each part is then one rank's (its share of every
    /// population and of the synapses onto it, and what every rank holds whole).
    int ranks = 1;
    uint64_t neurons = 0;
    uint64_t expected_synapses = 0;  ///< exact for deterministic rules, the mean for random ones
    std::vector<MemoryPart> parts;
    uint64_t total_bytes() const;
};

/// Expected number of synapses of one projection of `net`.
uint64_t expected_synapses(const Network& net, const ProjectionSpec& projection);

/// What `net` needs on `backend` ("cpu"), recording buffers excluded (they grow with the run):
/// on each of `ranks` processes of a distributed run (docs/scaling.md).
MemoryPlan estimate_memory(const Network& net, std::string_view backend = "cpu", int ranks = 1);

/// What recording keeps in memory over a run of `steps` steps: each sampler's samples and each
/// weight recorder's snapshots (exact for deterministic rules; the mean synapse count for random
/// ones). Spikes depend on activity: 12 bytes per recorded spike, kept until taken
/// (Simulator::take_spikes, on_spikes; `axon run` writes them as it goes). A part too large for
/// 64 bits saturates at UINT64_MAX.
MemoryPlan estimate_recording(const Network& net, Step steps);

/// Bytes of memory currently available to this process on the host (MemAvailable).
uint64_t available_host_memory();

/// "1.5 GiB"-style text.
std::string format_bytes(uint64_t bytes);

}  // namespace axon
