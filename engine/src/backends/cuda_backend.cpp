#include "cuda_backend.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "../../../kernels/cuda/connectivity.cuh"
#include "../../../kernels/cuda/cuda_check.hpp"
#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/cuda/neuron_update.cuh"
#include "../../../kernels/cuda/plasticity.cuh"
#include "../../../kernels/cuda/propagate.cuh"
#include "../../../kernels/cuda/record.cuh"
#include "../../../kernels/models/random.hpp"
#include "../backend_setup.hpp"
#include "../draw_params.hpp"
#include "../model_params.hpp"
#include "axon/errors.hpp"
#include "axon/memory.hpp"

namespace axon::detail {
namespace {

using cuda::DeviceBuffer;

/// Spike ids the device recording buffers hold between two drains, in all.
constexpr uint64_t kRecordCapacity = uint64_t{1} << 24;
constexpr uint64_t kMaxDrainSteps = 10000;

template <class T>
DeviceBuffer<T> upload(const std::vector<T>& host) {
    DeviceBuffer<T> d;
    d.upload(host);
    return d;
}

struct GpuPopulation {
    PopulationSetup setup;
    DeviceBuffer<float> v, theta, i_exc, i_inh, i_ext;
    DeviceBuffer<int32_t> refractory;
    DeviceBuffer<Fixed> ring;
    uint32_t n_slots = 1;
    DeviceBuffer<uint8_t> fired;
    DeviceBuffer<uint32_t> spikes, count;  // this step's ascending list and its length
    DeviceBuffer<uint8_t> select_temp;
    // Recording since the last drain: ids, the count per step, the fill level.
    DeviceBuffer<uint32_t> recorded_ids, step_counts;
    DeviceBuffer<unsigned long long> recorded_fill;
    uint64_t record_capacity = 0;
    SpikeTrain pending;

    uint32_t size() const { return setup.size; }
    LifStateView state() {
        return LifStateView{v.data(), theta.data(), i_exc.empty() ? nullptr : i_exc.data(),
                            i_inh.empty() ? nullptr : i_inh.data(), refractory.data(), i_ext.data(), setup.size};
    }
    RingView ring_view() { return RingView{ring.data(), n_slots, setup.n_receptors, setup.size}; }
};

struct GpuLearning {
    PlasticityStepParams params{};
    uint32_t delay = 1;
    std::vector<DeviceBuffer<uint32_t>> in_flight;  // delay + 1 spike lists
    DeviceBuffer<uint32_t> in_flight_counts;
    DeviceBuffer<float> x_pre, y_post;
    DeviceBuffer<uint64_t> column_start;
    DeviceBuffer<uint32_t> column_synapse, column_pre;
};

struct GpuProjection {
    DeviceBuffer<uint64_t> row_start;
    DeviceBuffer<uint32_t> post;
    DeviceBuffer<float> weight;
    DeviceBuffer<uint16_t> delay;
    float weight_const = 0;
    uint16_t delay_const = 1;
    uint64_t synapses = 0;
    uint32_t pre = 0, post_pop = 0, receptor = 0;
    std::unique_ptr<GpuLearning> learning;

    CsrView view() const {
        return CsrView{row_start.data(), post.data(), weight.empty() ? nullptr : weight.data(),
                       delay.empty() ? nullptr : delay.data(), weight_const, delay_const,
                       static_cast<uint32_t>(row_start.size() - 1)};
    }
};

struct GpuSampler {
    SampleSeries pending;  // host side: steps and values drained so far
    DeviceBuffer<uint32_t> ids, vars;
    DeviceBuffer<float> buffer;  // samples since the last drain
    uint32_t capacity = 0, filled = 0;
    std::vector<Step> filled_steps;
};

class CudaBackend final : public Backend {
public:
    ~CudaBackend() override {
        if (stream_) cudaStreamDestroy(stream_);
    }

    std::string_view name() const override { return "cuda"; }

    void load(const Network& net, const BackendOptions& options) override {
        seed_ = net.seed();
        check_memory(net);
        AXON_CUDA_CHECK(cudaStreamCreate(&stream_));
        counters_device_.resize(2);
        counters_device_.zero(stream_);
        overflow_.resize(1);
        overflow_.zero(stream_);

        const auto& pops = net.populations();
        pops_.resize(pops.size());
        uint64_t recorded_neurons = 0;
        for (uint32_t p = 0; p < pops.size(); ++p) {
            pops_[p].setup = population_setup(net, p);
            if (pops_[p].setup.recorded) recorded_neurons += pops_[p].size();
        }
        // Steps between drains: the recording buffers hold the worst case (every recorded
        // neuron spiking every step), so they can never overflow.
        drain_steps_ = std::clamp<uint64_t>(recorded_neurons ? kRecordCapacity / recorded_neurons : kMaxDrainSteps, 1,
                                            kMaxDrainSteps);

        std::vector<uint32_t> max_delay(pops.size(), 1);
        const int host_threads = options.threads > 0 ? options.threads : omp_get_max_threads();  // building: host
        for (uint32_t k = 0; k < net.projections().size(); ++k) {
            const ProjectionSpec& spec = net.projections()[k];
            uint32_t projection_max_delay = 1;
            if (builds_on_device(net, spec)) {
                projs_.push_back(build_on_device(net, ProjectionId{k}, projection_max_delay));
            } else {
                SynapseMatrix m = build_synapses(net, ProjectionId{k}, host_threads);
                projection_max_delay = m.max_delay();
                projs_.push_back(upload_projection(net, spec, std::move(m)));
            }
            max_delay[spec.post.index] = std::max(max_delay[spec.post.index], projection_max_delay);
        }
        for (uint32_t k = 0; k < net.poisson_inputs().size(); ++k) {
            inputs_.push_back(input_setup(net, k));
            max_delay[inputs_.back().target] = std::max(max_delay[inputs_.back().target], inputs_.back().delay_steps);
        }
        for (uint32_t p = 0; p < pops.size(); ++p) init_population(pops_[p], max_delay[p]);
        for (const SamplerSpec& s : net.samplers()) init_sampler(s);
        for (const WeightRecorderSpec& w : net.weight_recorders()) {
            WeightSeries series;
            series.projection = w.projection;
            series.every_steps = w.every_steps;
            series.synapses = projs_[w.projection.index].synapses;
            weight_series_.push_back(std::move(series));
        }
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
    }

    void advance(uint64_t n_steps) override {
        for (uint64_t k = 0; k < n_steps; ++k) {
            step_once();
            if (steps_since_drain_ == drain_steps_) collect_recordings();
        }
    }

    void drain(Recording& into) override {
        collect_recordings();
        into.spikes.resize(pops_.size());
        into.samples.resize(samplers_.size());
        into.weights.resize(weight_series_.size());
        for (std::size_t p = 0; p < pops_.size(); ++p) move_pending(pops_[p].pending, into.spikes[p]);
        for (std::size_t s = 0; s < samplers_.size(); ++s) move_pending(samplers_[s].pending, into.samples[s]);
        for (std::size_t w = 0; w < weight_series_.size(); ++w) move_pending(weight_series_[w], into.weights[w]);
    }

    std::vector<float> read_state(PopulationId id, StateVar var) const override {
        const GpuPopulation& pop = pops_.at(id.index);
        if (pop.setup.model == NeuronModel::poisson) throw ConfigError("read_state: poisson populations have no state");
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
        switch (var) {
        case StateVar::v: return pop.v.download();
        case StateVar::theta: return pop.theta.download();
        case StateVar::i_exc: return pop.i_exc.empty() ? std::vector<float>(pop.size(), 0.0f) : pop.i_exc.download();
        case StateVar::i_inh: return pop.i_inh.empty() ? std::vector<float>(pop.size(), 0.0f) : pop.i_inh.download();
        case StateVar::refractory: {
            const std::vector<int32_t> r = pop.refractory.download();
            return std::vector<float>(r.begin(), r.end());
        }
        }
        return {};
    }

    void set_input_current(PopulationId id, const std::vector<float>& i_pA) override {
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
        pops_.at(id.index).i_ext.upload(i_pA);
    }

    Connections read_connections(ProjectionId id) const override {
        const GpuProjection& p = projs_.at(id.index);
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
        Connections c;
        c.row_start = p.row_start.download();
        c.post = p.post.download();
        c.weight = p.weight.empty() ? std::vector<float>(p.synapses, p.weight_const) : p.weight.download();
        c.delay_steps = p.delay.empty() ? std::vector<uint16_t>(p.synapses, p.delay_const) : p.delay.download();
        return c;
    }

    void write_weights(ProjectionId id, const std::vector<float>& weights) override {
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
        projs_.at(id.index).weight.upload(weights);
    }

    uint64_t synapse_count(ProjectionId id) const override { return projs_.at(id.index).synapses; }

    BackendCounters counters() const override {
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
        const std::vector<unsigned long long> c = counters_device_.download();
        BackendCounters out;
        out.steps = step_;
        out.synaptic_events = c[0];
        out.input_events = c[1];
        return out;
    }

private:
    void check_memory(const Network& net) const {
        size_t free_bytes = 0, total_bytes = 0;
        AXON_CUDA_CHECK(cudaMemGetInfo(&free_bytes, &total_bytes));
        const MemoryPlan plan = estimate_memory(net, "cuda");
        uint64_t bytes = 0;
        for (const MemoryPart& part : plan.parts)
            if (part.name.find("scratch") == std::string::npos) bytes += part.bytes;  // construction runs on the host
        bytes += kRecordCapacity * sizeof(uint32_t) + (uint64_t{32} << 20);            // recordings, CUB scratch
        uint64_t build_scratch = 0;  // device construction sorts (pre, post) pairs: about 24 B each
        for (const ProjectionSpec& p : net.projections()) {
            if (p.plasticity.plastic())  // spike lists in flight: (delay + 1) lists of n_pre
                bytes += 4ull * (net.delay_steps(p.delay_ms->value) + 1) * net.population(p.pre).size;
            if (builds_on_device(net, p)) build_scratch = std::max(build_scratch, 24 * expected_synapses(net, p));
        }
        bytes += build_scratch;
        if (bytes > free_bytes)
            throw CapacityError("network needs about " + format_bytes(bytes) +
                                " of device memory but only " + format_bytes(free_bytes) + " of " +
                                format_bytes(total_bytes) + " is free (" + std::to_string(plan.neurons) + " neurons, " +
                                std::to_string(plan.expected_synapses) + " synapses)");
    }

    // The device builds the random rules itself; the host builds (and uploads) what needs a
    // sequential draw (no multapses), a transposed index (plasticity) or more than 2^31 synapses.
    static bool builds_on_device(const Network& net, const ProjectionSpec& spec) {
        using Kind = ConnectRule::Kind;
        const ConnectRule& r = spec.rule;
        if (spec.plasticity.plastic()) return false;
        if (!r.multapses && (r.kind == Kind::fixed_outdegree || r.kind == Kind::fixed_indegree ||
                             r.kind == Kind::fixed_total_number))
            return false;
        if (r.kind == Kind::fixed_probability && r.p <= 0.0) return false;
        return expected_synapses(net, spec) < (uint64_t{1} << 31);
    }

    GpuProjection build_on_device(const Network& net, ProjectionId id, uint32_t& max_delay) {
        const ProjectionSpec& spec = net.projections()[id.index];
        using Kind = ConnectRule::Kind;
        cuda::DeviceRuleParams r{};
        r.n_pre = net.population(spec.pre).size;
        r.n_post = net.population(spec.post).size;
        r.no_autapses = spec.pre == spec.post && !spec.rule.autapses;
        r.seed = net.seed();
        r.stream = rng_stream(RngPurpose::connectivity, id.index);
        r.k = spec.rule.n;
        switch (spec.rule.kind) {
        case Kind::all_to_all: r.rule = cuda::DeviceRule::all_to_all; break;
        case Kind::one_to_one: r.rule = cuda::DeviceRule::one_to_one; break;
        case Kind::fixed_probability:
            // p >= 1 is all_to_all, as in the host builder; log(1 - p) in double, then float.
            r.rule = spec.rule.p >= 1.0 ? cuda::DeviceRule::all_to_all : cuda::DeviceRule::fixed_probability;
            r.log1m_p = static_cast<float>(std::log1p(-spec.rule.p));
            break;
        case Kind::fixed_outdegree: r.rule = cuda::DeviceRule::fixed_outdegree; break;
        case Kind::fixed_indegree: r.rule = cuda::DeviceRule::fixed_indegree; break;
        case Kind::fixed_total_number: r.rule = cuda::DeviceRule::fixed_total_number; break;
        }
        cuda::DeviceCsr csr = cuda::build_structure_on_device(r, stream_);
        GpuProjection p;
        p.pre = spec.pre.index;
        p.post_pop = spec.post.index;
        p.receptor = pops_[spec.post.index].setup.receptor_lane(spec.receptor);
        p.synapses = csr.size;
        p.row_start = std::move(csr.row_start);
        p.post = std::move(csr.post);
        const auto dt = static_cast<float>(net.dt_ms());
        if (spec.weight.is_constant()) {
            p.weight_const = static_cast<float>(spec.weight.value);
        } else {
            p.weight.resize(p.synapses);
            cuda::draw_weights_on_device(draw_params(spec.weight), net.seed(), rng_stream(RngPurpose::weight, id.index),
                                         p.weight.data(), p.synapses, stream_);
        }
        const Distribution& delay = *spec.delay_ms;
        if (delay.is_constant()) {
            p.delay_const = delay_steps_from_ms(static_cast<float>(delay.value), dt);
            max_delay = p.delay_const;
        } else {
            p.delay.resize(p.synapses);
            cuda::draw_delays_on_device(draw_params(delay), net.seed(), rng_stream(RngPurpose::delay, id.index), dt,
                                        p.delay.data(), p.synapses, stream_);
            max_delay = cuda::max_delay_on_device(p.delay.data(), p.synapses, stream_);
        }
        return p;
    }

    GpuProjection upload_projection(const Network& net, const ProjectionSpec& spec, SynapseMatrix m) {
        GpuProjection p;
        p.pre = spec.pre.index;
        p.post_pop = spec.post.index;
        p.receptor = pops_[spec.post.index].setup.receptor_lane(spec.receptor);
        p.synapses = m.size();
        p.weight_const = m.weight_const;
        p.delay_const = m.delay_const;
        if (spec.plasticity.plastic()) {
            if (m.weight.empty()) m.weight.assign(m.size(), m.weight_const);  // plastic weights differ
            auto l = std::make_unique<GpuLearning>();
            l->params = plasticity_step_params(spec.plasticity, net.dt_ms());
            l->delay = m.delay_const;
            const uint32_t n_pre = net.population(spec.pre).size, n_post = net.population(spec.post).size;
            for (uint32_t k = 0; k <= l->delay; ++k) l->in_flight.emplace_back(n_pre);
            l->in_flight_counts.resize(l->delay + 1);
            l->in_flight_counts.zero(stream_);
            l->x_pre.resize(n_pre);
            l->x_pre.zero(stream_);
            l->y_post.resize(n_post);
            l->y_post.zero(stream_);
            Transpose t = transpose(m, n_post);
            l->column_start = upload(t.column_start);
            l->column_synapse = upload(t.synapse);
            l->column_pre = upload(t.pre);
            p.learning = std::move(l);
        }
        p.row_start = upload(m.row_start);
        p.post = upload(m.post);
        if (!m.weight.empty()) p.weight = upload(m.weight);
        if (!m.delay.empty()) p.delay = upload(m.delay);
        return p;
    }

    void init_population(GpuPopulation& pop, uint32_t max_delay) {
        const PopulationSetup& s = pop.setup;
        pop.fired.resize(s.size);
        pop.spikes.resize(s.size);
        pop.count.resize(1);
        pop.count.zero(stream_);
        const std::size_t temp = cuda::select_spikes_temp_bytes(s.size);
        pop.select_temp.resize(temp ? temp : 1);
        if (s.recorded) {
            pop.record_capacity = drain_steps_ * s.size;
            pop.recorded_ids.resize(pop.record_capacity);
            pop.step_counts.resize(drain_steps_);
            pop.recorded_fill.resize(1);
            pop.recorded_fill.zero(stream_);
        }
        if (s.model == NeuronModel::poisson) return;
        pop.v = upload(s.v);
        pop.theta = upload(std::vector<float>(s.size, s.lif.theta_0));
        if (s.model == NeuronModel::lif_exp) {
            pop.i_exc = upload(std::vector<float>(s.size, 0.0f));
            pop.i_inh = upload(std::vector<float>(s.size, 0.0f));
        }
        pop.refractory = upload(std::vector<int32_t>(s.size, 0));
        pop.i_ext = upload(std::vector<float>(s.size, s.i_e));
        pop.n_slots = max_delay + 1;
        pop.ring.resize(static_cast<std::size_t>(pop.n_slots) * s.n_receptors * s.size);
        pop.ring.zero(stream_);
    }

    void init_sampler(const SamplerSpec& spec) {
        GpuSampler s;
        s.pending.population = spec.population;
        s.pending.neurons = spec.neurons;
        s.pending.vars = spec.vars;
        s.pending.every_steps = spec.every_steps;
        s.ids = upload(std::vector<uint32_t>(spec.neurons.begin(), spec.neurons.end()));
        std::vector<uint32_t> vars;
        for (StateVar v : spec.vars) vars.push_back(static_cast<uint32_t>(v));
        s.vars = upload(vars);
        s.capacity = static_cast<uint32_t>(drain_steps_ / spec.every_steps + 1);
        s.buffer.resize(static_cast<std::size_t>(s.capacity) * spec.vars.size() * spec.neurons.size());
        samplers_.push_back(std::move(s));
    }

    // One pass of the pipeline, all launches asynchronous on stream_.
    void step_once() {
        const Step t = step_;
        for (GpuPopulation& pop : pops_) {
            const auto slot = static_cast<uint32_t>(t % pop.n_slots);
            switch (pop.setup.model) {
            case NeuronModel::lif_exp:
                cuda::launch_lif_exp_update(pop.setup.lif, pop.state(), pop.ring_view(), slot, pop.fired.data(), stream_);
                break;
            case NeuronModel::lif_delta:
                cuda::launch_lif_delta_update(pop.setup.lif, pop.state(), pop.ring_view(), slot, pop.fired.data(), stream_);
                break;
            case NeuronModel::poisson:
                cuda::launch_poisson_population(pop.setup.p_spike, seed_, pop.setup.stream, t, pop.size(),
                                                pop.fired.data(), stream_);
                break;
            }
            cuda::select_spikes(pop.fired.data(), pop.size(), pop.spikes.data(), pop.count.data(),
                                pop.select_temp.data(), pop.select_temp.size(), stream_);
        }
        for (const InputSetup& in : inputs_) {
            GpuPopulation& pop = pops_[in.target];
            const auto slot = static_cast<uint32_t>((t + in.delay_steps) % pop.n_slots);
            cuda::launch_poisson_input(in.params, in.weight, seed_, in.stream, t,
                                       pop.ring_view().lane(slot, pop.setup.receptor_lane(in.receptor)), pop.size(),
                                       counters_device_.data() + 1, stream_);
        }
        for (GpuProjection& proj : projs_) {
            GpuPopulation& pre = pops_[proj.pre];
            GpuPopulation& post = pops_[proj.post_pop];
            cuda::launch_propagate(proj.view(), pre.spikes.data(), pre.count.data(), pre.size(), post.ring_view(),
                                   proj.receptor, static_cast<uint32_t>(t % post.n_slots), counters_device_.data(), stream_);
        }
        for (GpuProjection& proj : projs_)
            if (proj.learning) learn(t, proj);
        record(t);
        ++step_;
        ++steps_since_drain_;
    }

    void learn(Step t, GpuProjection& proj) {
        GpuLearning& l = *proj.learning;
        GpuPopulation& pre = pops_[proj.pre];
        GpuPopulation& post = pops_[proj.post_pop];
        cuda::launch_decay_traces(l.x_pre.data(), pre.size(), l.params.decay_pre, stream_);
        cuda::launch_decay_traces(l.y_post.data(), post.size(), l.params.decay_post, stream_);
        const uint32_t slots = l.delay + 1;
        const auto now = static_cast<uint32_t>(t % slots), arriving = static_cast<uint32_t>((t + 1) % slots);
        cuda::launch_copy_spike_list(pre.spikes.data(), pre.count.data(), pre.size(), l.in_flight[now].data(),
                                     l.in_flight_counts.data() + now, stream_);
        cuda::launch_learn_on_arrivals(l.params, proj.row_start.data(), proj.post.data(), proj.weight.data(),
                                       l.in_flight[arriving].data(), l.in_flight_counts.data() + arriving, pre.size(),
                                       l.x_pre.data(), l.y_post.data(), stream_);
        cuda::launch_learn_on_post_spikes(
            l.params, cuda::TransposeDeviceView{l.column_start.data(), l.column_synapse.data(), l.column_pre.data()},
            proj.weight.data(), post.spikes.data(), post.count.data(), post.size(), l.x_pre.data(), l.y_post.data(),
            stream_);
    }

    void record(Step t) {
        const auto index = static_cast<uint32_t>(steps_since_drain_);
        for (GpuPopulation& pop : pops_)
            if (pop.setup.recorded)
                cuda::launch_record_spikes(pop.spikes.data(), pop.count.data(), pop.size(), pop.recorded_ids.data(),
                                           pop.record_capacity, pop.recorded_fill.data(), pop.step_counts.data(), index,
                                           overflow_.data(), stream_);
        for (GpuSampler& s : samplers_) {
            if ((t + 1) % s.pending.every_steps != 0) continue;
            const std::size_t per_sample = s.pending.vars.size() * s.pending.neurons.size();
            cuda::launch_sample_state(pops_[s.pending.population.index].state(), s.ids.data(),
                                      static_cast<uint32_t>(s.pending.neurons.size()), s.vars.data(),
                                      static_cast<uint32_t>(s.pending.vars.size()), s.buffer.data() + s.filled * per_sample,
                                      stream_);
            s.filled_steps.push_back(t);
            ++s.filled;
        }
        for (WeightSeries& w : weight_series_) {
            if ((t + 1) % w.every_steps != 0) continue;
            // Snapshots are rare: a synchronous copy keeps them simple.
            const GpuProjection& p = projs_[w.projection.index];
            AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
            const std::vector<float> values =
                p.weight.empty() ? std::vector<float>(p.synapses, p.weight_const) : p.weight.download();
            w.steps.push_back(t);
            w.values.insert(w.values.end(), values.begin(), values.end());
        }
    }

    // The routine synchronisation point: bring the device recordings since the last drain
    // into the host-side pending records, and reset the device buffers.
    void collect_recordings() {
        if (steps_since_drain_ == 0) return;
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream_));
        if (overflow_.download()[0] != 0)
            throw CapacityError("a device spike recording buffer overflowed (this is a bug: buffers are sized for the "
                                "worst case)");
        const Step first = step_ - steps_since_drain_;
        for (GpuPopulation& pop : pops_) {
            if (!pop.setup.recorded) continue;
            const uint64_t fill = pop.recorded_fill.download()[0];
            const std::vector<uint32_t> ids = pop.recorded_ids.download(fill);
            const std::vector<uint32_t> counts = pop.step_counts.download(steps_since_drain_);
            for (uint64_t k = 0; k < steps_since_drain_; ++k)
                pop.pending.steps.insert(pop.pending.steps.end(), counts[k], first + k);
            pop.pending.neurons.insert(pop.pending.neurons.end(), ids.begin(), ids.end());
            pop.recorded_fill.zero(stream_);
        }
        for (GpuSampler& s : samplers_) {
            const std::size_t per_sample = s.pending.vars.size() * s.pending.neurons.size();
            const std::vector<float> values = s.buffer.download(s.filled * per_sample);
            s.pending.values.insert(s.pending.values.end(), values.begin(), values.end());
            s.pending.steps.insert(s.pending.steps.end(), s.filled_steps.begin(), s.filled_steps.end());
            s.filled = 0;
            s.filled_steps.clear();
        }
        steps_since_drain_ = 0;
    }

    cudaStream_t stream_ = nullptr;
    uint64_t seed_ = 0;
    Step step_ = 0;
    uint64_t drain_steps_ = 1, steps_since_drain_ = 0;
    std::vector<GpuPopulation> pops_;
    std::vector<GpuProjection> projs_;
    std::vector<InputSetup> inputs_;
    std::vector<GpuSampler> samplers_;
    std::vector<WeightSeries> weight_series_;
    DeviceBuffer<unsigned long long> counters_device_;  // synaptic events, input kicks
    DeviceBuffer<uint32_t> overflow_;
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend() { return std::make_unique<CudaBackend>(); }

}  // namespace axon::detail
