// Bytes that recording keeps in memory, for the memory plan and for Simulator::run's check.
// In double: absurd durations must give absurd sizes, not wrap around.
#pragma once
#include "axon/network.hpp"

namespace axon::detail {

/// Times a recorder with period `every` fires in steps [from, from + steps) (after steps every-1, 2·every-1, …).
inline double recordings_due(uint32_t every, Step from, Step steps) {
    return static_cast<double>((from + steps) / every - from / every);
}
/// A sample is its step (8 bytes) and a float per variable and neuron.
inline double sample_bytes(const SamplerSpec& s) { return 8.0 + 4.0 * static_cast<double>(s.vars.size() * s.neurons.size()); }
/// A weight snapshot is its step and a float per synapse.
inline double snapshot_bytes(uint64_t synapses) { return 8.0 + 4.0 * static_cast<double>(synapses); }
/// A recorded spike in memory: its step and neuron (SpikeTrain).
constexpr double kSpikeBytes = sizeof(Step) + sizeof(NeuronId);

}  // namespace axon::detail
