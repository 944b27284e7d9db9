#include "cpu_backend.hpp"

#include <omp.h>

#include <algorithm>
#include <stdexcept>

#include "../../../kernels/cpu/isa.hpp"
#include "../../../kernels/cpu/neuron_update.hpp"
#include "../../../kernels/cpu/plasticity.hpp"
#include "../../../kernels/cpu/poisson_input.hpp"
#include "../../../kernels/cpu/propagate.hpp"
#include "../../../kernels/cpu/record.hpp"
#include "../../../kernels/models/record.hpp"
#include "../backend_setup.hpp"
#include "../backend_state.hpp"
#include "../connectivity_setup.hpp"
#include "../phase_clock.hpp"
#include "../model_params.hpp"
#include "../model_registry.hpp"
#include "axon/errors.hpp"
#include "axon/log.hpp"

namespace axon::detail {
namespace {

struct CpuPopulation {
    NeuronModel model = NeuronModel::lif_exp;
    uint32_t size = 0;
    ModelConstants constants{};
    uint32_t stream = 0;
    std::vector<std::vector<float>> state;  // the model's state variables, in its order
    std::vector<float> i_ext;
    std::vector<Fixed> ring;
    uint32_t n_slots = 1, n_receptors = 1;
    std::vector<uint32_t> spikes;  // this step's, ascending
    std::shared_ptr<const SpikeReplay> replay;  // spike_source only

    StepContext step_context(uint64_t seed, Step t) const {
        return replay ? StepContext{seed, stream, t, replay->start.data(), replay->step.data()} : StepContext{seed, stream, t};
    }
    bool recorded = false;
    SpikeTrain pending;

    cpu::PopulationArrays arrays() {
        cpu::PopulationArrays a{};
        for (std::size_t v = 0; v < state.size(); ++v) a.state[v] = state[v].data();
        a.i_ext = i_ext.data();
        a.size = size;
        return a;
    }
    RingView ring_view() { return RingView{ring.data(), n_slots, n_receptors, size}; }
    uint32_t receptor_lane(Receptor r) const { return model_info(model).lane(r).value_or(0); }
};

// The learning state of a plastic projection: traces, the presynaptic spikes still on their
// way to the synapses (a ring of delay + 1 spike lists), and the transposed index.
struct CpuLearning {
    PlasticityStepParams params{};
    uint32_t delay = 1;
    std::vector<std::vector<uint32_t>> in_flight;
    std::vector<float> x_pre, y_post;
    Transpose columns;

    cpu::TransposeView column_view() const {
        return cpu::TransposeView{columns.column_start.data(), columns.synapse.data(), columns.pre.data(),
                                  static_cast<uint32_t>(columns.column_start.size() - 1)};
    }
};

struct CpuProjection {
    cpu::SynapseMatrix synapses;
    uint32_t pre = 0, post = 0, receptor = 0;
    std::unique_ptr<CpuLearning> learning;  // plastic projections only
};

struct CpuInput {
    PoissonCountParams params{};
    std::vector<PoissonNeuronRate> rates;  ///< a rate per neuron (set_poisson_rates), else empty: params
    Fixed weight = 0;
    uint32_t target = 0, receptor = 0, delay_steps = 1, stream = 0;
};

class CpuBackend final : public Backend {
public:
    std::string_view name() const override { return "cpu"; }

    void load(const Network& net, const BackendOptions& options) override {
        try {  // a wrong AXON_CPU_ISA is reported before anything is built
            logger().debug("cpu backend: {} loops", cpu::to_string(cpu::active_isa()));
        } catch (const std::invalid_argument& e) {
            throw ConfigError(e.what());
        }
        threads_ = options.threads > 0 ? options.threads : omp_get_max_threads();
        phase_clock_ = PhaseClock({"update", "inputs", "propagate", "learn", "record"}, options.profile);
        seed_ = net.seed();
        dt_ = net.dt_ms();
        const auto& pops = net.populations();
        pops_.resize(pops.size());
        for (uint32_t p = 0; p < pops.size(); ++p) init_population(net, p);

        std::vector<uint32_t> max_delay(pops.size(), 1);
        for (uint32_t k = 0; k < net.projections().size(); ++k) {
            const ProjectionSpec& spec = net.projections()[k];
            CpuProjection proj;
            proj.synapses = build_synapses(net, ProjectionId{k}, threads_);
            proj.pre = spec.pre.index;
            proj.post = spec.post.index;
            proj.receptor = pops_[proj.post].receptor_lane(spec.receptor);
            max_delay[proj.post] = std::max<uint32_t>(max_delay[proj.post], proj.synapses.max_delay());
            if (spec.plasticity.plastic()) init_learning(net, spec, proj);
            projs_.push_back(std::move(proj));
        }
        for (uint32_t k = 0; k < net.poisson_inputs().size(); ++k) {
            const InputSetup setup = input_setup(net, k);
            CpuInput in;
            in.params = setup.params;
            in.weight = setup.weight;
            in.target = setup.target;
            in.receptor = pops_[in.target].receptor_lane(setup.receptor);
            in.delay_steps = setup.delay_steps;
            in.stream = setup.stream;
            max_delay[in.target] = std::max(max_delay[in.target], in.delay_steps);
            inputs_.push_back(in);
        }
        for (uint32_t p = 0; p < pops_.size(); ++p) {
            CpuPopulation& pop = pops_[p];
            if (model_info(pop.model).receptors == 0) continue;  // takes no input: no ring
            pop.n_slots = max_delay[p] + 1;
            pop.ring.assign(static_cast<std::size_t>(pop.n_slots) * pop.n_receptors * pop.size, 0);
        }
        for (const WeightRecorderSpec& w : net.weight_recorders()) {
            WeightSeries series;
            series.projection = w.projection;
            series.every_steps = w.every_steps;
            series.synapses = projs_[w.projection.index].synapses.size();
            weight_series_.push_back(std::move(series));
        }
        for (const SamplerSpec& s : net.samplers()) {
            sampler_vars_.push_back(sampler_state_indices(net, s));
            SampleSeries series;
            series.population = s.population;
            series.neurons = s.neurons;
            series.vars = s.vars;
            series.every_steps = s.every_steps;
            samplers_.push_back(std::move(series));
        }
    }

    void advance(uint64_t n_steps) override {
        for (uint64_t k = 0; k < n_steps; ++k) step_once();
    }

    void drain(Recording& into) override {
        into.spikes.resize(pops_.size());
        into.samples.resize(samplers_.size());
        into.weights.resize(weight_series_.size());
        for (std::size_t p = 0; p < pops_.size(); ++p) move_pending(pops_[p].pending, into.spikes[p]);
        for (std::size_t s = 0; s < samplers_.size(); ++s) move_pending(samplers_[s], into.samples[s]);
        for (std::size_t w = 0; w < weight_series_.size(); ++w) move_pending(weight_series_[w], into.weights[w]);
    }

    std::vector<float> read_state(PopulationId id, uint32_t var) const override { return pops_.at(id.index).state.at(var); }

    void set_input_current(PopulationId id, const std::vector<float>& i_pA) override {
        CpuPopulation& pop = pops_.at(id.index);
        pop.i_ext = i_pA;
    }

    void write_state(PopulationId id, uint32_t var, const std::vector<float>& values) override {
        pops_.at(id.index).state.at(var) = values;
    }

    void set_poisson_rate(uint32_t input, double rate_Hz) override {
        CpuInput& in = inputs_.at(input);
        in.params = poisson_count_params(rate_Hz, dt_);
        in.rates = {};
    }

    void set_poisson_rates(uint32_t input, const std::vector<double>& rates_Hz) override {
        inputs_.at(input).rates = poisson_neuron_rates(rates_Hz, dt_);
    }

    void reset_state(const Network& net) override {
        for (uint32_t p = 0; p < pops_.size(); ++p) {
            CpuPopulation& pop = pops_[p];
            PopulationSetup setup = population_setup(net, p);
            pop.state = std::move(setup.state);
            pop.i_ext.assign(pop.size, setup.i_e);
            std::fill(pop.ring.begin(), pop.ring.end(), Fixed{0});
            pop.spikes.clear();
        }
        for (CpuProjection& proj : projs_) {
            if (!proj.learning) continue;
            CpuLearning& l = *proj.learning;
            std::fill(l.x_pre.begin(), l.x_pre.end(), 0.0f);
            std::fill(l.y_post.begin(), l.y_post.end(), 0.0f);
            for (auto& list : l.in_flight) list.clear();
        }
    }

    Connections read_connections(ProjectionId id) const override {
        const cpu::SynapseMatrix& m = projs_.at(id.index).synapses;
        Connections c;
        c.row_start = m.row_start;
        c.post = m.post;
        c.weight = m.weight.empty() ? std::vector<float>(m.size(), m.weight_const) : m.weight;
        c.delay_steps = m.delay.empty() ? std::vector<uint16_t>(m.size(), m.delay_const) : m.delay;
        return c;
    }

    void write_weights(ProjectionId id, const std::vector<float>& weights) override {
        cpu::SynapseMatrix& m = projs_.at(id.index).synapses;
        m.weight = weights;
    }

    uint64_t synapse_count(ProjectionId id) const override { return projs_.at(id.index).synapses.size(); }

    BackendCounters counters() const override {
        BackendCounters c = counters_;
        c.threads = threads_;
        c.phases = phase_clock_.totals();
        return c;
    }

    BackendState save_state() const override {
        BackendState s;
        s.step = step_;
        for (const CpuPopulation& pop : pops_) {
            PopulationState& out = s.populations.emplace_back();
            out.state = pop.state;
            if (!pop.state.empty()) out.i_ext = pop.i_ext;
            if (!pop.ring.empty()) {
                out.ring = ring_in_step_order(pop.ring, pop.n_slots, step_);
                out.ring_slots = pop.n_slots;
            }
        }
        for (const CpuProjection& proj : projs_) {
            ProjectionState& out = s.projections.emplace_back();
            out.synapses = proj.synapses.size();
            out.weights = proj.synapses.weight;
            out.weight_const = proj.synapses.weight_const;
            if (!proj.learning) continue;
            const CpuLearning& l = *proj.learning;
            out.x_pre = l.x_pre;
            out.y_post = l.y_post;
            const auto slots = static_cast<uint32_t>(l.in_flight.size());
            for (uint32_t k = 1; k <= l.delay; ++k) out.in_flight.push_back(l.in_flight[slot_before(step_, k, slots)]);
        }
        return s;
    }

    void restore_state(const BackendState& s) override {
        check_fits(s, shape());
        for (std::size_t p = 0; p < pops_.size(); ++p) {
            CpuPopulation& pop = pops_[p];
            const PopulationState& in = s.populations[p];
            pop.state = in.state;
            if (!pop.state.empty()) pop.i_ext = in.i_ext;
            if (!pop.ring.empty()) pop.ring = ring_in_slot_order(in.ring, pop.n_slots, s.step);
        }
        for (std::size_t k = 0; k < projs_.size(); ++k) {
            CpuProjection& proj = projs_[k];
            const ProjectionState& in = s.projections[k];
            cpu::SynapseMatrix& m = proj.synapses;
            if (!in.weights.empty())
                m.weight = in.weights;
            else if (!m.weight.empty())  // set_weights made them per-synapse here, not there
                m.weight.assign(m.size(), in.weight_const);
            if (!proj.learning) continue;
            CpuLearning& l = *proj.learning;
            l.x_pre = in.x_pre;
            l.y_post = in.y_post;
            for (auto& list : l.in_flight) list.clear();
            const auto slots = static_cast<uint32_t>(l.in_flight.size());
            for (uint32_t k = 1; k <= l.delay; ++k) l.in_flight[slot_before(s.step, k, slots)] = in.in_flight[k - 1];
        }
        step_ = s.step;
    }

private:
    StateShape shape() const {
        StateShape shape;
        for (const CpuPopulation& pop : pops_)
            shape.populations.push_back({pop.size, static_cast<uint32_t>(pop.state.size()), pop.ring.size(),
                                         pop.ring.empty() ? 0 : pop.n_slots});
        for (const CpuProjection& proj : projs_)
            shape.projections.push_back({proj.synapses.size(), pops_[proj.pre].size, pops_[proj.post].size,
                                         proj.learning ? proj.learning->delay : 0});
        return shape;
    }

    void init_learning(const Network& net, const ProjectionSpec& spec, CpuProjection& proj) {
        auto l = std::make_unique<CpuLearning>();
        cpu::SynapseMatrix& m = proj.synapses;
        if (m.weight.empty()) m.weight.assign(m.size(), m.weight_const);  // plastic weights differ
        l->params = plasticity_step_params(net, spec);
        l->delay = m.delay_const;
        l->in_flight.resize(l->delay + 1);
        l->x_pre.assign(pops_[proj.pre].size, 0.0f);
        l->y_post.assign(pops_[proj.post].size, 0.0f);
        l->columns = transpose(m, pops_[proj.post].size);
        proj.learning = std::move(l);
    }

    // Phase 5: traces decay; spikes emitted `delay` steps ago arrive at their synapses
    // (presynaptic work), then this step's postsynaptic spikes (postsynaptic work).
    void learn(Step t, CpuProjection& proj) {
        CpuLearning& l = *proj.learning;
        const CpuPopulation& pre = pops_[proj.pre];
        const CpuPopulation& post = pops_[proj.post];
        cpu::decay_traces(l.x_pre.data(), pre.size, trace_factor(l.params.decay_pre, pre_trace_reset(l.params), t));
        cpu::decay_traces(l.y_post.data(), post.size, l.params.decay_post);
        const uint32_t slots = l.delay + 1;
        l.in_flight[t % slots] = pre.spikes;
        const std::vector<uint32_t>& arriving = l.in_flight[(t + 1) % slots];  // emitted at t - delay
        cpu::SynapseMatrix& m = proj.synapses;
        cpu::learn_on_arrivals(l.params, m.row_start.data(), m.post.data(), m.weight.data(),
                               SpikeListView{arriving.data(), static_cast<uint32_t>(arriving.size())}, l.x_pre.data(),
                               l.y_post.data(), threads_);
        if (l.params.rule == PlasticRule::perceptron) {
            if (is_update_step(l.params, t))
                cpu::learn_on_updates(l.params, l.column_view(), m.weight.data(), l.x_pre.data(),
                                      post.state[binary_model::y].data(), post.state[binary_model::target].data(), threads_);
            return;
        }
        cpu::learn_on_post_spikes(l.params, l.column_view(), m.weight.data(),
                                  SpikeListView{post.spikes.data(), static_cast<uint32_t>(post.spikes.size())},
                                  l.x_pre.data(), l.y_post.data(), threads_);
    }

    void init_population(const Network& net, uint32_t p) {
        PopulationSetup setup = population_setup(net, p);
        CpuPopulation& pop = pops_[p];
        pop.model = setup.model;
        pop.size = setup.size;
        pop.recorded = setup.recorded;
        pop.constants = setup.constants;
        pop.stream = setup.stream;
        pop.n_receptors = setup.n_receptors;
        pop.state = std::move(setup.state);
        pop.i_ext.assign(pop.size, setup.i_e);
        pop.replay = setup.replay;
    }

    // One pass of the pipeline: deliver + update, sources, propagate, record.
    void step_once() {
        const Step t = step_;
        phase_clock_.start();
        for (CpuPopulation& pop : pops_) {
            const uint32_t slot = static_cast<uint32_t>(t % pop.n_slots);
            cpu::update_population(pop.model, pop.constants, pop.arrays(), pop.ring_view(), slot,
                                   pop.step_context(seed_, t), scratch_, pop.spikes, threads_);
        }
        phase_clock_.lap(0);
        for (const CpuInput& in : inputs_) {
            CpuPopulation& pop = pops_[in.target];
            const auto slot = static_cast<uint32_t>((t + in.delay_steps) % pop.n_slots);
            Fixed* lane = pop.ring_view().lane(slot, in.receptor);
            counters_.input_events +=
                in.rates.empty()
                    ? cpu::poisson_input(in.params, in.weight, seed_, in.stream, t, lane, pop.size, threads_)
                    : cpu::poisson_input(in.rates.data(), in.weight, seed_, in.stream, t, lane, pop.size, threads_);
        }
        phase_clock_.lap(1);
        for (const CpuProjection& proj : projs_) {
            const CpuPopulation& pre = pops_[proj.pre];
            if (pre.spikes.empty()) continue;
            CpuPopulation& post = pops_[proj.post];
            const SpikeListView spikes{pre.spikes.data(), static_cast<uint32_t>(pre.spikes.size())};
            counters_.synaptic_events += cpu::propagate(proj.synapses.view(), spikes, post.ring_view(), proj.receptor,
                                                        static_cast<uint32_t>(t % post.n_slots), threads_);
        }
        phase_clock_.lap(2);
        for (CpuProjection& proj : projs_)
            if (proj.learning) learn(t, proj);
        phase_clock_.lap(3);
        record(t);
        phase_clock_.lap(4);
        ++step_;
        ++counters_.steps;
    }

    void record(Step t) {
        for (CpuPopulation& pop : pops_)
            if (pop.recorded) cpu::record_spikes(t, pop.spikes, pop.pending.steps, pop.pending.neurons);
        for (WeightSeries& w : weight_series_) {
            if (!record_due(t, w.every_steps)) continue;
            const cpu::SynapseMatrix& m = projs_[w.projection.index].synapses;
            w.steps.push_back(t);
            if (m.weight.empty())
                w.values.insert(w.values.end(), m.size(), m.weight_const);
            else
                w.values.insert(w.values.end(), m.weight.begin(), m.weight.end());
        }
        for (std::size_t k = 0; k < samplers_.size(); ++k) {
            SampleSeries& s = samplers_[k];
            if (!record_due(t, s.every_steps)) continue;
            cpu::sample_state(t, pops_[s.population.index].state, sampler_vars_[k], s.neurons, s.steps, s.values);
        }
    }

    int threads_ = 1;
    uint64_t seed_ = 0;
    double dt_ = 0.1;
    Step step_ = 0;
    std::vector<CpuPopulation> pops_;
    std::vector<CpuProjection> projs_;
    std::vector<CpuInput> inputs_;
    std::vector<SampleSeries> samplers_;
    std::vector<std::vector<uint32_t>> sampler_vars_;  // each sampler's variables, as state indices
    std::vector<WeightSeries> weight_series_;
    cpu::UpdateScratch scratch_;
    BackendCounters counters_;
    PhaseClock phase_clock_;
};

}  // namespace

std::unique_ptr<Backend> make_cpu_backend() { return std::make_unique<CpuBackend>(); }

}  // namespace axon::detail
