// What the CUDA backend will allocate besides the network's own state, and how it will build
// each projection, decided from the description alone. Shared by the memory plan
// (estimate_memory(net, "cuda"), engine/src/memory_plan.cpp) and the backend itself, so the
// plan `axon validate` prints is the one the backend checks before it allocates. Compiled in
// every build (it needs no CUDA).
#pragma once
#include <cstdint>
#include <vector>

#include "axon/memory.hpp"
#include "axon/network.hpp"

namespace axon::detail {

/// Spike ids the device recording buffers hold between two drains, in all.
constexpr uint64_t kDeviceRecordCapacity = uint64_t{1} << 24;
/// The most steps between two drains.
constexpr uint64_t kMaxDrainSteps = 10000;
/// Steps in one replay of the CUDA backend's large step graph.
constexpr uint64_t kGraphSteps = 32;

/// A distributed cuda rank's communication interval is cut so that the whole network's spike
/// lists of its steps, at their longest (every neuron firing), fit in this many bytes.
constexpr uint64_t kExchangeBufferBytes = uint64_t{16} << 20;

/// Steps between drains: the recording buffers hold the worst case (every recorded neuron
/// spiking every step), so they can never overflow. A multiple of kGraphSteps where it can
/// be, so that runs between drains replay whole step graphs.
uint64_t drain_interval(const Network& net);

/// Per population: the length of the ring of recent spike lists that plastic projections from
/// it need (their longest delay + 1); 0 for none.
std::vector<uint32_t> plastic_source_slots(const Network& net);

/// Whether the device builds this projection itself: every rule up to 2^31 synapses, but
/// fixed_total_number without multapses only up to half of all pairs.
bool builds_on_device(const Network& net, const ProjectionSpec& spec);

/// The device-only parts of the cuda backend's memory plan for one of `ranks` ranks (recording,
/// step lists, plastic history, construction transient, spike exchange, library scratch),
/// appended to `parts`.
void add_device_parts(const Network& net, int ranks, std::vector<MemoryPart>& parts);

}  // namespace axon::detail
