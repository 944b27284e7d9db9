// The CPU backend's descriptor: always compiled, always available, every model; its memory is the
// host's, including the largest transient of building one projection.
#include <algorithm>

#include "../../../kernels/cpu/synapse_store.hpp"
#include "axon/errors.hpp"
#include "cpu_backend.hpp"
#include "descriptor.hpp"

namespace axon::detail {
namespace {

/// Transient bytes of building one projection of n synapses on the host (kernels/cpu/connectivity.cpp), on
/// one of `ranks` ranks: rows drawn per chunk are copied once (4 B each); fixed_indegree holds
/// its drawn columns and their pre indices in column order before sorting them into rows (8 B); fixed_total_number draws every pair on
/// every rank (8 B) and, without multapses, sorts them into parts (8 B) with a bit per possible pair
/// (at most 8 B per drawn pair), its ranks and holders and the redraws' claims
/// (kernels/cpu/distinct_pairs.hpp), or for sparse projections keeps the set of pairs taken
/// (kernels/cpu/pair_set.hpp: a hash set of at most 32 B per pair): 40 B bounds both. Then the
/// builder's 32-bit post indices and 16-bit delays sit beside their narrowed copies (SynapseStore).
uint64_t construction_scratch(const ProjectionSpec& proj, uint64_t n, int ranks) {
    const ConnectRule& rule = proj.rule;
    const uint64_t per_rank = n / static_cast<uint64_t>(ranks);
    const uint64_t wide = (4 + (proj.delay_ms->is_constant() ? 0 : 2)) * per_rank;
    switch (rule.kind) {
    case ConnectRule::Kind::fixed_indegree: return 8 * per_rank + wide;
    case ConnectRule::Kind::fixed_total_number: return (rule.multapses ? 8 : 40) * n + wide;
    default: return 4 * per_rank + wide;
    }
}

void add_host_construction(const Network& net, MemoryPlan& plan) {
    uint64_t scratch = 0;  // the largest transient of one projection's construction
    for (const ProjectionSpec& proj : net.projections())
        scratch = std::max(scratch, construction_scratch(proj, expected_synapses(net, proj), plan.ranks));
    if (scratch > 0) plan.parts.push_back({"construction scratch (transient)", scratch});
}

void check_host_memory(const MemoryPlan& plan) {
    const uint64_t available = available_host_memory();
    if (plan.total_bytes() > available)
        throw CapacityError("network needs about " + format_bytes(plan.total_bytes()) + " on backend '" + plan.backend +
                            "' but only " + format_bytes(available) + " of host memory is available (" +
                            std::to_string(plan.neurons) + " neurons, " + std::to_string(plan.expected_synapses) +
                            " synapses)");
}

}  // namespace

const BackendDescriptor& cpu_backend_descriptor() {
    static const BackendDescriptor descriptor = [] {
        BackendDescriptor d;
        d.name = "cpu";
        d.compiled = true;
        d.available = [] { return true; };
        d.supports = [](NeuronModel) { return true; };  // the reference: every model of the list
        d.distributed = true;
        d.synapse_bytes = &cpu::SynapseStore::bytes_per_synapse;
        d.column_pre_bytes = [](uint64_t n_pre) { return cpu::NarrowArray::bytes_for(n_pre - 1); };
        d.add_memory_parts = &add_host_construction;
        d.check_memory = &check_host_memory;
        d.memory_here = [] { return format_bytes(available_host_memory()) + " of host memory available here"; };
        d.make = &make_cpu_backend;
        return d;
    }();
    return descriptor;
}

}  // namespace axon::detail
