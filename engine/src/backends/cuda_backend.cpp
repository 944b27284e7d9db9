#include "cuda_backend.hpp"

#include <omp.h>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>
#include <string_view>

#include "../../../kernels/cuda/cuda_check.hpp"
#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/cuda/fused_step.cuh"
#include "../../../kernels/cuda/launch_config.hpp"
#include "../../../kernels/cuda/neuron_update.cuh"
#include "../../../kernels/cuda/phase_events.hpp"
#include "../../../kernels/cuda/pinned_staging.hpp"
#include "../../../kernels/cuda/plasticity.cuh"
#include "../../../kernels/cuda/propagate.cuh"
#include "../../../kernels/cuda/record.cuh"
#include "../../../kernels/cuda/step_graph.hpp"
#include "../../../kernels/cuda/step_plan.hpp"
#include "../../../kernels/models/record.hpp"
#include "../backend_setup.hpp"
#include "../backend_state.hpp"
#include "../model_params.hpp"
#include "../cuda_step_schedule.hpp"
#include "../device_plan.hpp"
#include "../model_registry.hpp"
#include "axon/errors.hpp"
#include "axon/log.hpp"
#include "axon/memory.hpp"
#include "cuda_projection.hpp"

namespace axon::detail {
namespace {

using cuda::DeviceBuffer;

static_assert(kMergedGroup == cuda::kMergedBlock, "a merged kernel covers one object per thread of its block");

struct GpuPopulation {
    PopulationSetup setup;
    uint32_t first = 0;  ///< global id of neuron 0 in the step's spike list
    std::vector<DeviceBuffer<float>> state;  // the model's state variables, in its order
    DeviceBuffer<float> i_ext;
    DeviceBuffer<Fixed> ring;
    DeviceBuffer<uint64_t> replay_start, replay_step;  // spike_source only
    uint32_t n_slots = 1;
    // Recording since the last drain: local ids, the count per step, the fill level.
    DeviceBuffer<uint32_t> recorded_ids, step_counts;
    DeviceBuffer<unsigned long long> recorded_fill;
    SpikeTrain pending;

    uint32_t size() const { return setup.size; }
    /// The state arrays as a descriptor table's pointers (null past the model's last).
    void state_pointers(float* (&out)[kMaxStateVars]) {
        for (uint32_t v = 0; v < kMaxStateVars; ++v) out[v] = v < state.size() ? state[v].data() : nullptr;
    }
    RingView ring_view() { return RingView{ring.data(), n_slots, setup.n_receptors, setup.size}; }
};

// A binary population's state variable for the perceptron rule (nullptr for other models,
// whose projections never take that rule: Network checks it).
const float* perceptron_state(const GpuPopulation& post, uint32_t var) {
    return post.setup.model == NeuronModel::binary ? post.state[var].data() : nullptr;
}

struct GpuSampler {
    SampleSeries pending;  // host side: steps and values drained so far
    DeviceBuffer<uint32_t> ids, vars, filled;
    DeviceBuffer<float> buffer;  // samples since the last drain
};

/// One step's spike list in device memory (see kernels/cuda/step_plan.hpp).
struct GpuSpikeList {
    DeviceBuffer<uint32_t> ids, count, segment;

    void allocate(uint32_t neurons, uint32_t populations, cudaStream_t stream) {
        ids.resize(std::max<uint32_t>(neurons, 1));
        count.resize(1);
        count.zero(stream);
        segment.resize(populations + 1);
        segment.zero(stream);
    }
    cuda::SpikeListDesc desc() { return cuda::SpikeListDesc{ids.data(), count.data(), segment.data()}; }
};

/// The recent spikes of a population (kernels/cuda/step_plan.hpp: SourceHistoryDesc): the
/// merged step's history of a plastic source, or a fused step's spike list ring.
struct GpuSourceHistory {
    uint32_t population = 0, slots = 1;
    DeviceBuffer<uint32_t> ids, counts;
};

class CudaBackend final : public Backend {
public:
    ~CudaBackend() override {
        graph_many_ = {};
        graph_one_ = {};
        if (stream_) cudaStreamDestroy(stream_);
    }

    std::string_view name() const override { return "cuda"; }

    void load(const Network& net, const BackendOptions& options) override {
        options_ = options.cuda;
        if (options_.row_segment % 32 != 0)
            throw ConfigError("cuda.row_segment: " + std::to_string(options_.row_segment) +
                              " is not allowed (0 for a warp per row, or a multiple of 32)");
        seed_ = net.seed();
        dt_ = net.dt_ms();
        check_memory(net);
        cuda::device_memory_count.reset_peak();
        AXON_CUDA_CHECK(cudaStreamCreate(&stream_));
        if (options.profile) options_.graphs = false;  // events between phases need launches one by one
        int device = 0, sms = 1;
        AXON_CUDA_CHECK(cudaGetDevice(&device));
        AXON_CUDA_CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device));
        max_blocks_ = static_cast<uint32_t>(sms) * 8;  // a merged kernel's grid: about one wave
        if (options_.step == CudaStep::persistent) {
            persistent_blocks_ = std::min(cuda::persistent_blocks(), max_blocks_);
            logger().info("cuda: persistent step kernel on {} blocks of 256 threads, {} registers per thread",
                          persistent_blocks_, cuda::persistent_registers());
        }
        counters_device_.resize(2);
        counters_device_.zero(stream_);
        overflow_.resize(1);
        overflow_.zero(stream_);
        clock_.resize(1);
        clock_.zero(stream_);

        const auto& pops = net.populations();
        pops_.resize(pops.size());
        uint64_t neurons = 0;
        for (uint32_t p = 0; p < pops.size(); ++p) {
            pops_[p].setup = population_setup(net, p);
            pops_[p].first = static_cast<uint32_t>(neurons);
            neurons += pops_[p].size();
        }
        if (neurons > INT32_MAX)  // the step's spike list holds 32-bit ids, compacted by CUB with int counts
            throw CapacityError("the cuda backend runs at most 2147483647 neurons; this network has " +
                                std::to_string(neurons));
        total_neurons_ = static_cast<uint32_t>(neurons);
        drain_steps_ = drain_interval(net);

        std::vector<uint32_t> max_delay(pops.size(), 1);
        host_threads_ = options.threads > 0 ? options.threads : omp_get_max_threads();
        const int host_threads = host_threads_;
        for (uint32_t k = 0; k < net.projections().size(); ++k) {
            projs_.push_back(make_gpu_projection(net, ProjectionId{k}, host_threads, stream_));
            const uint32_t post = net.projections()[k].post.index;
            max_delay[post] = std::max(max_delay[post], projs_.back().max_delay);
        }
        for (uint32_t k = 0; k < net.poisson_inputs().size(); ++k) {
            inputs_.push_back(input_setup(net, k));
            max_delay[inputs_.back().target] = std::max(max_delay[inputs_.back().target], inputs_.back().delay_steps);
        }
        input_rates_.resize(inputs_.size());
        for (uint32_t p = 0; p < pops.size(); ++p) init_population(pops_[p], max_delay[p]);
        for (const SamplerSpec& s : net.samplers()) init_sampler(net, s);
        for (const WeightRecorderSpec& w : net.weight_recorders()) {
            WeightSeries series;
            series.projection = w.projection;
            series.every_steps = w.every_steps;
            series.synapses = projs_[w.projection.index].synapses;
            weight_series_.push_back(std::move(series));
        }
        if (options_.step == CudaStep::merged) {  // the fused steps append to their lists instead
            spikes_.allocate(total_neurons_, static_cast<uint32_t>(pops_.size()), stream_);
            fired_.resize(std::max<uint32_t>(total_neurons_, 1));
            const std::size_t temp = cuda::select_spikes_temp_bytes(total_neurons_);
            select_temp_.resize(temp ? temp : 1);
        }
        build_plan(net);
        if (options.profile) phases_.init(phases_of(launches_));
        sync();
    }

    void advance(uint64_t n_steps) override {
        guarded([&] { advance_checked(n_steps); });
    }

    void drain(Recording& into) override {
        guarded([&] { collect_recordings(); });
        into.spikes.resize(pops_.size());
        into.samples.resize(samplers_.size());
        into.weights.resize(weight_series_.size());
        for (std::size_t p = 0; p < pops_.size(); ++p) move_pending(pops_[p].pending, into.spikes[p]);
        for (std::size_t s = 0; s < samplers_.size(); ++s) move_pending(samplers_[s].pending, into.samples[s]);
        for (std::size_t w = 0; w < weight_series_.size(); ++w) move_pending(weight_series_[w], into.weights[w]);
    }

    std::vector<float> read_state(PopulationId id, uint32_t var) const override {
        ensure_usable();
        const GpuPopulation& pop = pops_.at(id.index);
        sync();
        return pop.state.at(var).download();
    }

    void write_state(PopulationId id, uint32_t var, const std::vector<float>& values) override {
        guarded([&] {
            sync();
            pops_.at(id.index).state.at(var).upload(values);
        });
    }

    // The input table holds every input's count table: rewrite it whole (same allocation, so
    // captured graphs stay valid; they read the table, not its entries).
    void set_poisson_rate(uint32_t input, double rate_Hz) override {
        guarded([&] {
            sync();
            inputs_.at(input).params = poisson_count_params(rate_Hz, dt_);
            input_rates_.at(input) = {};
            cuda::InputDesc& desc = input_host_.at(input_desc_index_.at(input));
            desc.params = inputs_[input].params;
            desc.rates = nullptr;
            input_descs_.upload(input_host_);
        });
    }

    void set_poisson_rates(uint32_t input, const std::vector<double>& rates_Hz) override {
        guarded([&] {
            std::vector<PoissonNeuronRate> rates(rates_Hz.size());
            for (std::size_t i = 0; i < rates.size(); ++i) rates[i] = poisson_neuron_rate(rates_Hz[i], dt_);
            sync();
            input_rates_.at(input).upload(rates);
            input_host_.at(input_desc_index_.at(input)).rates = input_rates_[input].data();
            input_descs_.upload(input_host_);
        });
    }

    void reset_state(const Network& net) override {
        guarded([&] {
            sync();
            for (uint32_t p = 0; p < pops_.size(); ++p) {
                GpuPopulation& pop = pops_[p];
                const PopulationSetup setup = population_setup(net, p);
                for (std::size_t v = 0; v < pop.state.size(); ++v) pop.state[v].upload(setup.state[v]);
                if (!pop.i_ext.empty()) pop.i_ext.upload(std::vector<float>(setup.size, setup.i_e));
                if (!pop.ring.empty()) pop.ring.zero(stream_);
            }
            for (GpuProjection& proj : projs_)
                if (GpuLearning* l = proj.learning.get()) {
                    l->x_pre.zero(stream_);
                    l->y_post.zero(stream_);
                }
            for (GpuSourceHistory& h : sources_) h.counts.zero(stream_);  // no spike in flight
            sync();
        });
    }

    // Writes go into the same allocations (the Simulator checks the sizes), so captured graphs
    // stay valid.
    void set_input_current(PopulationId id, const std::vector<float>& i_pA) override {
        guarded([&] {
            sync();
            pops_.at(id.index).i_ext.upload(i_pA);
        });
    }

    Connections read_connections(ProjectionId id) const override {
        ensure_usable();
        const GpuProjection& p = projs_.at(id.index);
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
            GpuProjection& p = projs_.at(id.index);
            const bool was_constant = p.weight.empty();
            p.weight.upload(weights);
            if (was_constant) rebuild_plan();  // per-synapse weights now: the plan's pointer changes
        });
    }

    uint64_t synapse_count(ProjectionId id) const override { return projs_.at(id.index).synapses; }

    BackendCounters counters() const override {
        ensure_usable();
        sync();
        const std::vector<unsigned long long> c = counters_device_.download();
        BackendCounters out;
        out.steps = step_;
        out.synaptic_events = c[0];
        out.input_events = c[1];
        out.phases = phases_.totals();
        out.threads = host_threads_;
        out.peak_device_bytes = cuda::device_memory_count.peak.load();
        out.kernels = kernels_;
        out.host_launches = host_launches_;
        out.host_syncs = host_syncs_;
        return out;
    }

    BackendState save_state() const override {
        ensure_usable();
        sync();
        BackendState s;
        s.step = step_;
        for (const GpuPopulation& pop : pops_) {
            PopulationState& out = s.populations.emplace_back();
            for (const DeviceBuffer<float>& var : pop.state) out.state.push_back(var.download());
            if (!pop.state.empty()) out.i_ext = pop.i_ext.download();
            if (!pop.ring.empty()) {
                out.ring = ring_in_step_order(pop.ring.download(), pop.n_slots, step_);
                out.ring_slots = pop.n_slots;
            }
        }
        std::vector<std::vector<std::vector<uint32_t>>> recent(sources_.size());  // per source: k steps back
        for (std::size_t h = 0; h < sources_.size(); ++h) recent[h] = recent_spikes(sources_[h]);
        for (uint32_t k = 0; k < projs_.size(); ++k) {
            const GpuProjection& p = projs_[k];
            ProjectionState& out = s.projections.emplace_back();
            out.synapses = p.synapses;
            if (!p.weight.empty()) out.weights = p.weight.download();
            out.weight_const = p.weight_const;
            if (!p.learning) continue;
            out.x_pre = p.learning->x_pre.download();
            out.y_post = p.learning->y_post.download();
            const auto& lists = recent[source_of_[net_projection_ends_[k].pre]];
            out.in_flight.assign(lists.begin(), lists.begin() + p.learning->delay);
        }
        return s;
    }

    void restore_state(const BackendState& s) override {
        ensure_usable();
        check_fits(s, shape());
        guarded([&] {
            sync();
            collect_recordings();  // what ran before stays recorded
            for (std::size_t p = 0; p < pops_.size(); ++p) {
                GpuPopulation& pop = pops_[p];
                const PopulationState& in = s.populations[p];
                for (std::size_t v = 0; v < pop.state.size(); ++v) pop.state[v].upload(in.state[v]);
                if (!pop.i_ext.empty()) pop.i_ext.upload(in.i_ext);
                if (!pop.ring.empty()) pop.ring.upload(ring_in_slot_order(in.ring, pop.n_slots, s.step));
            }
            bool replanned = false;
            for (std::size_t k = 0; k < projs_.size(); ++k) {
                GpuProjection& p = projs_[k];
                const ProjectionState& in = s.projections[k];
                if (!in.weights.empty() || !p.weight.empty()) {  // else both hold the network's constant
                    replanned = replanned || p.weight.empty();  // per-synapse weights now: the plan's pointer changes
                    p.weight.upload(in.weights.empty() ? std::vector<float>(p.synapses, in.weight_const) : in.weights);
                }
                if (GpuLearning* l = p.learning.get()) {
                    l->x_pre.upload(in.x_pre);
                    l->y_post.upload(in.y_post);
                }
            }
            for (GpuSourceHistory& h : sources_) restore_recent_spikes(h, s);
            step_ = s.step;
            steps_since_drain_ = 0;
            cuda::DeviceClock clock{};  // the kernels of the next step read `step` (fused_step.cuh)
            clock.step = clock.next_step = step_;
            clock_.upload(std::vector<cuda::DeviceClock>{clock});
            if (replanned) rebuild_plan();
            sync();
        });
    }

private:
    StateShape shape() const {
        StateShape shape;
        for (const GpuPopulation& pop : pops_)
            shape.populations.push_back({pop.size(), static_cast<uint32_t>(pop.state.size()), pop.ring.size(),
                                         pop.ring.empty() ? 0 : pop.n_slots});
        for (uint32_t k = 0; k < projs_.size(); ++k) {
            const GpuProjection& p = projs_[k];
            const ProjectionEnds& ends = net_projection_ends_[k];
            shape.projections.push_back({p.synapses, pops_[ends.pre].size(), pops_[ends.post].size(),
                                         p.learning ? p.learning->delay : 0});
        }
        return shape;
    }

    // A source history's lists of the steps before the next one: [k - 1] = k steps back, each
    // ascending (the fused steps append in the order their blocks got there).
    std::vector<std::vector<uint32_t>> recent_spikes(const GpuSourceHistory& h) const {
        const std::vector<uint32_t> ids = h.ids.download(), counts = h.counts.download();
        const uint64_t size = pops_[h.population].size();
        std::vector<std::vector<uint32_t>> lists;
        for (uint32_t k = 1; k < h.slots; ++k) {
            const uint32_t slot = slot_before(step_, k, h.slots);
            const auto from = ids.begin() + static_cast<std::ptrdiff_t>(slot * size);
            std::vector<uint32_t>& list = lists.emplace_back(from, from + counts[slot]);
            std::sort(list.begin(), list.end());
        }
        return lists;
    }

    // The lists of a source history from the saved spikes in flight of the plastic projections
    // that leave its population (each holds its delay's steps; the longest one covers the
    // rest). The slot of the next step and any older ones start empty.
    void restore_recent_spikes(GpuSourceHistory& h, const BackendState& s) {
        const uint64_t size = pops_[h.population].size();
        std::vector<uint32_t> ids(h.slots * size), counts(h.slots, 0);
        for (uint32_t k = 0; k < projs_.size(); ++k) {
            if (!projs_[k].learning || net_projection_ends_[k].pre != h.population) continue;
            const std::vector<std::vector<uint32_t>>& lists = s.projections[k].in_flight;
            for (uint32_t back = 1; back <= lists.size() && back < h.slots; ++back) {
                const uint32_t slot = slot_before(s.step, back, h.slots);
                const std::vector<uint32_t>& list = lists[back - 1];
                std::copy(list.begin(), list.end(), ids.begin() + static_cast<std::ptrdiff_t>(slot * size));
                counts[slot] = static_cast<uint32_t>(list.size());
            }
        }
        h.ids.upload(ids);
        h.counts.upload(counts);
    }

    // Every wait for the device goes through here, so that the waits can be counted.
    void sync() const {
        ++host_syncs_;
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
    }

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
            uint64_t chunk = std::min(n_steps, drain_steps_ - steps_since_drain_);
            for (const WeightSeries& w : weight_series_) chunk = std::min<uint64_t>(chunk, w.every_steps - step_ % w.every_steps);
            run_steps(chunk);
            n_steps -= chunk;
            step_ += chunk;
            steps_since_drain_ += chunk;
            take_weight_snapshots();
            if (steps_since_drain_ == drain_steps_) collect_recordings();
        }
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

    void init_population(GpuPopulation& pop, uint32_t max_delay) {
        const PopulationSetup& s = pop.setup;
        if (s.recorded) {
            pop.recorded_ids.resize(drain_steps_ * s.size);
            pop.step_counts.resize(drain_steps_);
            pop.recorded_fill.resize(1);
            pop.recorded_fill.zero(stream_);
        }
        for (const std::vector<float>& initial : s.state) pop.state.push_back(cuda::to_device(initial));
        if (s.replay) {
            pop.replay_start = cuda::to_device(s.replay->start);
            if (!s.replay->step.empty()) pop.replay_step = cuda::to_device(s.replay->step);
        }
        if (s.state.empty()) return;  // a source: no input current, no ring
        pop.i_ext = cuda::to_device(std::vector<float>(s.size, s.i_e));
        if (model_info(s.model).receptors == 0) return;
        pop.n_slots = max_delay + 1;
        pop.ring.resize(static_cast<std::size_t>(pop.n_slots) * s.n_receptors * s.size);
        pop.ring.zero(stream_);
    }

    void init_sampler(const Network& net, const SamplerSpec& spec) {
        GpuSampler s;
        s.pending.population = spec.population;
        s.pending.neurons = spec.neurons;
        s.pending.vars = spec.vars;
        s.pending.every_steps = spec.every_steps;
        s.ids = cuda::to_device(std::vector<uint32_t>(spec.neurons.begin(), spec.neurons.end()));
        s.vars = cuda::to_device(sampler_state_indices(net, spec));
        s.filled.resize(1);
        s.filled.zero(stream_);
        const uint64_t capacity = drain_steps_ / spec.every_steps + 1;
        s.buffer.resize(capacity * spec.vars.size() * spec.neurons.size());
        samplers_.push_back(std::move(s));
    }

    // The descriptor tables every step kernel reads (kernels/cuda/step_plan.hpp).
    void build_plan(const Network& net) {
        const std::vector<uint32_t> plastic_slots = plastic_source_slots(net);
        const bool fused = options_.step != CudaStep::merged;
        source_of_.assign(pops_.size(), 0);
        for (uint32_t p = 0; p < pops_.size(); ++p) {
            // Merged: a history for each plastic source. Fused: a list ring for every population,
            // one slot longer, as its update zeroes the next step's slot (fused_step.cuh).
            uint32_t slots = plastic_slots[p];
            if (fused)
                slots = slots ? slots + 1 : 2;
            else if (slots == 0)
                continue;
            source_of_[p] = static_cast<uint32_t>(sources_.size());
            GpuSourceHistory h;
            h.population = p;
            h.slots = slots;
            h.ids.resize(static_cast<std::size_t>(slots) * pops_[p].size());
            h.counts.resize(slots);
            h.counts.zero(stream_);
            sources_.push_back(std::move(h));
        }
        net_projection_ends_.clear();
        for (const ProjectionSpec& spec : net.projections())
            net_projection_ends_.push_back({spec.pre.index, spec.post.index, static_cast<uint32_t>(spec.receptor)});
        rebuild_plan();
    }

    // (Re)writes the tables and drops captured graphs: after construction, and whenever an
    // allocation a kernel sees has changed.
    void rebuild_plan() {
        sync();
        graph_many_ = {};
        graph_one_ = {};

        std::vector<cuda::InputDesc> inputs;
        input_desc_index_.assign(inputs_.size(), 0);
        std::vector<cuda::TraceDesc> traces;
        std::vector<cuda::PopulationDesc> pops;
        update_blocks_ = 0;
        uint32_t recorded = 0;
        for (uint32_t p = 0; p < pops_.size(); ++p) {
            GpuPopulation& pop = pops_[p];
            cuda::PopulationDesc d{};
            d.model = pop.setup.model;
            d.first = pop.first;
            d.size = pop.size();
            d.block_begin = update_blocks_;
            update_blocks_ += (pop.size() + cuda::kUpdateBlock - 1) / cuda::kUpdateBlock;
            d.constants = pop.setup.constants;
            d.stream = pop.setup.stream;
            d.record = pop.setup.recorded ? recorded++ : cuda::kNotRecorded;  // its index in the records table
            d.replay_start = pop.replay_start.empty() ? nullptr : pop.replay_start.data();
            d.replay_step = pop.replay_step.empty() ? nullptr : pop.replay_step.data();
            pop.state_pointers(d.state);
            d.i_ext = pop.i_ext.empty() ? nullptr : pop.i_ext.data();
            d.ring = pop.ring_view();
            d.input_begin = static_cast<uint32_t>(inputs.size());
            for (uint32_t k = 0; k < inputs_.size(); ++k) {
                const InputSetup& in = inputs_[k];
                if (in.target != p) continue;
                input_desc_index_[k] = static_cast<uint32_t>(inputs.size());
                const PoissonNeuronRate* rates = input_rates_[k].empty() ? nullptr : input_rates_[k].data();
                inputs.push_back(cuda::InputDesc{in.params, rates, in.weight, in.stream,
                                                 pop.setup.receptor_lane(in.receptor), in.delay_steps});
            }
            d.input_end = static_cast<uint32_t>(inputs.size());
            d.trace_begin = static_cast<uint32_t>(traces.size());
            for (uint32_t k = 0; k < projs_.size(); ++k) {
                GpuLearning* l = projs_[k].learning.get();
                if (!l) continue;
                // A trace that neither decays nor resets (the perceptron's y_post) is left alone.
                const auto add = [&](float* trace, float factor, uint32_t reset) {
                    if (factor != 1.0f || reset != 0) traces.push_back(cuda::TraceDesc{trace, factor, reset});
                };
                if (net_projection_ends_[k].pre == p) add(l->x_pre.data(), l->params.decay_pre, pre_trace_reset(l->params));
                if (net_projection_ends_[k].post == p) add(l->y_post.data(), l->params.decay_post, 0);
            }
            d.trace_end = static_cast<uint32_t>(traces.size());
            pops.push_back(d);
        }
        pop_descs_ = cuda::to_device(pops);
        input_descs_ = cuda::to_device(inputs);
        input_host_ = std::move(inputs);
        trace_descs_ = cuda::to_device(traces);

        std::vector<cuda::ProjectionDesc> projections;
        std::vector<cuda::LearningDesc> learning;
        uint64_t propagate_warps = 0, learning_warps = 0;
        for (uint32_t k = 0; k < projs_.size(); ++k) {
            GpuProjection& proj = projs_[k];
            const ProjectionEnds& ends = net_projection_ends_[k];
            GpuPopulation& pre = pops_[ends.pre];
            GpuPopulation& post = pops_[ends.post];
            if (proj.synapses > 0) {
                const uint32_t segments = cuda::row_segments(proj.max_row, segment_length());
                projections.push_back(cuda::ProjectionDesc{proj.view(), post.ring_view(),
                                                           post.setup.receptor_lane(static_cast<Receptor>(ends.receptor)),
                                                           ends.pre, segments});
                propagate_warps += static_cast<uint64_t>(pre.size()) * segments;
            }
            if (GpuLearning* l = proj.learning.get()) {
                learning.push_back(cuda::LearningDesc{l->params, proj.row_start.data(), proj.post.data(),
                                                      proj.weight.data(), l->column_start.data(),
                                                      l->column_synapse.data(), l->column_pre.data(), l->x_pre.data(),
                                                      l->y_post.data(), source_of_[ends.pre], ends.post,
                                                      l->delay, perceptron_state(post, binary_model::y),
                                                      perceptron_state(post, binary_model::target), post.size()});
                learning_warps += std::max(pre.size(), post.size());
            }
        }
        proj_descs_ = cuda::to_device(projections);
        n_projections_ = static_cast<uint32_t>(projections.size());
        learn_descs_ = cuda::to_device(learning);
        n_learning_ = static_cast<uint32_t>(learning.size());
        propagate_blocks_ = merged_blocks(propagate_warps);
        learning_blocks_ = merged_blocks(learning_warps);

        std::vector<cuda::SourceHistoryDesc> sources;
        largest_source_ = 0;
        for (GpuSourceHistory& h : sources_) {
            const GpuPopulation& pop = pops_[h.population];
            sources.push_back(
                cuda::SourceHistoryDesc{h.population, pop.first, pop.size(), h.slots, h.ids.data(), h.counts.data()});
            largest_source_ = std::max(largest_source_, pop.size());
        }
        source_descs_ = cuda::to_device(sources);

        std::vector<cuda::RecordDesc> records;
        largest_recorded_ = 0;
        for (uint32_t p = 0; p < pops_.size(); ++p) {
            GpuPopulation& pop = pops_[p];
            if (!pop.setup.recorded) continue;
            records.push_back(cuda::RecordDesc{p, pop.first, pop.recorded_ids.data(), pop.recorded_ids.size(),
                                               pop.recorded_fill.data(), pop.step_counts.data()});
            largest_recorded_ = std::max(largest_recorded_, pop.size());
        }
        record_descs_ = cuda::to_device(records);
        n_records_ = static_cast<uint32_t>(records.size());

        std::vector<cuda::SamplerDesc> samplers;
        largest_sample_ = 0;
        for (GpuSampler& s : samplers_) {
            const auto n_ids = static_cast<uint32_t>(s.pending.neurons.size());
            const auto n_vars = static_cast<uint32_t>(s.pending.vars.size());
            cuda::SamplerDesc d{};
            pops_[s.pending.population.index].state_pointers(d.state);
            d.ids = s.ids.data();
            d.vars = s.vars.data();
            d.n_ids = n_ids;
            d.n_vars = n_vars;
            d.every_steps = s.pending.every_steps;
            d.buffer = s.buffer.data();
            d.filled = s.filled.data();
            samplers.push_back(d);
            largest_sample_ = std::max<uint64_t>(largest_sample_, static_cast<uint64_t>(n_ids) * n_vars);
        }
        sampler_descs_ = cuda::to_device(samplers);

        const auto n_samplers = static_cast<uint32_t>(samplers_.size());
        fused_ = cuda::FusedPlan{pop_descs_.data(),    static_cast<uint32_t>(pops_.size()), update_blocks_,
                                 input_descs_.data(),  trace_descs_.data(),  source_descs_.data(),
                                 proj_descs_.data(),   n_projections_,       learn_descs_.data(),
                                 n_learning_,          record_descs_.data(), n_records_,
                                 sampler_descs_.data(), n_samplers,          segment_length(),
                                 static_cast<uint32_t>(drain_steps_), seed_, clock_.data(),
                                 counters_device_.data(), overflow_.data()};
        launches_ = step_launches(options_.step, StepShape{n_projections_, n_learning_,
                                                           static_cast<uint32_t>(sources_.size()), n_records_,
                                                           n_samplers});
        kernels_per_step_ = kernels_of(launches_);
    }

    /// Synapses per propagation work item; row_segment 0 (a warp per row): longer than any row.
    uint32_t segment_length() const { return options_.row_segment ? options_.row_segment : (1u << 31); }

    uint32_t merged_blocks(uint64_t warps) const {
        const uint64_t blocks = (warps * 32 + cuda::kMergedBlock - 1) / cuda::kMergedBlock;
        return static_cast<uint32_t>(std::clamp<uint64_t>(blocks, 1, max_blocks_));
    }

    // One pass of the pipeline (kernels/cuda/step_plan.hpp), the launches of the step schedule
    // (engine/src/cuda_step_schedule.hpp), every one asynchronous on stream_ and the same at
    // every step (the kernels read the step from the device clock): capturable in a graph.
    void enqueue_step() {
        std::string_view phase;
        std::size_t boundary = 0;
        for (const StepLaunch& l : launches_) {
            if (phases_.on() && phase_of(l.kernel) != phase) {
                phase = phase_of(l.kernel);
                phases_.mark(boundary++, stream_);
            }
            enqueue(l);
        }
        phases_.mark(boundary, stream_);
    }

    void enqueue(const StepLaunch& l) {
        const cuda::SpikeListDesc spikes = spikes_.desc();
        const auto n_pops = static_cast<uint32_t>(pops_.size());
        const auto n_sources = static_cast<uint32_t>(sources_.size());
        unsigned long long* events = counters_device_.data();
        switch (l.kernel) {
        case StepKernel::update:
            cuda::launch_update(pop_descs_.data(), n_pops, input_descs_.data(), trace_descs_.data(), update_blocks_,
                                fired_.data(), clock_.data(), seed_, events + 1, stream_);
            return;
        case StepKernel::select_spikes:
            cuda::select_spikes(fired_.data(), total_neurons_, spikes, select_temp_.data(), select_temp_.size(), stream_);
            return;
        case StepKernel::segments: cuda::find_segments(pop_descs_.data(), n_pops, total_neurons_, spikes, stream_); return;
        case StepKernel::propagate:
            cuda::launch_propagate(proj_descs_.data() + l.first, l.count, spikes, pop_descs_.data(), segment_length(),
                                   propagate_blocks_, clock_.data(), events, stream_);
            return;
        case StepKernel::archive:
            cuda::launch_archive_spikes(spikes, source_descs_.data(), n_sources, largest_source_, clock_.data(), stream_);
            return;
        case StepKernel::arrivals:
            cuda::launch_arrivals(learn_descs_.data() + l.first, l.count, source_descs_.data(), learning_blocks_,
                                  clock_.data(), stream_);
            return;
        case StepKernel::post_spikes:
            cuda::launch_post_spikes(learn_descs_.data() + l.first, l.count, spikes, pop_descs_.data(), learning_blocks_,
                                     clock_.data(), stream_);
            return;
        case StepKernel::record:
            cuda::launch_record_spikes(record_descs_.data(), n_records_, largest_recorded_, spikes, overflow_.data(),
                                       stream_);
            return;
        case StepKernel::sample:
            cuda::launch_sample_state(sampler_descs_.data(), static_cast<uint32_t>(samplers_.size()), largest_sample_,
                                      clock_.data(), stream_);
            return;
        case StepKernel::tick:
            cuda::launch_tick(clock_.data(), record_descs_.data(), n_records_, spikes, sampler_descs_.data(),
                              static_cast<uint32_t>(samplers_.size()), static_cast<uint32_t>(drain_steps_),
                              overflow_.data(), stream_);
            return;
        case StepKernel::fused_update: cuda::launch_fused_update(fused_, stream_); return;
        case StepKernel::fused_propagate:
        case StepKernel::fused_finish:
            cuda::launch_fused_propagate(fused_, l.first, l.count, l.kernel == StepKernel::fused_finish,
                                         propagate_blocks_, stream_);
            return;
        case StepKernel::fused_arrivals:
        case StepKernel::fused_post_spikes:
            cuda::launch_fused_learn(fused_, l.first, l.count, l.kernel == StepKernel::fused_post_spikes,
                                     learning_blocks_, stream_);
            return;
        case StepKernel::persistent: break;  // runs many steps: run_steps launches it
        }
        throw BackendError("cuda: the step schedule holds a kernel that cannot be enqueued per step (internal error)");
    }

    void run_steps(uint64_t n) {
        if (options_.step == CudaStep::persistent) {
            phases_.mark(0, stream_);
            cuda::launch_persistent(fused_, n, persistent_blocks_, stream_);
            phases_.mark(1, stream_);
            count_launches(1, 1);
            accumulate_phases();
            return;
        }
        if (!options_.graphs) {
            for (uint64_t k = 0; k < n; ++k) {
                enqueue_step();
                count_launches(kernels_per_step_, kernels_per_step_);
                accumulate_phases();
            }
            return;
        }
        if (n >= kGraphSteps && graph_many_.empty())
            graph_many_ = cuda::StepGraph::capture(stream_, [&] {
                for (uint64_t k = 0; k < kGraphSteps; ++k) enqueue_step();
            });
        if (n % kGraphSteps && graph_one_.empty()) graph_one_ = cuda::StepGraph::capture(stream_, [&] { enqueue_step(); });
        for (uint64_t k = 0; k < n / kGraphSteps; ++k) {
            graph_many_.launch(stream_);
            count_launches(1, kGraphSteps * kernels_per_step_);
        }
        for (uint64_t k = 0; k < n % kGraphSteps; ++k) {
            graph_one_.launch(stream_);
            count_launches(1, kernels_per_step_);
        }
    }

    void count_launches(uint64_t host_calls, uint64_t kernels) {
        host_launches_ += host_calls;
        kernels_ += kernels;
    }

    // Profiling: wait for the phase events just recorded and add up their times.
    void accumulate_phases() {
        if (!phases_.on()) return;
        ++host_syncs_;
        phases_.accumulate();
    }

    // Snapshots are rare: a synchronous copy keeps them simple.
    void take_weight_snapshots() {
        for (WeightSeries& w : weight_series_) {
            if (!record_due(step_ - 1, w.every_steps)) continue;
            const GpuProjection& p = projs_[w.projection.index];
            sync();
            const std::vector<float> values =
                p.weight.empty() ? std::vector<float>(p.synapses, p.weight_const) : p.weight.download();
            w.steps.push_back(step_ - 1);
            w.values.insert(w.values.end(), values.begin(), values.end());
        }
    }

    // The routine synchronisation point: bring the device recordings since the last drain
    // into the host-side pending records, and reset the device buffers and the clock's count.
    // Two batches of asynchronous copies into pinned memory, two waits, whatever the number of
    // recorded populations and samplers.
    void collect_recordings() {
        if (steps_since_drain_ == 0) return;
        using cuda::PinnedStaging;
        const auto steps = static_cast<std::size_t>(steps_since_drain_);
        // Batch 1, one wait: the flags, the clock and every count. Read and check everything
        // before anything changes.
        std::size_t bytes = PinnedStaging::bytes_for<uint32_t>(1) + PinnedStaging::bytes_for<cuda::DeviceClock>(1);
        for (const GpuPopulation& pop : pops_)
            if (pop.setup.recorded)
                bytes += PinnedStaging::bytes_for<unsigned long long>(1) + PinnedStaging::bytes_for<uint32_t>(steps);
        bytes += samplers_.size() * PinnedStaging::bytes_for<uint32_t>(1);
        staging_.begin(bytes);
        const uint32_t* overflow = staging_.copy(overflow_.data(), 1, stream_);
        const cuda::DeviceClock* clock = staging_.copy(clock_.data(), 1, stream_);
        std::vector<const unsigned long long*> fills(pops_.size(), nullptr);
        std::vector<const uint32_t*> step_counts(pops_.size(), nullptr);
        for (std::size_t p = 0; p < pops_.size(); ++p) {
            if (!pops_[p].setup.recorded) continue;
            fills[p] = staging_.copy(pops_[p].recorded_fill.data(), 1, stream_);
            step_counts[p] = staging_.copy(pops_[p].step_counts.data(), steps, stream_);
        }
        std::vector<const uint32_t*> taken(samplers_.size());
        for (std::size_t k = 0; k < samplers_.size(); ++k) taken[k] = staging_.copy(samplers_[k].filled.data(), 1, stream_);
        sync();
        if (*overflow != 0)
            throw CapacityError("a device spike recording buffer overflowed (this is a bug: buffers are sized for the "
                                "worst case)");
        if (clock->step != step_ || clock->since_drain != steps_since_drain_)
            throw BackendError("cuda: the device clock is at step " + std::to_string(clock->step) + " (" +
                               std::to_string(clock->since_drain) + " since the drain) where the host counted " +
                               std::to_string(step_) + " (" + std::to_string(steps_since_drain_) + ") (internal error)");
        const Step first = step_ - steps_since_drain_;
        std::vector<std::vector<uint32_t>> counts(pops_.size());
        std::vector<uint64_t> fill(pops_.size(), 0);
        for (std::size_t p = 0; p < pops_.size(); ++p) {
            if (!fills[p]) continue;
            fill[p] = *fills[p];
            counts[p].assign(step_counts[p], step_counts[p] + steps);
            if (fill[p] > pops_[p].recorded_ids.size() ||
                std::accumulate(counts[p].begin(), counts[p].end(), uint64_t{0}) != fill[p])
                throw BackendError("cuda: the recorded spikes of population #" + std::to_string(p) +
                                   " do not add up (internal error)");
        }
        std::vector<std::vector<Step>> due(samplers_.size());
        for (std::size_t k = 0; k < samplers_.size(); ++k) {
            for (Step t = first; t < step_; ++t)
                if (record_due(t, samplers_[k].pending.every_steps)) due[k].push_back(t);
            if (*taken[k] != due[k].size())
                throw BackendError("cuda: a sampler took " + std::to_string(*taken[k]) + " samples where " +
                                   std::to_string(due[k].size()) + " were due (internal error)");
        }

        // Batch 2, one wait: the recorded ids and the samples, now that their sizes are known.
        auto sample_values = [&](std::size_t k) {
            const SampleSeries& s = samplers_[k].pending;
            return due[k].size() * s.vars.size() * s.neurons.size();
        };
        bytes = 0;
        for (std::size_t p = 0; p < pops_.size(); ++p) bytes += PinnedStaging::bytes_for<uint32_t>(fill[p]);
        for (std::size_t k = 0; k < samplers_.size(); ++k) bytes += PinnedStaging::bytes_for<float>(sample_values(k));
        staging_.begin(bytes);
        std::vector<const uint32_t*> ids(pops_.size(), nullptr);
        for (std::size_t p = 0; p < pops_.size(); ++p)
            if (pops_[p].setup.recorded) ids[p] = staging_.copy(pops_[p].recorded_ids.data(), fill[p], stream_);
        std::vector<const float*> values(samplers_.size());
        for (std::size_t k = 0; k < samplers_.size(); ++k)
            values[k] = staging_.copy(samplers_[k].buffer.data(), sample_values(k), stream_);
        sync();

        for (std::size_t p = 0; p < pops_.size(); ++p) {
            GpuPopulation& pop = pops_[p];
            if (!pop.setup.recorded) continue;
            // The fused steps append a step's spikes in the order their blocks got there: neuron
            // order here, as every backend records.
            const std::size_t old_size = pop.pending.neurons.size();
            pop.pending.neurons.insert(pop.pending.neurons.end(), ids[p], ids[p] + fill[p]);
            auto from = pop.pending.neurons.begin() + static_cast<std::ptrdiff_t>(old_size);
            for (uint64_t k = 0; k < steps; ++k) {
                const auto to = from + counts[p][k];
                if (!std::is_sorted(from, to)) std::sort(from, to);
                from = to;
                pop.pending.steps.insert(pop.pending.steps.end(), counts[p][k], first + k);
            }
            pop.recorded_fill.zero(stream_);
        }
        for (std::size_t k = 0; k < samplers_.size(); ++k) {
            GpuSampler& s = samplers_[k];
            s.pending.values.insert(s.pending.values.end(), values[k], values[k] + sample_values(k));
            s.pending.steps.insert(s.pending.steps.end(), due[k].begin(), due[k].end());
            s.filled.zero(stream_);
        }
        char* clock_bytes = reinterpret_cast<char*>(clock_.data());
        AXON_CUDA_CHECK(
            cudaMemsetAsync(clock_bytes + offsetof(cuda::DeviceClock, since_drain), 0, sizeof(unsigned int), stream_));
        steps_since_drain_ = 0;
    }

    struct ProjectionEnds {
        uint32_t pre, post, receptor;
    };

    CudaOptions options_{};
    cudaStream_t stream_ = nullptr;
    uint64_t seed_ = 0;
    double dt_ = 0.1;
    int host_threads_ = 1;  // CPU threads of construction
    Step step_ = 0;
    uint64_t drain_steps_ = 1, steps_since_drain_ = 0;
    uint32_t total_neurons_ = 0, max_blocks_ = 1;
    std::vector<GpuPopulation> pops_;
    std::vector<GpuProjection> projs_;
    std::vector<ProjectionEnds> net_projection_ends_;
    std::vector<InputSetup> inputs_;
    std::vector<GpuSampler> samplers_;
    std::vector<WeightSeries> weight_series_;
    DeviceBuffer<unsigned long long> counters_device_;  // synaptic events, input kicks
    DeviceBuffer<uint32_t> overflow_;

    // The step pipeline: the clock, the step's flags and spike list, archived lists for
    // plasticity, the descriptor tables with their launch sizes, and the captured graphs.
    DeviceBuffer<cuda::DeviceClock> clock_;
    DeviceBuffer<uint8_t> fired_, select_temp_;
    GpuSpikeList spikes_;
    std::vector<GpuSourceHistory> sources_;
    std::vector<uint32_t> source_of_;  // population -> its index in sources_
    DeviceBuffer<cuda::SourceHistoryDesc> source_descs_;
    DeviceBuffer<cuda::PopulationDesc> pop_descs_;
    DeviceBuffer<cuda::InputDesc> input_descs_;
    std::vector<cuda::InputDesc> input_host_;       // input_descs_ on the host (set_poisson_rate)
    std::vector<DeviceBuffer<PoissonNeuronRate>> input_rates_;  // per input: its rates per neuron, or none
    std::vector<uint32_t> input_desc_index_;        // network input -> its entry in input_descs_
    DeviceBuffer<cuda::TraceDesc> trace_descs_;
    DeviceBuffer<cuda::ProjectionDesc> proj_descs_;
    DeviceBuffer<cuda::LearningDesc> learn_descs_;
    DeviceBuffer<cuda::RecordDesc> record_descs_;
    DeviceBuffer<cuda::SamplerDesc> sampler_descs_;
    uint32_t update_blocks_ = 0, propagate_blocks_ = 1, learning_blocks_ = 1, persistent_blocks_ = 1;
    uint32_t n_projections_ = 0, n_learning_ = 0, n_records_ = 0;
    uint32_t largest_recorded_ = 0, largest_source_ = 0;
    uint64_t largest_sample_ = 0;
    cuda::FusedPlan fused_{};               // the fused and persistent steps' tables
    std::vector<StepLaunch> launches_;      // one step's (engine/src/cuda_step_schedule.hpp)
    uint32_t kernels_per_step_ = 0;
    uint64_t kernels_ = 0, host_launches_ = 0;
    mutable uint64_t host_syncs_ = 0;
    cuda::StepGraph graph_many_, graph_one_;
    cuda::PinnedStaging staging_;  // the drains' two batches of copies
    cuda::PhaseEvents phases_;  // profiling only
    bool failed_ = false;       // an error mid-run: the device state is unknown
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend() { return std::make_unique<CudaBackend>(); }

}  // namespace axon::detail
