#include "cuda_backend.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "../../../kernels/cuda/cuda_check.hpp"
#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/cuda/fused_step.cuh"
#include "../../../kernels/cuda/step_plan.hpp"
#include "../backend_setup.hpp"
#include "../backend_state.hpp"
#include "../device_plan.hpp"
#include "../distributed/shard.hpp"
#include "../model_params.hpp"
#include "axon/errors.hpp"
#include "axon/log.hpp"
#include "axon/memory.hpp"
#include "cuda_device_state.hpp"
#include "cuda_exchange.hpp"
#include "cuda_plan.hpp"
#include "cuda_projection.hpp"
#include "cuda_recording.hpp"
#include "cuda_stepper.hpp"
#include "descriptor.hpp"

namespace axon::detail {
namespace {

// The Backend interface over the parts it composes: the device state (cuda_device_state.hpp),
// the recordings and their drain (cuda_recording.hpp), the step plan (cuda_plan.hpp) and the
// step scheduling (cuda_stepper.hpp). It decides when the host waits for the device and keeps
// the host's step count. In a distributed run (docs/scaling.md, "The CUDA backend") each rank
// holds every neuron's state, steps its own blocks, holds the synapses onto them and trades its
// spikes once per interval (cuda_exchange.hpp); what it answers is the whole network's.
class CudaBackend final : public Backend {
public:
    ~CudaBackend() override {
        cudaSetDevice(device_);  // in a destructor: an error here has nowhere to go
        stepper_.drop_graphs();
        if (stream_.stream) cudaStreamDestroy(stream_.stream);
    }

    std::string_view name() const override { return "cuda"; }

    void load(const Network& net, const BackendOptions& options) override {
        cuda_backend_descriptor().check_options(options);  // the Simulator has, on every rank alike
        CudaOptions cuda_options = options.cuda;
        shard_ = Shard(options.communicator);
        if (shard_.distributed()) choose_device();
        AXON_CUDA_CHECK(cudaGetDevice(&device_));
        plan_.seed = net.seed();
        dt_ = net.dt_ms();
        check_memory(net);
        cuda::device_memory_count.reset_peak();
        AXON_CUDA_CHECK(cudaStreamCreate(&stream_.stream));
        const cudaStream_t stream = stream_.stream;
        if (options.profile) cuda_options.graphs = false;  // events between phases need launches one by one
        plan_.variant = stepper_.variant = cuda_options.step;
        plan_.row_segment = cuda_options.row_segment;
        stepper_.graphs = cuda_options.graphs;
        int sms = 1;
        AXON_CUDA_CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device_));
        plan_.max_blocks = static_cast<uint32_t>(sms) * 8;  // a merged kernel's grid: about one wave
        if (cuda_options.step == CudaStep::persistent) {
            stepper_.persistent_blocks = std::min(cuda::persistent_blocks(), plan_.max_blocks);
            logger().info("cuda: persistent step kernel on {} blocks of 256 threads, {} registers per thread",
                          stepper_.persistent_blocks, cuda::persistent_registers());
        }
        state_.counters.allocate(stream);

        const auto& pops = net.populations();
        state_.pops.resize(pops.size());
        uint64_t neurons = 0;
        for (uint32_t p = 0; p < pops.size(); ++p) {
            state_.pops[p].setup = population_setup(net, p);
            state_.pops[p].first = static_cast<uint32_t>(neurons);
            state_.pops[p].own = shard_.block(state_.pops[p].size());
            neurons += state_.pops[p].size();
        }
        if (neurons > INT32_MAX)  // the step's spike list holds 32-bit ids, compacted by CUB with int counts
            throw CapacityError("the cuda backend runs at most 2147483647 neurons; this network has " +
                                std::to_string(neurons));
        state_.total_neurons = static_cast<uint32_t>(neurons);
        recording_.drain_steps = drain_interval(net);

        std::vector<uint64_t> max_delay(pops.size(), 1);
        host_threads_ = options.threads > 0 ? options.threads : omp_get_max_threads();
        const int host_threads = host_threads_;
        for (uint32_t k = 0; k < net.projections().size(); ++k) {
            if (shard_.distributed())
                state_.projs.push_back(make_gpu_projection_shard(net, ProjectionId{k}, shard_, host_threads, stream,
                                                                 placements_.emplace_back()));
            else
                state_.projs.push_back(make_gpu_projection(net, ProjectionId{k}, host_threads, stream));
            const uint32_t post = net.projections()[k].post.index;
            max_delay[post] = std::max<uint64_t>(max_delay[post], state_.projs.back().max_delay);
        }
        std::vector<InputSetup>& inputs = state_.inputs;
        for (uint32_t k = 0; k < net.poisson_inputs().size(); ++k) {
            inputs.push_back(input_setup(net, k));
            max_delay[inputs.back().target] = std::max<uint64_t>(max_delay[inputs.back().target], inputs.back().delay_steps);
        }
        state_.input_rates.resize(inputs.size());
        max_delay = shard_.reduce(std::move(max_delay), Communicator::Reduction::max);  // rings as in one process
        for (uint32_t p = 0; p < pops.size(); ++p) {
            recording_.add_population(state_.pops[p].setup, stream);
            state_.init_population(p, static_cast<uint32_t>(max_delay[p]), stream);
        }
        for (const SamplerSpec& s : net.samplers()) recording_.add_sampler(net, s, stream);
        for (const WeightRecorderSpec& w : net.weight_recorders())
            recording_.add_weight_recorder(w, synapse_count(w.projection));
        if (cuda_options.step == CudaStep::merged)  // the fused steps append to their lists instead
            stepper_.allocate_merged(state_.total_neurons, static_cast<uint32_t>(state_.pops.size()), stream);
        state_.init_sources(net, cuda_options.step != CudaStep::merged, stream);
        if (shard_.distributed()) init_exchange(net);
        plan_.traces_in_update = !exchange_;
        rebuild_plan();
        if (options.profile && !exchange_) stepper_.init_phases(plan_.launches);  // no phase times distributed
        sync();
    }

    void advance(uint64_t n_steps) override {
        guarded([&] { advance_checked(n_steps); });
    }

    void drain(Recording& into) override {
        guarded([&] { collect_recordings(); });
        if (shard_.distributed()) gather_recordings();
        recording_.move_into(into);
    }

    std::vector<float> read_state(PopulationId id, uint32_t var) const override {
        ensure_usable();
        const GpuPopulation& pop = state_.pops.at(id.index);
        sync();
        return shard_.gather_owned(pop.state.at(var).download(), pop.size());
    }

    void write_state(PopulationId id, uint32_t var, const std::vector<float>& values) override {
        guarded([&] {
            sync();
            state_.pops.at(id.index).state.at(var).upload(values);
        });
    }

    // The input table holds every input's count table: rewrite it whole (same allocation, so
    // captured graphs stay valid; they read the table, not its entries).
    void set_poisson_rate(uint32_t input, double rate_Hz) override {
        guarded([&] {
            sync();
            state_.inputs.at(input).params = poisson_count_params(rate_Hz, dt_);
            state_.input_rates.at(input) = {};
            cuda::InputDesc& desc = plan_.input_entry(input);
            desc.params = state_.inputs[input].params;
            desc.rates = nullptr;
            plan_.upload_inputs();
        });
    }

    void set_poisson_rates(uint32_t input, const std::vector<double>& rates_Hz) override {
        guarded([&] {
            const std::vector<PoissonNeuronRate> rates = poisson_neuron_rates(rates_Hz, dt_);
            sync();
            state_.input_rates.at(input).upload(rates);
            plan_.input_entry(input).rates = state_.input_rates[input].data();
            plan_.upload_inputs();
        });
    }

    void reset_state(const Network& net) override {
        guarded([&] {
            sync();
            state_.reset(net, stream_.stream);
            sync();
        });
    }

    // Writes go into the same allocations (the Simulator checks the sizes), so captured graphs
    // stay valid.
    void set_input_current(PopulationId id, const std::vector<float>& i_pA) override {
        guarded([&] {
            sync();
            state_.pops.at(id.index).i_ext.upload(i_pA);
        });
    }

    Connections read_connections(ProjectionId id) const override {
        ensure_usable();
        const GpuProjection& p = state_.projs.at(id.index);
        sync();
        Connections c;
        c.row_start = p.row_start.download();
        c.post = p.post.download();
        c.weight = p.weight.empty() ? std::vector<float>(p.synapses, p.weight_const) : p.weight.download();
        c.delay_steps = p.delay.empty() ? std::vector<uint16_t>(p.synapses, p.delay_const) : p.delay.download();
        if (!shard_.distributed()) return c;
        const std::vector<uint64_t>& rows = placements_.at(id.index).row_start;
        c.row_start = shard_.whole_row_start(rows);
        c.post = shard_.gather_rows(c.post, rows);
        c.weight = shard_.gather_rows(c.weight, rows);
        c.delay_steps = shard_.gather_rows(c.delay_steps, rows);
        return c;
    }

    void write_weights(ProjectionId id, const std::vector<float>& weights) override {
        guarded([&] {
            sync();
            GpuProjection& p = state_.projs.at(id.index);
            const bool was_constant = p.weight.empty();
            p.weight.upload(shard_.distributed() ? own_synapses(id.index, weights) : weights);
            if (was_constant) rebuild_plan();  // per-synapse weights now: the plan's pointer changes
        });
    }

    uint64_t synapse_count(ProjectionId id) const override {
        return shard_.distributed() ? placements_.at(id.index).global_synapses : state_.projs.at(id.index).synapses;
    }

    BackendCounters counters() const override {
        ensure_usable();
        sync();
        const std::vector<unsigned long long> c = state_.counters.events.download();
        BackendCounters out;
        out.steps = step_;
        out.synaptic_events = c[0];
        out.input_events = c[1];
        out.phases = stepper_.phase_totals();
        out.threads = host_threads_;
        out.peak_device_bytes = cuda::device_memory_count.peak.load();
        out.kernels = stepper_.kernels();
        out.host_launches = stepper_.host_launches();
        out.host_syncs = stream_.host_syncs;
        if (exchange_) out.exchanges = exchange_->exchanges();
        out.communication_s = communication_s_;
        return out;
    }

    BackendState save_state() const override {
        ensure_usable();
        sync();
        BackendState s;
        s.step = step_;
        state_.save(step_, s);
        if (shard_.distributed()) gather_state(s);
        return s;
    }

    void restore_state(const BackendState& s) override {
        ensure_usable();
        check_fits(s, shape());
        guarded([&] {
            sync();
            collect_recordings();  // what ran before stays recorded
            const bool replanned = state_.restore(shard_.distributed() ? own_state(s) : s);
            step_ = s.step;
            recording_.steps_since_drain = 0;
            state_.counters.set_clock(step_, 0);  // the kernels of the next step read it (fused_step.cuh)
            if (replanned) rebuild_plan();
            sync();
        });
    }

private:
    void sync() const { stream_.sync(); }

    // Also makes this backend's device the calling thread's (a program may call from several).
    void ensure_usable() const {
        if (failed_) throw BackendError("cuda: an earlier error left the simulation in an unknown state; build a new Simulator");
        AXON_CUDA_CHECK(cudaSetDevice(device_));
    }

    // Runs a change of device state; an error part way leaves the device and the host out of
    // step (a part of a chunk run, a plan half rewritten), so nothing after it is trusted.
    template <class Fn>
    void guarded(Fn fn) {
        ensure_usable();
        try {
            fn();
        } catch (...) {
            failed_ = true;
            throw;
        }
    }

    void advance_checked(uint64_t n_steps) {
        while (n_steps > 0) {
            // Run up to the next point the host must act: a drain or a weight snapshot.
            uint64_t chunk = std::min(n_steps, recording_.drain_steps - recording_.steps_since_drain);
            for (const WeightSeries& w : recording_.weight_series)
                chunk = std::min<uint64_t>(chunk, w.every_steps - step_ % w.every_steps);
            if (exchange_) {  // distributed: one communication interval at a time
                chunk = std::min<uint64_t>(chunk, interval_);
                run_interval(static_cast<uint32_t>(chunk));
            } else {
                stepper_.run_steps(chunk, plan_, state_.counters, stream_);
            }
            n_steps -= chunk;
            step_ += chunk;
            recording_.steps_since_drain += chunk;
            recording_.take_weight_snapshots(step_, state_.projs, stream_);
            if (recording_.steps_since_drain == recording_.drain_steps) collect_recordings();
        }
    }

    // One communication interval of a distributed run: the local halves of its steps, the
    // exchange, then the shared halves from the same step (the clock set back to it).
    void run_interval(uint32_t steps) {
        for (uint32_t k = 0; k < steps; ++k)
            stepper_.enqueue_local_step(plan_, state_.counters, exchange_->staged_ids(k), exchange_->staged_count(k),
                                        exchange_->own(), stream_.stream);
        sync();  // the device's work is not communication
        const auto start = std::chrono::steady_clock::now();
        exchange_->exchange(steps, stream_);
        communication_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state_.counters.set_clock(step_, static_cast<uint32_t>(recording_.steps_since_drain));
        for (uint32_t k = 0; k < steps; ++k)
            stepper_.enqueue_shared_step(plan_, state_.counters, exchange_->ids(k), exchange_->count(k), stream_.stream);
    }

    // Distributed: the device of this rank (one GPU per rank on each machine) ...
    void choose_device() {
        int devices = 0;
        AXON_CUDA_CHECK(cudaGetDeviceCount(&devices));
        if (devices == 0) throw BackendError("cuda: no CUDA device here");
        const int device = shard_.comm().local_rank() % devices;
        AXON_CUDA_CHECK(cudaSetDevice(device));
        logger().debug("rank {} of {}: cuda device {} of {}", shard_.rank(), shard_.ranks(), device, devices);
    }

    // ... and its exchange: every `interval_` steps, the network's smallest delay at most, and
    // as many as kExchangeBufferBytes of whole spike lists hold at their longest.
    void init_exchange(const Network& net) {
        uint64_t min_delay = UINT16_MAX;
        for (const ShardPlacement& at : placements_) min_delay = std::min<uint64_t>(min_delay, at.min_delay);
        bool perceptron = false;
        for (const ProjectionSpec& spec : net.projections())
            perceptron |= spec.plasticity.kind == Plasticity::Kind::perceptron;
        const uint64_t most =
            std::clamp<uint64_t>(kExchangeBufferBytes / (4 * std::max<uint64_t>(state_.total_neurons, 1)), 1, kMaxExchangeInterval);
        interval_ = exchange_interval(shard_.comm(), min_delay, most, perceptron);
        exchange_ = std::make_unique<CudaSpikeExchange>(shard_.comm(), state_.pops, interval_);
        for (const SamplerSpec& spec : net.samplers()) {
            std::vector<int>& owner = sampler_owner_.emplace_back();
            for (const uint32_t neuron : spec.neurons) owner.push_back(shard_.owner(net.population(spec.population).size, neuron));
        }
        logger().debug("rank {} of {}: spikes exchanged every {} steps", shard_.rank(), shard_.ranks(), interval_);
    }

    // Distributed, after a collect: each rank's samples of its own neurons and its synapses'
    // weight snapshots, gathered into the whole network's (collective).
    void gather_recordings() {
        for (std::size_t k = 0; k < recording_.samplers.size(); ++k) {
            SampleSeries& series = recording_.samplers[k].pending;
            const std::vector<int>& owner = sampler_owner_[k];
            std::vector<float> mine;
            for (std::size_t at = 0; at < series.values.size(); ++at)
                if (owner[at % owner.size()] == shard_.rank()) mine.push_back(series.values[at]);
            series.values = shard_.gather_columns(mine, owner, owner.empty() ? 0 : series.values.size() / owner.size());
        }
        for (WeightSeries& w : recording_.weight_series)
            w.values = shard_.gather_rows(w.values, placements_[w.projection.index].row_start, w.steps.size());
    }

    // Distributed: the whole network's state from each rank's own blocks and synapses
    // (collective; `s` holds this rank's device state).
    void gather_state(BackendState& s) const {
        for (std::size_t p = 0; p < state_.pops.size(); ++p) {
            const GpuPopulation& pop = state_.pops[p];
            PopulationState& out = s.populations[p];
            for (std::vector<float>& var : out.state) var = shard_.gather_owned(var, pop.size());
            if (!out.i_ext.empty()) out.i_ext = shard_.gather_owned(out.i_ext, pop.size());
            if (!out.ring.empty())
                out.ring = shard_.gather_owned_segments(out.ring, std::size_t{pop.n_slots} * pop.setup.n_receptors, pop.size());
        }
        // Which projections have per-synapse weights, agreed: a rank may hold none of a
        // projection's synapses, and set_weights may have run on some ranks only.
        std::vector<uint64_t> per_synapse;
        for (const GpuProjection& p : state_.projs) per_synapse.push_back(!p.weight.empty());
        per_synapse = shard_.reduce(std::move(per_synapse), Communicator::Reduction::max);
        for (std::size_t k = 0; k < state_.projs.size(); ++k) {
            const GpuProjection& p = state_.projs[k];
            ProjectionState& out = s.projections[k];
            out.synapses = placements_[k].global_synapses;
            if (per_synapse[k]) {
                if (out.weights.empty()) out.weights.assign(p.synapses, p.weight_const);
                out.weights = shard_.gather_rows(out.weights, placements_[k].row_start);
            }
            if (p.learning) out.y_post = shard_.gather_owned(out.y_post, state_.pops[state_.projection_ends[k].post].size());
        }
    }

    // Distributed: this rank's part of a whole network's state (its synapses' weights; the
    // neuron state goes to every rank whole).
    BackendState own_state(const BackendState& whole) const {
        BackendState s = whole;
        for (std::size_t k = 0; k < state_.projs.size(); ++k) {
            ProjectionState& p = s.projections[k];
            p.synapses = state_.projs[k].synapses;
            if (!p.weights.empty()) p.weights = own_synapses(k, p.weights);
        }
        return s;
    }

    std::vector<float> own_synapses(std::size_t projection, const std::vector<float>& whole) const {
        const ShardPlacement& at = placements_.at(projection);
        return shard_.slice_rows(whole, at.row_start, at.global_first);
    }

    // The shape of what save_state returns: the whole network's.
    StateShape shape() const {
        StateShape shape = state_.shape();
        for (std::size_t k = 0; k < placements_.size(); ++k) shape.projections[k].synapses = placements_[k].global_synapses;
        return shape;
    }

    // The routine synchronisation point (cuda_recording.hpp).
    void collect_recordings() { recording_.collect(step_, state_.counters, stream_); }

    // (Re)writes the tables and drops captured graphs: after construction, and whenever an
    // allocation a kernel sees has changed.
    void rebuild_plan() {
        sync();
        stepper_.drop_graphs();
        plan_.rebuild(state_, recording_);
    }

    // What load() will allocate on the device (the cuda memory plan: engine/src/device_plan.hpp),
    // counted before anything is.
    void check_memory(const Network& net) const {
        size_t free_bytes = 0, total_bytes = 0;
        AXON_CUDA_CHECK(cudaMemGetInfo(&free_bytes, &total_bytes));
        MemoryPlan plan = estimate_memory(net, "cuda", shard_.ranks());
        const uint64_t bytes = plan.total_bytes();
        if (bytes <= free_bytes) return;
        std::sort(plan.parts.begin(), plan.parts.end(),
                  [](const MemoryPart& a, const MemoryPart& b) { return a.bytes > b.bytes; });
        std::string largest;
        for (std::size_t k = 0; k < plan.parts.size() && k < 3; ++k)
            largest += (k ? ", " : "") + plan.parts[k].name + " " + format_bytes(plan.parts[k].bytes);
        throw CapacityError("network needs about " + format_bytes(bytes) + " of device memory but only " +
                            format_bytes(free_bytes) + " of " + format_bytes(total_bytes) + " is free (" +
                            std::to_string(plan.neurons) + " neurons, " + std::to_string(plan.expected_synapses) +
                            " synapses; largest parts: " + largest + ")");
    }

    CudaStream stream_;
    int device_ = 0;
    double dt_ = 0.1;
    int host_threads_ = 1;  // CPU threads of construction
    Step step_ = 0;
    CudaDeviceState state_;  // populations, projections, inputs, spike histories, the clock and counters
    CudaRecording recording_;  // recording buffers, samplers, weight series, the drain
    CudaPlan plan_;            // the descriptor tables the kernels read
    CudaStepper stepper_;      // the step variants, graphs, profiling events, launch counts
    bool failed_ = false;      // an error mid-run: the device state is unknown

    // Distributed runs only.
    Shard shard_;                                  // this rank's blocks (alone: the whole network)
    std::unique_ptr<CudaSpikeExchange> exchange_;
    uint32_t interval_ = 1;                        // steps between exchanges
    std::vector<ShardPlacement> placements_;       // per projection: where this rank's synapses sit
    std::vector<std::vector<int>> sampler_owner_;  // per sampler: the rank of each of its neurons
    double communication_s_ = 0;
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend() { return std::make_unique<CudaBackend>(); }

}  // namespace axon::detail
