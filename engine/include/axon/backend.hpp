/// @file backend.hpp
/// The interface between the Simulator (host scheduler) and a backend that holds the
/// network state and runs the step pipeline. `cpu` is always compiled in; `cuda` in builds
/// with the CUDA toolkit, and it runs where a device is present.
#pragma once
#include "axon/export.hpp"
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "axon/communicator.hpp"
#include "axon/cuda_options.hpp"
#include "axon/models.hpp"
#include "axon/network.hpp"
#include "axon/record.hpp"
#include "axon/types.hpp"

namespace axon AXON_API {

/// Run-time options of a backend: the common ones, and each backend's own (kept with it).
struct BackendOptions {
    int threads = 0;  ///< CPU threads; 0 = OpenMP's default. Results never depend on it.
    CudaOptions cuda{};  ///< axon/cuda_options.hpp
    /// Time each phase of the step pipeline (BackendCounters::phases). On the cuda backend
    /// this launches step by step with a synchronisation per step: for breakdowns, not speed.
    bool profile = false;
    /// A distributed run (docs/scaling.md): this process simulates its rank's share; null: the
    /// whole network here. Backends that cannot run distributed refuse it when loading.
    Communicator* communicator = nullptr;
};

/// Wall time a backend spent in one phase of its step pipeline (when profiling).
struct PhaseTime {
    std::string phase;
    double seconds = 0;
};

/// Synapses of one projection in CSR order (rows by presynaptic neuron, posts ascending).
struct Connections {
    std::vector<uint64_t> row_start;  ///< n_pre + 1 offsets
    std::vector<uint32_t> post;
    std::vector<float> weight;         ///< one per synapse
    std::vector<uint16_t> delay_steps; ///< one per synapse
};

/// Counters a backend keeps while running.
struct BackendCounters {
    uint64_t steps = 0;
    uint64_t synaptic_events = 0;  ///< spikes delivered x targets, over all projections
    uint64_t input_events = 0;     ///< Poisson input kicks delivered
    int threads = 0;               ///< CPU threads the backend runs with (cuda: for construction)
    std::vector<PhaseTime> phases; ///< time per pipeline phase, in pipeline order (profiling only)
    /// GPU backends: the most device memory Axon held at once since this backend started loading
    /// (bytes; other simulators alive in the process count too).
    uint64_t peak_device_bytes = 0;
    /// GPU backends: kernels run by the step pipeline (those inside CUDA Graphs too), the
    /// host's launch calls (kernels and graphs), and the times the host waited for the device.
    uint64_t kernels = 0;
    uint64_t host_launches = 0;
    uint64_t host_syncs = 0;
    /// Distributed runs: spike exchanges (one per communication interval, a collective each)
    /// and the wall time spent in them, waiting for the other ranks included.
    uint64_t exchanges = 0;
    double communication_s = 0;
};

/// One population's dynamic state, as every backend lays it out for checkpoints.
struct PopulationState {
    std::vector<std::vector<float>> state;  ///< the model's state variables, in its order
    std::vector<float> i_ext;               ///< input current per neuron (empty: a model without state)
    /// Input on its way (fixed point, 2^32 = 1): [k][lane][neuron], k = 0 the input that arrives at
    /// the next step, k = 1 the step after, ...; ring_slots values of k. Empty: takes no input.
    std::vector<int64_t> ring;
    uint32_t ring_slots = 0;
};

/// One projection's dynamic state, as every backend lays it out for checkpoints.
struct ProjectionState {
    uint64_t synapses = 0;
    std::vector<float> weights;  ///< CSR order; empty while every synapse has weight_const
    float weight_const = 0;
    std::vector<float> x_pre, y_post;  ///< plastic: the traces (empty for a static projection)
    /// Plastic: the presynaptic spikes on their way to the synapses; in_flight[k] holds the
    /// neurons (ascending) that fired k + 1 steps before the next step, for k < the delay.
    std::vector<std::vector<uint32_t>> in_flight;
};

/// Everything a backend's next step reads, in an order no backend's memory layout shapes, so a
/// state saved on one backend restores on another (Simulator::save_checkpoint). Counter-based
/// random numbers need no state: the step count gives them.
struct BackendState {
    Step step = 0;  ///< the next step to compute
    std::vector<PopulationState> populations;
    std::vector<ProjectionState> projections;
};

class Backend {
public:
    virtual ~Backend() = default;
    virtual std::string_view name() const = 0;
    /// Build the network's state and synapses. @throws ConfigError, CapacityError.
    virtual void load(const Network& net, const BackendOptions& options) = 0;
    /// Run the step pipeline n_steps times.
    virtual void advance(uint64_t n_steps) = 0;
    /// Move the spikes, samples and weight snapshots recorded since the last drain into `into`.
    virtual void drain(Recording& into) = 0;
    /// State variable `var` (an index into model_info(model).state) of every neuron.
    virtual std::vector<float> read_state(PopulationId population, uint32_t var) const = 0;
    /// Constant input current (pA), one value per neuron.
    virtual void set_input_current(PopulationId population, const std::vector<float>& i_pA) = 0;
    /// Replace state variable `var` (an index into the model's state) of every neuron.
    virtual void write_state(PopulationId population, uint32_t var, const std::vector<float>& values) = 0;
    /// The rate of Poisson input `input` (its index in Network::poisson_inputs()) from the next step.
    virtual void set_poisson_rate(uint32_t input, double rate_Hz) = 0;
    /// A rate per neuron of the input's target population (rates_Hz[i] for neuron i, checked by
    /// the Simulator) from the next step, until set_poisson_rate sets one rate for all again.
    virtual void set_poisson_rates(uint32_t input, const std::vector<double>& rates_Hz) = 0;
    /// Every population's state and input current back to their initial values, input in flight
    /// and plasticity traces cleared; weights and the step count stay.
    virtual void reset_state(const Network& net) = 0;
    virtual Connections read_connections(ProjectionId projection) const = 0;
    /// Replace a projection's weights (CSR order, one per synapse).
    virtual void write_weights(ProjectionId projection, const std::vector<float>& weights) = 0;
    virtual uint64_t synapse_count(ProjectionId projection) const = 0;
    virtual BackendCounters counters() const = 0;
    /// The whole dynamic state (called between runs, with the recordings drained).
    virtual BackendState save_state() const = 0;
    /// Replace the whole dynamic state (Poisson rates apart: set_poisson_rate). Counters stay.
    /// @throws ConfigError, before anything changes, where `state` does not fit this network.
    virtual void restore_state(const BackendState& state) = 0;
};

/// A CUDA device found at run time.
struct DeviceDescription {
    int index = 0;
    std::string name;
    uint64_t memory_bytes = 0;
    int cc_major = 0;  ///< compute capability
    int cc_minor = 0;
    int multiprocessors = 0;
    double memory_bandwidth_GBps = 0;  ///< peak device memory bandwidth (10^9 B/s)
};

/// CUDA devices visible to this process; empty in a CPU-only build or without a driver.
std::vector<DeviceDescription> cuda_devices();

/// Names of the backends compiled into this build: "cpu", and "cuda" in CUDA builds.
std::vector<std::string> compiled_backends();
/// Whether a backend can run here (compiled in and, for a GPU backend, a device present).
bool backend_available(std::string_view name);
/// Whether a compiled backend runs a neuron model. Both backends run every model of
/// AXON_NEURON_MODELS through the same list (a model's step is one function for both); a
/// backend that cannot run one says so here, and Simulator refuses the network before loading.
bool backend_supports(std::string_view backend, NeuronModel model);
/// Whether a compiled backend can be a rank of a distributed run (BackendOptions::communicator).
bool backend_runs_distributed(std::string_view backend);
/// "auto" resolves to "cuda" when available, else "cpu". @throws BackendError.
std::string resolve_backend(std::string_view name);
/// @throws BackendError for an unknown or unavailable backend.
std::unique_ptr<Backend> make_backend(std::string_view name);
/// What a memory plan for this backend is measured against here, as text: the host memory
/// available (cpu), the first device's memory and name, or that there is no device (cuda).
/// @throws BackendError for an unknown backend.
std::string backend_memory_here(std::string_view name);

}  // namespace axon
