/// @file simulator.hpp
/// The host-side scheduler: builds a Network on a backend, runs it, records, and calls
/// user callbacks for closed-loop use.
#pragma once
#include "axon/export.hpp"
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "axon/backend.hpp"
#include "axon/communicator.hpp"
#include "axon/network.hpp"
#include "axon/record.hpp"

namespace axon AXON_API {

struct SimulatorOptions {
    std::string backend = "cpu";  ///< "cpu", "cuda" or "auto"
    int threads = 0;              ///< CPU threads; 0 = OpenMP's default
    CudaOptions cuda{};           ///< how the cuda backend runs (never what it computes)
    bool profile = false;         ///< time each pipeline phase (RunStats::phases); slower on cuda
    /// A distributed run over these processes (axon/mpi.hpp, docs/scaling.md); null: one process.
    /// Every rank then makes the same calls in the same order, and every answer is the whole
    /// network's, the same on every rank and as a one-process run's.
    std::shared_ptr<Communicator> communicator = nullptr;
};

/// Figures of a simulator's life so far.
struct RunStats {
    double construction_s = 0;  ///< wall time of building the network on the backend
    double simulation_s = 0;    ///< wall time spent in run()
    Step steps = 0;
    int threads = 0;  ///< CPU threads in use (SimulatorOptions::threads resolved)
    uint64_t synapses = 0;
    uint64_t synaptic_events = 0;
    uint64_t input_events = 0;
    std::vector<PhaseTime> phases;  ///< per pipeline phase, when SimulatorOptions::profile
    uint64_t peak_device_memory_bytes = 0;  ///< GPU backends: the most Axon held on the device at once
    uint64_t kernels = 0;        ///< GPU backends: step kernels run (inside graphs too)
    uint64_t host_launches = 0;  ///< GPU backends: launch calls (kernels and graphs)
    uint64_t host_syncs = 0;     ///< GPU backends: times the host waited for the device
    /// Distributed runs: this rank's spike exchanges and the wall time in them (synaptic_events
    /// and input_events are this rank's too: its share of the network).
    uint64_t exchanges = 0;
    double communication_s = 0;
    double simulated_ms(double dt_ms) const { return static_cast<double>(steps) * dt_ms; }
    /// Wall time per simulated time (lower is better).
    double real_time_factor(double dt_ms) const;
};

class Simulator {
public:
    using Callback = std::function<void(Simulator&)>;

    /// Validates and builds `net` on the chosen backend; the construction time is measured.
    /// @throws ConfigError, CapacityError, BackendError; nothing is kept on failure.
    explicit Simulator(Network net, SimulatorOptions options = {});
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    /// Advance by duration_ms (rounded to whole steps). Callable repeatedly, but not from a
    /// callback (ConfigError: a callback steers the run it is called from).
    /// @throws CapacityError before anything runs when the samples and weight snapshots the run
    /// would record exceed the available host memory.
    void run(double duration_ms);

    /// Call `fn` after every `every_steps` steps (counted from step 0). Callbacks may read
    /// spikes and state and change input currents; they run in registration order.
    void every(Step every_steps, Callback fn);

    /// Constant input current of all neurons of a population with state (pA; input units for
    /// binary and rate units), from the next step.
    void set_input_current(PopulationId population, double i_pA);
    void set_input_current(PopulationId population, const std::vector<float>& i_pA);
    /// Rate of Poisson input `input` (its index: the order of add_poisson_input, or
    /// Network::poisson_input_index(name)) from the next step, in the range add_poisson_input
    /// allows. The draws stay counter-based: the same calls give the same spikes.
    void set_poisson_rate(uint32_t input, double rate_Hz);
    /// A rate per neuron of the input's target population (rates_Hz[i] for neuron i), each in
    /// the same range, from the next step, until set_poisson_rate sets one rate for all again.
    /// A neuron whose rate equals the one-rate-for-all value draws the same counts as it would
    /// under set_poisson_rate (the same uniforms and the same recurrence). Costs 16 bytes per
    /// neuron while set. @throws ConfigError for another count than the target's size, or the
    /// first rate out of range (its index).
    void set_poisson_rates(uint32_t input, const std::vector<double>& rates_Hz);
    /// Set a state variable of every neuron (one value for all, or one per neuron), from the
    /// next step. @throws ConfigError for a variable the model lacks, a wrong count or a
    /// non-finite value.
    void set_state(PopulationId population, const StateVar& var, const std::vector<float>& values);
    void set_state(PopulationId population, const StateVar& var, double value);
    /// For repeated trials: every population's state variables and input currents back to their
    /// initial values (the same draws as at the start), input in flight and plasticity traces
    /// cleared. Weights (learned ones too), recordings and the step count stay: the next trial
    /// continues the time line and its random numbers.
    void reset_state();
    /// The population's spikes recorded so far, moved out: the simulator keeps none of them
    /// (for long runs that hand spikes on in pieces).
    SpikeTrain take_spikes(PopulationId population);
    /// Hand every recorded population's new spikes to `sink` at least every `every_steps` steps
    /// (and at the end of each run), in step order; the simulator then keeps none of them, so a
    /// run of any length holds at most `every_steps` steps of spikes. Sinks run in registration
    /// order, each seeing every population's new spikes; like callbacks they may not call run().
    using SpikeSink = std::function<void(PopulationId, const SpikeTrain&)>;
    void on_spikes(SpikeSink sink, Step every_steps = 1000);

    /// Write the whole state of the run (every population's state and input current, input and
    /// spikes on their way, weights, plasticity traces, Poisson rates, the step count) to `path`,
    /// atomically: a file there is replaced only by a complete new one. Recordings are not in
    /// it. The format: docs/file-format.md, "Checkpoints". Callable between runs and from a
    /// callback (it then holds the state when it is called: changes that later callbacks make
    /// at the same step are not in it). @throws Error naming the file when it cannot be written.
    void save_checkpoint(const std::string& path) const;
    /// Continue from a checkpoint of the same network (the same description; backend, threads
    /// and recording may differ): the state is replaced and the run goes on as the one that wrote
    /// it would have, bit for bit. What was recorded so far stays; runs after it append.
    /// Callbacks and sinks stay registered. stats() then counts steps on the restored time line
    /// but wall times and events of this simulator's own work. Not callable from a callback.
    /// @throws ConfigError naming the file and what is wrong (unreadable, not a checkpoint, another
    /// format or Axon version, truncated or corrupt, another network: the part that differs),
    /// with the simulator unchanged.
    void restore(const std::string& path);

    /// Ask a run to stop at its next chunk boundary (at most kStopCheckSteps steps away); safe to
    /// call from a signal handler or another thread. run() then returns early with everything
    /// up to that step recorded; stop_requested() stays true until clear_stop().
    void request_stop() noexcept { stop_.store(true, std::memory_order_relaxed); }
    bool stop_requested() const noexcept { return stop_.load(std::memory_order_relaxed); }
    void clear_stop() noexcept { stop_.store(false, std::memory_order_relaxed); }
    /// The longest stretch a run goes without checking for a stop request.
    static constexpr Step kStopCheckSteps = 4096;

    const Network& network() const { return net_; }
    const std::string& backend_name() const { return backend_name_; }
    /// The ranks of a distributed run (SimulatorOptions::communicator); null in one process.
    const std::shared_ptr<Communicator>& communicator() const { return communicator_; }
    Step current_step() const { return step_; }
    double time_ms() const { return static_cast<double>(step_) * net_.dt_ms(); }

    /// Spikes recorded so far (empty unless the population is recorded).
    const SpikeTrain& spikes(PopulationId population) const;
    const SampleSeries& samples(SamplerId sampler) const;
    const Recording& recording() const { return recording_; }
    /// A state variable of the population's model (model_info(model).state), one value per neuron.
    /// @throws ConfigError naming the variables the model has.
    std::vector<float> state(PopulationId population, const StateVar& var) const;
    Connections connections(ProjectionId projection) const;
    /// A projection's current weights, CSR order (as connections(projection).weight).
    std::vector<float> weights(ProjectionId projection) const;
    /// Set every weight of a projection (CSR order). @throws ConfigError on a wrong count,
    /// non-finite values, or values outside a plastic projection's bounds.
    void set_weights(ProjectionId projection, const std::vector<float>& weights);
    const WeightSeries& weight_snapshots(uint32_t recorder) const;
    uint64_t synapse_count(ProjectionId projection) const;
    RunStats stats() const;

private:
    void check_projection(ProjectionId projection) const;
    /// The index of `var` in the population's model. @throws ConfigError naming the variables.
    uint32_t state_index(PopulationId population, const StateVar& var) const;
    /// Bytes of samples and weight snapshots that `steps` more steps record.
    double recorded_bytes(Step steps) const;
    /// Sets the rows of the network's current steps that start at the current step.
    void apply_current_steps();
    /// Steps until the next callback or current-steps boundary, at most `limit`.
    Step steps_to_boundary(Step limit) const;
    struct Periodic {
        Step every_steps;
        Callback fn;
    };
    Network net_;
    std::shared_ptr<Communicator> communicator_;  ///< distributed runs only
    std::string backend_name_;
    std::unique_ptr<Backend> backend_;
    Recording recording_;
    std::vector<Periodic> callbacks_;
    std::vector<SpikeSink> sinks_;
    Step sink_every_ = 0;  ///< the shortest interval a sink asked for (0: no sink)
    void hand_spikes_to_sinks();
    std::vector<Step> current_steps_applied_;  ///< the step each schedule last set a row at
    const PoissonInputSpec& checked_poisson_input(uint32_t input) const;
    /// Each Poisson input's rate now (for checkpoints): one value for all its neurons, or one per neuron.
    std::vector<std::vector<double>> poisson_rates_;
    bool in_callback_ = false;
    std::atomic<bool> stop_{false};
    Step step_ = 0;
    double construction_s_ = 0;
    double simulation_s_ = 0;
};

}  // namespace axon
