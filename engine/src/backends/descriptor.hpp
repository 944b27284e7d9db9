// A backend as the engine sees it before one is built: its name, whether this build has it and
// it can run here, which models it runs, what it needs in memory, and how to make one. Each
// backend defines its descriptor beside its implementation; registry.cpp lists them, and
// everything that chooses, plans for or makes a backend goes through the list (no backend is
// named anywhere else).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "axon/backend.hpp"
#include "axon/memory.hpp"

namespace axon::detail {

struct BackendDescriptor {
    std::string_view name;
    /// "auto" takes an available accelerator before the CPU.
    bool accelerator = false;
    /// Whether this build has it. A descriptor exists in every build, so that a build without
    /// a backend can still plan for it (`axon validate` on a machine without a GPU).
    bool compiled = false;
    /// Compiled and able to run here (a GPU backend: a device present).
    bool (*available)() = nullptr;
    bool (*supports)(NeuronModel model) = nullptr;
    /// Runs a rank's share of a distributed run (BackendOptions::communicator).
    bool distributed = false;
    /// Distributed, each rank holds only its block of every population's state and rings
    /// (false: every neuron's state on every rank, updated on its block only; the synapses are
    /// split by postsynaptic block either way).
    bool splits_neuron_state = true;
    /// The bytes it keeps per synapse of a projection onto blocks of at most n_post neurons:
    /// post index, weight where weights differ, delay (at most longest_delay steps) where delays differ.
    int (*synapse_bytes)(uint64_t n_post, bool per_synapse_weights, bool per_synapse_delays,
                         uint64_t longest_delay) = nullptr;
    /// The bytes of a presynaptic id in a plastic projection's transposed index (n_pre >= 1).
    int (*column_pre_bytes)(uint64_t n_pre) = nullptr;
    /// Refuse options it cannot take (ConfigError), before anything is built.
    void (*check_options)(const BackendOptions& options) = nullptr;
    /// Append this backend's own parts to the plan of what every backend holds (estimate_memory).
    void (*add_memory_parts)(const Network& net, MemoryPlan& plan) = nullptr;
    /// Refuse, before anything is built, a plan this machine cannot hold (CapacityError).
    void (*check_memory)(const MemoryPlan& plan) = nullptr;
    /// What a plan for it is measured against here, as text ("22.1 GiB of host memory available here").
    std::string (*memory_here)() = nullptr;
    /// A new, unloaded backend; null where not compiled.
    std::unique_ptr<Backend> (*make)() = nullptr;
};

/// Every backend Axon knows, compiled in or not, in listing order (cpu first).
const std::vector<const BackendDescriptor*>& backend_descriptors();
/// The descriptor of this name ("auto": the one resolve_backend would choose, without throwing
/// when the CPU is the only one). @throws BackendError naming the known backends.
const BackendDescriptor& backend_descriptor(std::string_view name);

const BackendDescriptor& cpu_backend_descriptor();
const BackendDescriptor& cuda_backend_descriptor();

}  // namespace axon::detail
