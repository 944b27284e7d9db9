// The device-side bodies of the step's phases, shared by every way the CUDA backend runs a
// step (CudaStep): the merged launches (neuron_update.cu, propagate.cu, plasticity.cu,
// record.cu), the fused launches and the persistent kernel (fused_step.cu). Each body takes
// the step `t` as an argument; the __global__ wrappers decide where it comes from. One body
// per phase keeps the variants bit-identical by construction: they differ in where the
// barriers fall, never in the arithmetic.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "../models/all_models.hpp"
#include "../models/random.hpp"
#include "../models/record.hpp"
#include "launch_config.hpp"
#include "merged_work.cuh"
#include "step_plan.hpp"

namespace axon::cuda {

constexpr uint32_t kFullMask = 0xFFFFFFFFu;

/// Adds each thread's `value` to `*counter` with one atomic per block (integer sums: the order
/// cannot matter). Every thread of the block must call it; it may be called repeatedly.
__device__ inline void block_add(unsigned long long* counter, unsigned long long value) {
    __shared__ unsigned long long warp_sums[32];
    for (int offset = 16; offset > 0; offset >>= 1) value += __shfl_down_sync(kFullMask, value, offset);
    __syncthreads();  // a previous call's readers are done with warp_sums
    if ((threadIdx.x & 31u) == 0) warp_sums[threadIdx.x >> 5] = value;
    __syncthreads();
    if (threadIdx.x == 0) {
        unsigned long long total = 0;
        for (uint32_t w = 0; w < (blockDim.x + 31u) / 32u; ++w) total += warp_sums[w];
        if (total) atomicAdd(counter, total);
    }
}

// ---- phase 1-3: update, Poisson inputs, trace decay --------------------------------------

/// The population of update block `block`: the last one whose first block is at or before it.
__device__ inline uint32_t population_of_block(const PopulationDesc* pops, uint32_t n_pops, uint32_t block) {
    uint32_t lo = 0, hi = n_pops;
    while (hi - lo > 1) {
        const uint32_t mid = (lo + hi) / 2;
        if (pops[mid].block_begin <= block)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/// One step of neuron i of a population of model M: it reads and clears its ring slot for
/// step t, then runs the model's step (the same function as the CPU's).
template <class M>
__device__ bool step_neuron(const PopulationDesc& pop, uint32_t i, uint64_t t, uint64_t seed) {
    float in[kMaxReceptors] = {};
    if constexpr (M::receptors > 0) {
        const auto slot = static_cast<uint32_t>(t % pop.ring.n_slots);
        for (uint32_t r = 0; r < M::receptors; ++r) {
            Fixed* lane = pop.ring.lane(slot, r);
            in[r] = from_fixed(lane[i]);
            lane[i] = 0;
        }
    }
    float* state[kMaxStateVars];
    for (uint32_t v = 0; v < kMaxStateVars; ++v) state[v] = pop.state[v];
    return M::step(pop.constants.as<M>(), state, i, pop.i_ext ? pop.i_ext[i] : 0.0f, in,
                   StepContext{seed, pop.stream, t, pop.replay_start, pop.replay_step});
}

/// The step of neuron i of any model: a case per model of AXON_NEURON_MODELS.
__device__ inline bool step_any(const PopulationDesc& pop, uint32_t i, uint64_t t, uint64_t seed) {
    switch (pop.model) {
#define AXON_MODEL_CASE(name) \
    case NeuronModel::name: return step_neuron<name##_model>(pop, i, t, seed);
        AXON_NEURON_MODELS(AXON_MODEL_CASE)
#undef AXON_MODEL_CASE
    }
    return false;
}

/// Neuron i < pop.size at step t: where this process steps it (PopulationDesc::own_first), its
/// model's step and its Poisson inputs into future ring slots (delay >= 1: never the slot just
/// read); and the decay of the plasticity traces over it (none in distributed runs: there
/// decay_traces runs at learning's step). Returns whether it spiked; adds the input kicks it
/// drew to `kicks`. Random draws use grid_uniform: one Philox
/// block per four neurons of the population, the words the CPU loops use.
__device__ inline bool update_neuron(const PopulationDesc& pop, uint32_t i, uint64_t t, const InputDesc* inputs,
                                     const TraceDesc* traces, uint64_t seed, unsigned long long& kicks) {
    const bool owned = i - pop.own_first < pop.own_count;  // unsigned: false below own_first too
    const bool spike = owned && step_any(pop, i, t, seed);
    for (uint32_t k = owned ? pop.input_begin : pop.input_end; k < pop.input_end; ++k) {
        const InputDesc& in = inputs[k];
        const float u = grid_uniform(seed, in.stream, t, i);
        const uint32_t c = in.rates ? poisson_count(in.rates[i], u) : poisson_count(in.params, u);
        const auto slot = static_cast<uint32_t>((t + in.delay_steps) % pop.ring.n_slots);
        pop.ring.lane(slot, in.receptor)[i] += static_cast<Fixed>(c) * in.weight;
        kicks += c;
    }
    for (uint32_t k = pop.trace_begin; k < pop.trace_end; ++k)
        traces[k].trace[i] = decayed_trace(traces[k].trace[i], trace_factor(traces[k].factor, traces[k].reset_every, t));
    return spike;
}

// ---- spike lists ---------------------------------------------------------------------------

/// The merged step's list: one ascending list of global ids with population segments.
struct MergedSpikes {
    SpikeListDesc list;
    const PopulationDesc* pops;

    __device__ uint32_t count(uint32_t p) const { return list.segment[p + 1] - list.segment[p]; }
    /// The local id of population p's k-th spike.
    __device__ uint32_t local(uint32_t p, uint32_t k) const { return list.ids[list.segment[p] + k] - pops[p].first; }
};

/// The fused steps' lists: each population appends the local ids of its spikes of step t to
/// slot t mod slots of its own ring of lists (SourceHistoryDesc), in the order its blocks get
/// there. Nothing that reads them depends on that order (integer ring sums; learning owned
/// per row or column); recordings are sorted into neuron order at the drain.
struct FusedSpikes {
    const SourceHistoryDesc* lists;  ///< one per population
    uint64_t t;

    __device__ uint32_t slot(uint32_t p) const { return static_cast<uint32_t>(t % lists[p].slots); }
    __device__ uint32_t count(uint32_t p) const { return lists[p].counts[slot(p)]; }
    __device__ uint32_t local(uint32_t p, uint32_t k) const {
        return lists[p].ids[static_cast<uint64_t>(slot(p)) * lists[p].size + k];
    }
};

// ---- phase 4: propagate ---------------------------------------------------------------------

/// Every (projection, spike, row segment) item of projections [0, n) at step t, a warp per
/// item over the whole grid; synapses delivered are added to `delivered` (per warp, lane 0).
/// Every thread of the block must call it (it scans the work counts in shared memory).
template <class Spikes>
__device__ void propagate_phase(const ProjectionDesc* projs, uint32_t n, const Spikes& spikes, uint32_t segment_length,
                                uint64_t t, unsigned long long& delivered) {
    __shared__ MergedWork work;
    scan_work(work, n, [&](uint32_t k) {
        const ProjectionDesc& p = projs[k];
        return static_cast<unsigned long long>(spikes.count(p.pre)) * p.row_segments;
    });
    const WarpLoop loop;
    for (unsigned long long w = loop.first; w < work.total(); w += loop.stride) {
        const uint32_t k = work.object_of(w);
        const ProjectionDesc p = projs[k];  // in registers: the synapse loop reloads nothing
        const unsigned long long item = w - work.begin(k);
        const auto spike = static_cast<uint32_t>(item / p.row_segments);
        const auto part = static_cast<uint32_t>(item % p.row_segments);
        const uint32_t i = spikes.local(p.pre, spike);
        const uint64_t row_end = __ldg(p.csr.row_start + i + 1);
        const uint64_t begin = __ldg(p.csr.row_start + i) + static_cast<uint64_t>(part) * segment_length;
        const uint64_t end = begin + segment_length < row_end ? begin + segment_length : row_end;
        if (begin >= end) continue;  // a row shorter than the longest: warp-uniform
        const auto slot_now = static_cast<uint32_t>(t % p.ring.n_slots);
        // Indices and delays never change during a run: read-only loads (__ldg). Weights may
        // (plasticity, within a persistent kernel too): plain loads. Unrolled so that several
        // synapses' loads are in flight before the first atomic needs them.
#pragma unroll 4
        for (uint64_t s = begin + loop.lane; s < end; s += 32) {
            const Fixed weight = to_fixed(p.csr.weight ? p.csr.weight[s] : p.csr.weight_const);
            uint32_t slot = slot_now + (p.csr.delay ? __ldg(p.csr.delay + s) : p.csr.delay_const);
            if (slot >= p.ring.n_slots) slot -= p.ring.n_slots;
            atomicAdd(reinterpret_cast<unsigned long long*>(p.ring.lane(slot, p.receptor) + __ldg(p.csr.post + s)),
                      static_cast<unsigned long long>(weight));  // two's complement: adds signed values too
        }
        if (loop.lane == 0) delivered += end - begin;
    }
}

// ---- phase 5: learn -------------------------------------------------------------------------

/// Slot (t - delay) mod slots without underflow (delay < slots); a slot not yet written still
/// holds a zero count, so early steps see no arrivals.
__device__ inline uint32_t arrival_slot(uint64_t t, uint32_t delay, uint32_t slots) {
    return static_cast<uint32_t>((t + slots - delay) % slots);
}

/// Presynaptic arrivals at step t of plastic projections [0, n): a warp per arriving row.
__device__ inline void arrivals_phase(const LearningDesc* learning, uint32_t n, const SourceHistoryDesc* sources, uint64_t t) {
    __shared__ MergedWork work;
    scan_work(work, n, [&](uint32_t k) {
        const LearningDesc& l = learning[k];
        const SourceHistoryDesc& h = sources[l.source];
        return static_cast<unsigned long long>(h.counts[arrival_slot(t, l.delay_steps, h.slots)]);
    });
    const WarpLoop loop;
    for (unsigned long long w = loop.first; w < work.total(); w += loop.stride) {
        const uint32_t k = work.object_of(w);
        const LearningDesc& l = learning[k];
        const SourceHistoryDesc& h = sources[l.source];
        const uint32_t slot = arrival_slot(t, l.delay_steps, h.slots);
        const uint32_t i = h.ids[static_cast<uint64_t>(slot) * h.size + (w - work.begin(k))];
        if (loop.lane == 0) l.x_pre[i] = trace_after_spike(l.params, l.x_pre[i]);
        if (l.params.rule == PlasticRule::perceptron) continue;  // it only counts arrivals (warp-uniform)
        __syncwarp();
        const float x = l.x_pre[i];
        for (uint64_t s = l.row_start[i] + loop.lane; s < l.row_start[i + 1]; s += 32)
            l.weight[s] = weight_on_pre(l.params, l.weight[s], x, l.y_post[l.post[s]]);
    }
}

/// Postsynaptic spikes of step t of plastic projections [0, n): a warp per spiking neuron's
/// column, through the transposed index. Runs after every arrival of the step. Perceptron
/// projections instead take, at their units' update steps, a warp per unit: a unit whose output
/// differs from its target updates its column.
template <class Spikes>
__device__ void post_spikes_phase(const LearningDesc* learning, uint32_t n, const Spikes& spikes, uint64_t t) {
    __shared__ MergedWork work;
    scan_work(work, n, [&](uint32_t k) {
        const LearningDesc& l = learning[k];
        if (l.params.rule == PlasticRule::perceptron)
            return is_update_step(l.params, t) ? static_cast<unsigned long long>(l.post_size) : 0ull;
        return static_cast<unsigned long long>(spikes.count(l.post_population));
    });
    const WarpLoop loop;
    for (unsigned long long w = loop.first; w < work.total(); w += loop.stride) {
        const uint32_t k = work.object_of(w);
        const LearningDesc& l = learning[k];
        const auto item = static_cast<uint32_t>(w - work.begin(k));
        if (l.params.rule == PlasticRule::perceptron) {
            const float error = l.post_target[item] - l.post_y[item];
            if (error == 0.0f) continue;  // warp-uniform: one unit per warp
            for (uint64_t e = l.column_start[item] + loop.lane; e < l.column_start[item + 1]; e += 32) {
                const uint32_t s = l.column_synapse[e];
                l.weight[s] = weight_on_error(l.params, l.weight[s], l.x_pre[l.column_pre[e]], error);
            }
            continue;
        }
        const uint32_t j = spikes.local(l.post_population, item);
        if (loop.lane == 0) l.y_post[j] = trace_after_spike(l.params, l.y_post[j]);
        __syncwarp();
        const float y = l.y_post[j];
        for (uint64_t e = l.column_start[j] + loop.lane; e < l.column_start[j + 1]; e += 32) {
            const uint32_t s = l.column_synapse[e];
            l.weight[s] = weight_on_post(l.params, l.weight[s], l.x_pre[l.column_pre[e]], y);
        }
    }
}

// ---- phase 6: record ------------------------------------------------------------------------

/// Row `row` of the sampler's buffer = its vars x ids, a grid-stride loop over the grid's x.
__device__ inline void sample_row(const SamplerDesc& d, uint32_t row) {
    const uint64_t values = static_cast<uint64_t>(d.n_vars) * d.n_ids;
    float* out = d.buffer + static_cast<uint64_t>(row) * values;
    for (uint64_t k = blockIdx.x * blockDim.x + threadIdx.x; k < values; k += gridDim.x * blockDim.x)
        out[k] = d.state[d.vars[k / d.n_ids]][d.ids[k % d.n_ids]];
}

/// Whether a sampler takes a sample after step t.
__device__ inline bool sample_due(const SamplerDesc& d, uint64_t t) { return record_due(t, d.every_steps); }

/// The samples a sampler took in steps [t - since_drain, t): its row for step t, computed
/// rather than read from its count, so no kernel has to wait for that count to advance.
__device__ inline uint32_t samples_before(const SamplerDesc& d, uint64_t t, uint32_t since_drain) {
    return static_cast<uint32_t>(t / d.every_steps - (t - since_drain) / d.every_steps);
}

}  // namespace axon::cuda
