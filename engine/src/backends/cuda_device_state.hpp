// The CUDA backend's simulation state in device memory: populations, projections, Poisson
// inputs, the plastic spike histories and the few words every step counts into, with the
// stream they are used on. The backend (cuda_backend.cpp) composes it with the step plan
// (cuda_plan.hpp), the recordings (cuda_recording.hpp) and the stepper (cuda_stepper.hpp).
#pragma once
#include <cuda_runtime.h>

#include <cstdint>
#include <vector>

#include "../../../kernels/cuda/cuda_check.hpp"
#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/cuda/step_plan.hpp"
#include "../backend_setup.hpp"
#include "../backend_state.hpp"
#include "../distributed/shard.hpp"
#include "axon/network.hpp"
#include "cuda_projection.hpp"

namespace axon::detail {

/// The backend's one stream and its count of host waits: every wait for the stream goes
/// through sync(), so that the waits can be counted.
struct CudaStream {
    cudaStream_t stream = nullptr;
    mutable uint64_t host_syncs = 0;

    void sync() const {
        ++host_syncs;
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream));
    }
};

struct GpuPopulation {
    PopulationSetup setup;
    uint32_t first = 0;  ///< global id of neuron 0 in the step's spike list
    /// The neurons this rank steps: all, or its block in a distributed run (the state arrays
    /// still hold every neuron: see docs/scaling.md, "The CUDA backend").
    NeuronRange own;
    std::vector<cuda::DeviceBuffer<float>> state;  // the model's state variables, in its order
    cuda::DeviceBuffer<float> i_ext;
    cuda::DeviceBuffer<Fixed> ring;
    cuda::DeviceBuffer<uint64_t> replay_start, replay_step;  // spike_source only
    uint32_t n_slots = 1;

    uint32_t size() const { return setup.size; }
    /// The state arrays as a descriptor table's pointers (null past the model's last).
    void state_pointers(float* (&out)[kMaxStateVars]) {
        for (uint32_t v = 0; v < kMaxStateVars; ++v) out[v] = v < state.size() ? state[v].data() : nullptr;
    }
    RingView ring_view() { return RingView{ring.data(), n_slots, setup.n_receptors, setup.size}; }
};

/// The recent spikes of a population (kernels/cuda/step_plan.hpp: SourceHistoryDesc): the
/// merged step's history of a plastic source, or a fused step's spike list ring.
struct GpuSourceHistory {
    uint32_t population = 0, slots = 1;
    cuda::DeviceBuffer<uint32_t> ids, counts;
};

struct ProjectionEnds {
    uint32_t pre, post, receptor;
};

/// The device words the step kernels count into besides the network's state.
struct GpuStepCounters {
    cuda::DeviceBuffer<unsigned long long> events;  // synaptic events, input kicks
    cuda::DeviceBuffer<uint32_t> overflow;          // a recording buffer would have overflowed
    cuda::DeviceBuffer<cuda::DeviceClock> clock;    // the step, and steps since the last drain

    void allocate(cudaStream_t stream);
    /// The clock at `step`, `since_drain` steps after the last drain (a synchronous copy,
    /// after the stream's work so far).
    void set_clock(Step step, uint32_t since_drain);
};

struct CudaDeviceState {
    uint32_t total_neurons = 0;
    std::vector<GpuPopulation> pops;
    std::vector<GpuProjection> projs;
    std::vector<ProjectionEnds> projection_ends;  // per projection of the network
    std::vector<InputSetup> inputs;
    std::vector<cuda::DeviceBuffer<PoissonNeuronRate>> input_rates;  // per input: its rates per neuron, or none
    std::vector<GpuSourceHistory> sources;
    std::vector<uint32_t> source_of;  // population -> its index in sources
    GpuStepCounters counters;

    /// Population p's state, input current and ring (the ring `max_delay + 1` slots long).
    void init_population(uint32_t p, uint32_t max_delay, cudaStream_t stream);
    /// The spike histories (merged: of each plastic source; fused: of every population) and the
    /// projections' ends.
    void init_sources(const Network& net, bool fused, cudaStream_t stream);

    /// The initial state of `net` again (Backend::reset_state), between the caller's syncs.
    void reset(const Network& net, cudaStream_t stream);
    /// Populations, projections and spike histories as `s` holds them (already checked to fit);
    /// true where a constant-weight projection got per-synapse weights (the plan must change).
    bool restore(const BackendState& s);
    /// Populations and projections at step `step` into `s` (after a sync).
    void save(Step step, BackendState& s) const;
    StateShape shape() const;

private:
    std::vector<std::vector<uint32_t>> recent_spikes(const GpuSourceHistory& h, Step step) const;
    void restore_recent_spikes(GpuSourceHistory& h, const BackendState& s);
};

}  // namespace axon::detail
