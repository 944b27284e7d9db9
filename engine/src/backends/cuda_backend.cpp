#include "cuda_backend.hpp"

#include <omp.h>

#include <algorithm>
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
#include "../model_params.hpp"
#include "axon/errors.hpp"
#include "axon/log.hpp"
#include "axon/memory.hpp"
#include "cuda_device_state.hpp"
#include "cuda_plan.hpp"
#include "cuda_projection.hpp"
#include "cuda_recording.hpp"
#include "cuda_stepper.hpp"

namespace axon::detail {
namespace {

// The Backend interface over the parts it composes: the device state (cuda_device_state.hpp),
// the recordings and their drain (cuda_recording.hpp), the step plan (cuda_plan.hpp) and the
// step scheduling (cuda_stepper.hpp). It decides when the host waits for the device and keeps
// the host's step count.
class CudaBackend final : public Backend {
public:
    ~CudaBackend() override {
        stepper_.drop_graphs();
        if (stream_.stream) cudaStreamDestroy(stream_.stream);
    }

    std::string_view name() const override { return "cuda"; }

    void load(const Network& net, const BackendOptions& options) override {
        CudaOptions cuda_options = options.cuda;
        if (cuda_options.row_segment % 32 != 0)
            throw ConfigError("cuda.row_segment: " + std::to_string(cuda_options.row_segment) +
                              " is not allowed (0 for a warp per row, or a multiple of 32)");
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
        int device = 0, sms = 1;
        AXON_CUDA_CHECK(cudaGetDevice(&device));
        AXON_CUDA_CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device));
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
            neurons += state_.pops[p].size();
        }
        if (neurons > INT32_MAX)  // the step's spike list holds 32-bit ids, compacted by CUB with int counts
            throw CapacityError("the cuda backend runs at most 2147483647 neurons; this network has " +
                                std::to_string(neurons));
        state_.total_neurons = static_cast<uint32_t>(neurons);
        recording_.drain_steps = drain_interval(net);

        std::vector<uint32_t> max_delay(pops.size(), 1);
        host_threads_ = options.threads > 0 ? options.threads : omp_get_max_threads();
        const int host_threads = host_threads_;
        for (uint32_t k = 0; k < net.projections().size(); ++k) {
            state_.projs.push_back(make_gpu_projection(net, ProjectionId{k}, host_threads, stream));
            const uint32_t post = net.projections()[k].post.index;
            max_delay[post] = std::max(max_delay[post], state_.projs.back().max_delay);
        }
        std::vector<InputSetup>& inputs = state_.inputs;
        for (uint32_t k = 0; k < net.poisson_inputs().size(); ++k) {
            inputs.push_back(input_setup(net, k));
            max_delay[inputs.back().target] = std::max(max_delay[inputs.back().target], inputs.back().delay_steps);
        }
        state_.input_rates.resize(inputs.size());
        for (uint32_t p = 0; p < pops.size(); ++p) {
            recording_.add_population(state_.pops[p].setup, stream);
            state_.init_population(p, max_delay[p], stream);
        }
        for (const SamplerSpec& s : net.samplers()) recording_.add_sampler(net, s, stream);
        for (const WeightRecorderSpec& w : net.weight_recorders())
            recording_.add_weight_recorder(w, state_.projs[w.projection.index].synapses);
        if (cuda_options.step == CudaStep::merged)  // the fused steps append to their lists instead
            stepper_.allocate_merged(state_.total_neurons, static_cast<uint32_t>(state_.pops.size()), stream);
        state_.init_sources(net, cuda_options.step != CudaStep::merged, stream);
        rebuild_plan();
        if (options.profile) stepper_.init_phases(plan_.launches);
        sync();
    }

    void advance(uint64_t n_steps) override {
        guarded([&] { advance_checked(n_steps); });
    }

    void drain(Recording& into) override {
        guarded([&] { collect_recordings(); });
        recording_.move_into(into);
    }

    std::vector<float> read_state(PopulationId id, uint32_t var) const override {
        ensure_usable();
        const GpuPopulation& pop = state_.pops.at(id.index);
        sync();
        return pop.state.at(var).download();
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
        return c;
    }

    void write_weights(ProjectionId id, const std::vector<float>& weights) override {
        guarded([&] {
            sync();
            GpuProjection& p = state_.projs.at(id.index);
            const bool was_constant = p.weight.empty();
            p.weight.upload(weights);
            if (was_constant) rebuild_plan();  // per-synapse weights now: the plan's pointer changes
        });
    }

    uint64_t synapse_count(ProjectionId id) const override { return state_.projs.at(id.index).synapses; }

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
        return out;
    }

    BackendState save_state() const override {
        ensure_usable();
        sync();
        BackendState s;
        s.step = step_;
        state_.save(step_, s);
        return s;
    }

    void restore_state(const BackendState& s) override {
        ensure_usable();
        check_fits(s, state_.shape());
        guarded([&] {
            sync();
            collect_recordings();  // what ran before stays recorded
            const bool replanned = state_.restore(s);
            step_ = s.step;
            recording_.steps_since_drain = 0;
            cuda::DeviceClock clock{};  // the kernels of the next step read `step` (fused_step.cuh)
            clock.step = clock.next_step = step_;
            state_.counters.clock.upload(std::vector<cuda::DeviceClock>{clock});
            if (replanned) rebuild_plan();
            sync();
        });
    }

private:
    void sync() const { stream_.sync(); }

    void ensure_usable() const {
        if (failed_) throw BackendError("cuda: an earlier error left the simulation in an unknown state; build a new Simulator");
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
            stepper_.run_steps(chunk, plan_, state_.counters, stream_);
            n_steps -= chunk;
            step_ += chunk;
            recording_.steps_since_drain += chunk;
            recording_.take_weight_snapshots(step_, state_.projs, stream_);
            if (recording_.steps_since_drain == recording_.drain_steps) collect_recordings();
        }
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
        MemoryPlan plan = estimate_memory(net, "cuda");
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
    double dt_ = 0.1;
    int host_threads_ = 1;  // CPU threads of construction
    Step step_ = 0;
    CudaDeviceState state_;  // populations, projections, inputs, spike histories, the clock and counters
    CudaRecording recording_;  // recording buffers, samplers, weight series, the drain
    CudaPlan plan_;            // the descriptor tables the kernels read
    CudaStepper stepper_;      // the step variants, graphs, profiling events, launch counts
    bool failed_ = false;      // an error mid-run: the device state is unknown
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend() { return std::make_unique<CudaBackend>(); }

}  // namespace axon::detail
