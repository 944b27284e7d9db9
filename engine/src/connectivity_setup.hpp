// What turns a projection of a Network into what the synapse builders take (the host-side
// setup of kernels/cpu/connectivity.cpp and kernels/cuda/connectivity.cu): the rule's
// ConnectivityParams, shared by both backends, and the CPU builder's whole run, whose
// synapses the CPU backend keeps and the CUDA backend uploads where the device does not build.
#pragma once
#include "../../kernels/cpu/connectivity.hpp"
#include "axon/network.hpp"
#include "distributed/shard.hpp"

namespace axon::detail {

/// Whether a builder draws the projection's structure: not for from_arrays (given) nor for
/// fixed_probability with p <= 0 (no synapses).
bool is_drawn(const ProjectionSpec& spec);

/// The drawn rule of projection `id` (fixed_probability with p >= 1 becomes all_to_all).
/// @throws std::logic_error unless is_drawn.
ConnectivityParams connectivity_params(const Network& net, ProjectionId id);

/// The synapses of projection `id` of `net`, built on the CPU (OpenMP over rows, thread-count
/// independent): the structure drawn or given, then the weights and delays.
cpu::SynapseMatrix build_synapses(const Network& net, ProjectionId id, int threads);

/// One rank's part of a projection: the synapses onto the postsynaptic neurons it owns (post
/// indices counted from its block's first), exactly those of the whole projection with the
/// same weights and delays, and where each row's part sits in the whole matrix.
struct SynapseShard {
    cpu::SynapseMatrix synapses;
    /// global_first[i]: the whole matrix's index of row i's first synapse here (n_pre values).
    std::vector<uint64_t> global_first;
    uint64_t global_synapses = 0;  ///< the whole projection's
};

/// This rank's part of projection `id` (collective: every rank of the shard calls it). Each rank
/// draws its own synapses only; the ranks' row counts, gathered, place them in the whole matrix
/// so that their weights and delays take the whole matrix's draws.
SynapseShard build_synapse_shard(const Network& net, ProjectionId id, const Shard& shard, int threads);

}  // namespace axon::detail
