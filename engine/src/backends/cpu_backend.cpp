#include "cpu_backend.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>

#include "../../../kernels/cpu/aligned_vector.hpp"
#include "../../../kernels/cpu/isa.hpp"
#include "../../../kernels/cpu/neuron_update.hpp"
#include "../../../kernels/cpu/parallel.hpp"
#include "../../../kernels/cpu/plasticity.hpp"
#include "../../../kernels/cpu/poisson_input.hpp"
#include "../../../kernels/cpu/propagate.hpp"
#include "../../../kernels/cpu/record.hpp"
#include "../../../kernels/cpu/synapse_store.hpp"
#include "../../../kernels/models/poisson_input.hpp"
#include "../../../kernels/models/record.hpp"
#include "../backend_setup.hpp"
#include "../backend_state.hpp"
#include "../connectivity_setup.hpp"
#include "../distributed/shard.hpp"
#include "../distributed/spike_exchange.hpp"
#include "../phase_clock.hpp"
#include "cpu_input_bound.hpp"
#include "../reuse_freed_memory.hpp"
#include "../model_params.hpp"
#include "../model_registry.hpp"
#include "axon/errors.hpp"
#include "axon/log.hpp"

namespace axon::detail {
namespace {

struct CpuPopulation {
    NeuronModel model = NeuronModel::lif_exp;
    uint32_t size = 0;   // the neurons simulated here: this rank's block of the population
    NeuronRange own;     // that block (the whole population in a one-process run)
    uint32_t total = 0;  // the whole population's size
    bool takes_input = false;  // has a ring (on every rank, even one whose block is empty)
    ModelConstants constants{};
    uint32_t stream = 0;
    // The arrays the update streams start on cache lines (aligned_vector.hpp).
    std::vector<cpu::AlignedVector<float>> state;  // the model's state variables, in its order
    cpu::AlignedVector<float> i_ext;
    cpu::AlignedVector<Fixed> ring;
    uint32_t n_slots = 1, n_receptors = 1;
    // Step t's spikes, ascending, indices in the block, at spikes[t % 2]: step t + 1's update
    // may run while step t's learning still reads them (CpuBackend::advance_overlapped).
    std::vector<uint32_t> spikes[2];
    std::vector<uint32_t>& spikes_of_step(Step t) { return spikes[t % 2]; }
    const std::vector<uint32_t>& spikes_of_step(Step t) const { return spikes[t % 2]; }
    std::shared_ptr<const SpikeReplay> replay;  // spike_source only

    StepContext step_context(uint64_t seed, Step t) const {
        StepContext ctx{seed, stream, t};
        if (replay) {
            ctx.replay_start = replay->start.data() + own.first;
            ctx.replay_step = replay->step.data();
        }
        ctx.first = own.first;
        return ctx;
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

    // Whether this step's update may skip theta (cpu::fixed_threshold_holds), checked after the
    // state was written (state_written) and once more after the step that followed, which
    // makes every finite theta of a non-adapting LIF neuron theta_0; then not until the next write.
    enum class Threshold { unknown, recheck, fixed, moving };
    Threshold threshold = Threshold::unknown;
    void state_written() { threshold = Threshold::unknown; }
    bool fixed_threshold() {
        if (threshold == Threshold::unknown || threshold == Threshold::recheck) {
            const bool holds = cpu::fixed_threshold_holds(model, constants, arrays());
            threshold = holds ? Threshold::fixed : threshold == Threshold::unknown ? Threshold::recheck : Threshold::moving;
        }
        return threshold == Threshold::fixed;
    }

    // Whether this step's update may leave out the external current and the bound on V
    // (cpu::lean_step_holds), worked out again after the currents or the constants were written.
    enum class Lean { unknown, holds, fails };
    Lean lean = Lean::unknown;
    void current_written() { lean = Lean::unknown; }
    bool lean_step() {
        if (lean == Lean::unknown) lean = cpu::lean_step_holds(model, constants, arrays()) ? Lean::holds : Lean::fails;
        return lean == Lean::holds;
    }

    // Whether no slot of the ring can leave small_fixed_to_float's range (cpu_input_bound.hpp):
    // worked out before the first step, and again after weights or the ring were written.
    enum class InputRange { unknown, small, any };
    InputRange input_range = InputRange::unknown;
    // Per lane, the largest |value| the ring held when a checkpoint was restored or weights were
    // set (weight units): arrivals the weights now do not bound.
    std::vector<double> held;
    void input_written() { input_range = InputRange::unknown; }
};

// The learning state of a plastic projection: traces (presynaptic: of the whole population, on
// every rank; postsynaptic: of the block), the presynaptic spikes still on their way to the
// synapses (a ring of delay + 1 spike lists), and the transposed index.
struct CpuLearning {
    PlasticityStepParams params{};
    uint32_t delay = 1;
    std::vector<std::vector<uint32_t>> in_flight;
    std::vector<float> x_pre, y_post;
    Transpose columns;

    cpu::TransposeView column_view() const {
        return cpu::TransposeView{columns.column_start.data(), columns.synapse.data(), &columns.pre,
                                  static_cast<uint32_t>(columns.column_start.size() - 1)};
    }
};

struct CpuProjection {
    cpu::SynapseStore synapses;  // onto the block's neurons (post indices in the block)
    std::vector<uint64_t> global_first;  // where each row's synapses sit in the whole projection
    uint64_t global_synapses = 0;
    uint32_t pre = 0, post = 0, receptor = 0;
    double max_indegree = 0;  // synapses onto one postsynaptic neuron, at most (its rule's bound)
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
        shard_ = Shard(options.communicator);
        std::vector<std::string> phases{"update", "inputs", "propagate", "learn", "record"};
        if (shard_.distributed()) phases.emplace_back("exchange");
        phase_clock_ = PhaseClock(std::move(phases), options.profile);
        seed_ = net.seed();
        dt_ = net.dt_ms();
        const auto& pops = net.populations();
        pops_.resize(pops.size());
        for (uint32_t p = 0; p < pops.size(); ++p) init_population(net, p);

        std::vector<uint64_t> max_delay(pops.size(), 1);
        uint64_t min_delay = std::numeric_limits<uint16_t>::max();  // over this rank's synapses: the exchange interval
        bool post_state_learning = false, learning = false;
        // The projections' temporary arrays reuse pages faulted in once; what is built after
        // (the rings, advised to huge pages) gets fresh ones.
        {
            const ReuseFreedMemory reuse;
            for (uint32_t k = 0; k < net.projections().size(); ++k) {
                const ProjectionSpec& spec = net.projections()[k];
                SynapseShard built = build_synapse_shard(net, ProjectionId{k}, shard_, threads_);
                cpu::SynapseMatrix& m = built.synapses;
                CpuProjection proj;
                proj.global_first = std::move(built.global_first);
                proj.global_synapses = built.global_synapses;
                proj.pre = spec.pre.index;
                proj.post = spec.post.index;
                proj.receptor = pops_[proj.post].receptor_lane(spec.receptor);
                proj.max_indegree = max_indegree(spec.rule, pops_[proj.pre].total);
                const cpu::SynapseMatrix::DelayBounds delays = m.delay_bounds(threads_);
                max_delay[proj.post] = std::max<uint64_t>(max_delay[proj.post], delays.max);
                min_delay = std::min<uint64_t>(min_delay, delays.min);
                if (spec.plasticity.plastic()) init_learning(net, spec, proj, m);
                proj.synapses = cpu::SynapseStore::from(std::move(m), pops_[proj.post].size, threads_, delays.max);
                post_state_learning |= proj.learning && proj.learning->params.rule == PlasticRule::perceptron;
                learning |= proj.learning != nullptr;
                projs_.push_back(std::move(proj));
            }
        }
        learns_beside_update_ = threads_ == 2 && !options.profile && learning && !post_state_learning;
        for (uint32_t k = 0; k < net.poisson_inputs().size(); ++k) {
            const InputSetup setup = input_setup(net, k);
            CpuInput in;
            in.params = setup.params;
            in.weight = setup.weight;
            in.target = setup.target;
            in.receptor = pops_[in.target].receptor_lane(setup.receptor);
            in.delay_steps = setup.delay_steps;
            in.stream = setup.stream;
            max_delay[in.target] = std::max<uint64_t>(max_delay[in.target], in.delay_steps);
            inputs_.push_back(in);
        }
        if (shard_.distributed()) {  // every rank's ring as long as the one-process run's
            max_delay = shard_.reduce(std::move(max_delay), Communicator::Reduction::max);
            // Without projections nothing bounds the interval but the spike buffer's size.
            interval_ = exchange_interval(shard_.comm(), min_delay, kMaxExchangeInterval, post_state_learning);
            exchange_ = std::make_unique<SpikeExchange>(shard_.comm(), static_cast<uint32_t>(pops_.size()));
            logger().debug("rank {} of {}: spikes exchanged every {} steps", shard_.rank(), shard_.ranks(), interval_);
        }
        for (uint32_t p = 0; p < pops_.size(); ++p) {
            CpuPopulation& pop = pops_[p];
            if (!pop.takes_input) continue;  // takes no input: no ring
            pop.n_slots = static_cast<uint32_t>(max_delay[p]) + 1;
            const std::size_t ring_size = static_cast<std::size_t>(pop.n_slots) * pop.n_receptors * pop.size;
            pop.ring.reserve(ring_size);  // placed, advised, then touched
            cpu::advise_huge_pages(pop.ring.data(), ring_size * sizeof(Fixed));
            pop.ring.assign(ring_size, 0);
        }
        for (const WeightRecorderSpec& w : net.weight_recorders()) {
            WeightSeries series;
            series.projection = w.projection;
            series.every_steps = w.every_steps;
            series.synapses = projs_[w.projection.index].global_synapses;
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
            const CpuPopulation& pop = pops_[s.population.index];
            SamplerShard& part = sampler_parts_.emplace_back();
            for (uint32_t neuron : s.neurons) {
                part.owner.push_back(shard_.owner(pop.total, neuron));
                if (pop.own.contains(neuron)) part.local.push_back(neuron - pop.own.first);
            }
        }
    }

    void advance(uint64_t n_steps) override {
        if (!exchange_) {
            if (learns_beside_update_) return advance_overlapped(n_steps);
            for (uint64_t k = 0; k < n_steps; ++k) {
                phase_clock_.start();
                local_step(step_, threads_);
                const Step t = step_;
                shared_step(t, [&](uint32_t p) -> const std::vector<uint32_t>& { return pops_[p].spikes_of_step(t); });
                ++step_;
            }
            return;
        }
        // Distributed: each rank steps its blocks through a communication interval, the ranks
        // exchange the interval's spikes, then every rank delivers them and learns, step by step.
        while (n_steps > 0) {
            const auto steps = static_cast<uint32_t>(std::min<uint64_t>(n_steps, interval_));
            exchange_->begin(steps);
            for (uint32_t k = 0; k < steps; ++k) {
                phase_clock_.start();
                local_step(step_ + k, threads_);
                for (const CpuPopulation& pop : pops_) exchange_->add(pop.spikes_of_step(step_ + k), pop.own.first);
            }
            phase_clock_.start();
            const auto start = std::chrono::steady_clock::now();
            exchange_->exchange();
            counters_.communication_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            phase_clock_.lap(5);
            for (uint32_t k = 0; k < steps; ++k) {
                phase_clock_.start();
                shared_step(step_ + k, [&](uint32_t p) -> const std::vector<uint32_t>& { return exchange_->spikes(k, p); });
            }
            step_ += steps;
            n_steps -= steps;
        }
    }

    void drain(Recording& into) override {
        into.spikes.resize(pops_.size());
        into.samples.resize(samplers_.size());
        into.weights.resize(weight_series_.size());
        for (std::size_t p = 0; p < pops_.size(); ++p) move_pending(pops_[p].pending, into.spikes[p]);
        for (std::size_t s = 0; s < samplers_.size(); ++s) {
            if (shard_.distributed()) samplers_[s].values = gather_samples(s);
            move_pending(samplers_[s], into.samples[s]);
        }
        for (std::size_t w = 0; w < weight_series_.size(); ++w) {
            WeightSeries& series = weight_series_[w];
            if (shard_.distributed())
                series.values = shard_.gather_rows(series.values, projs_[series.projection.index].synapses.row_start,
                                                   series.steps.size());
            move_pending(series, into.weights[w]);
        }
    }

    std::vector<float> read_state(PopulationId id, uint32_t var) const override {
        return shard_.gather_block(cpu::to_plain(pops_.at(id.index).state.at(var)));
    }

    void set_input_current(PopulationId id, const std::vector<float>& i_pA) override {
        CpuPopulation& pop = pops_.at(id.index);
        pop.i_ext = cpu::to_aligned(shard_.slice_block(i_pA, pop.total));
        pop.current_written();
    }

    void write_state(PopulationId id, uint32_t var, const std::vector<float>& values) override {
        CpuPopulation& pop = pops_.at(id.index);
        pop.state.at(var) = cpu::to_aligned(shard_.slice_block(values, pop.total));
        pop.state_written();
    }

    void set_poisson_rate(uint32_t input, double rate_Hz) override {
        CpuInput& in = inputs_.at(input);
        in.params = poisson_count_params(rate_Hz, dt_);
        in.rates = {};
    }

    void set_poisson_rates(uint32_t input, const std::vector<double>& rates_Hz) override {
        CpuInput& in = inputs_.at(input);
        in.rates = poisson_neuron_rates(shard_.slice_block(rates_Hz, pops_[in.target].total), dt_);
    }

    void reset_state(const Network& net) override {
        for (uint32_t p = 0; p < pops_.size(); ++p) {
            CpuPopulation& pop = pops_[p];
            PopulationSetup setup = population_setup(net, p);
            pop.state = own_state(setup.state, pop.total);
            pop.state_written();
            pop.i_ext.assign(pop.size, setup.i_e);
            pop.current_written();
            std::fill(pop.ring.begin(), pop.ring.end(), Fixed{0});
            pop.held.clear();
            pop.input_written();
            for (auto& list : pop.spikes) list.clear();
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
        const CpuProjection& proj = projs_.at(id.index);
        const cpu::SynapseStore& m = proj.synapses;
        Connections c;
        c.row_start = shard_.whole_row_start(m.row_start);
        std::vector<uint32_t> post = m.post_values();
        for (uint32_t& j : post) j += pops_[proj.post].own.first;
        c.post = shard_.gather_rows(post, m.row_start);
        c.weight = shard_.gather_rows(m.weight_values(), m.row_start);
        c.delay_steps = shard_.gather_rows(m.delay_values(), m.row_start);
        return c;
    }

    void write_weights(ProjectionId id, const std::vector<float>& weights) override {
        CpuProjection& proj = projs_.at(id.index);
        proj.synapses.weight = own_synapses(proj, weights);
        // The ring may still hold arrivals at the old weights: the bound counts them.
        CpuPopulation& post = pops_[proj.post];
        if (post.takes_input) hold_ring(post);
        post.input_written();
    }

    uint64_t synapse_count(ProjectionId id) const override { return projs_.at(id.index).global_synapses; }

    BackendCounters counters() const override {
        BackendCounters c = counters_;
        c.threads = threads_;
        c.phases = phase_clock_.totals();
        if (exchange_) c.exchanges = exchange_->exchanges();
        return c;
    }

    BackendState save_state() const override {
        BackendState s;
        s.step = step_;
        for (const CpuPopulation& pop : pops_) {
            PopulationState& out = s.populations.emplace_back();
            for (const cpu::AlignedVector<float>& var : pop.state) out.state.push_back(shard_.gather_block(cpu::to_plain(var)));
            if (!pop.state.empty()) out.i_ext = shard_.gather_block(cpu::to_plain(pop.i_ext));
            if (pop.takes_input) {
                out.ring = shard_.gather_segments(ring_in_step_order(cpu::to_plain(pop.ring), pop.n_slots, step_),
                                                  std::size_t{pop.n_slots} * pop.n_receptors);
                out.ring_slots = pop.n_slots;
            }
        }
        // Which projections have per-synapse weights, agreed: a rank holding none of a
        // projection's synapses has no weight array either way, and set_weights may have run on
        // some ranks only (a callback of one rank).
        std::vector<uint64_t> per_synapse;
        for (const CpuProjection& proj : projs_) per_synapse.push_back(!proj.synapses.weight.empty());
        per_synapse = shard_.reduce(std::move(per_synapse), Communicator::Reduction::max);
        for (std::size_t j = 0; j < projs_.size(); ++j) {
            const CpuProjection& proj = projs_[j];
            ProjectionState& out = s.projections.emplace_back();
            out.synapses = proj.global_synapses;
            const cpu::SynapseStore& m = proj.synapses;
            if (per_synapse[j])
                out.weights = shard_.gather_rows(m.weight_values(), m.row_start);
            out.weight_const = proj.synapses.weight_const;
            if (!proj.learning) continue;
            const CpuLearning& l = *proj.learning;
            out.x_pre = l.x_pre;
            out.y_post = shard_.gather_block(l.y_post);
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
            pop.state = own_state(in.state, pop.total);
            pop.state_written();
            if (!pop.state.empty()) pop.i_ext = cpu::to_aligned(shard_.slice_block(in.i_ext, pop.total));
            pop.current_written();
            if (pop.takes_input) {  // into the ring's own (advised) block
                const std::vector<Fixed> ring = ring_in_slot_order(
                    shard_.slice_segments(in.ring, std::size_t{pop.n_slots} * pop.n_receptors, pop.total), pop.n_slots,
                    s.step);
                pop.ring.assign(ring.begin(), ring.end());
                pop.held.clear();
                hold_ring(pop);
            }
            pop.input_written();  // the weights, restored below, count too
        }
        for (std::size_t k = 0; k < projs_.size(); ++k) {
            CpuProjection& proj = projs_[k];
            const ProjectionState& in = s.projections[k];
            cpu::SynapseStore& m = proj.synapses;
            if (!in.weights.empty())
                m.weight = own_synapses(proj, in.weights);
            else if (!m.weight.empty())  // set_weights made them per-synapse here, not there
                m.weight.assign(m.size(), in.weight_const);
            if (!proj.learning) continue;
            CpuLearning& l = *proj.learning;
            l.x_pre = in.x_pre;
            l.y_post = shard_.slice_block(in.y_post, pops_[proj.post].total);
            for (auto& list : l.in_flight) list.clear();
            const auto slots = static_cast<uint32_t>(l.in_flight.size());
            for (uint32_t k = 1; k <= l.delay; ++k) l.in_flight[slot_before(s.step, k, slots)] = in.in_flight[k - 1];
        }
        step_ = s.step;
    }

private:
    // Which of a sampler's neurons (list order) each rank owns, and this rank's, by block index.
    struct SamplerShard {
        std::vector<int> owner;
        std::vector<uint32_t> local;
    };

    // This rank's block of each state variable of a whole population's.
    std::vector<cpu::AlignedVector<float>> own_state(const std::vector<std::vector<float>>& whole, uint32_t total) const {
        std::vector<cpu::AlignedVector<float>> own;
        for (const std::vector<float>& var : whole)
            own.push_back(cpu::to_aligned(shard_.distributed() ? shard_.slice_block(var, total) : var));
        return own;
    }

    // This rank's synapses' values of a whole projection's (CSR order).
    cpu::UninitialisedVector<float> own_synapses(const CpuProjection& proj, const std::vector<float>& whole) const {
        return shard_.slice_rows<float, cpu::UninitialisedVector<float>>(whole, proj.synapses.row_start, proj.global_first);
    }

    // Every rank's samples of its own neurons, put back in the sampler's order:
    // [sample][var][neuron of the list].
    std::vector<float> gather_samples(std::size_t k) const {
        const SampleSeries& series = samplers_[k];
        return shard_.gather_columns(series.values, sampler_parts_[k].owner, series.steps.size() * series.vars.size());
    }

    StateShape shape() const {
        StateShape shape;
        for (const CpuPopulation& pop : pops_)
            shape.populations.push_back(
                {pop.total, static_cast<uint32_t>(pop.state.size()),
                 pop.takes_input ? std::size_t{pop.n_slots} * pop.n_receptors * pop.total : 0, pop.takes_input ? pop.n_slots : 0});
        for (const CpuProjection& proj : projs_)
            shape.projections.push_back({proj.global_synapses, pops_[proj.pre].total, pops_[proj.post].total,
                                         proj.learning ? proj.learning->delay : 0});
        return shape;
    }

    // Before the synapses are stored: the transposed index comes from the builder's matrix m.
    void init_learning(const Network& net, const ProjectionSpec& spec, CpuProjection& proj, cpu::SynapseMatrix& m) {
        auto l = std::make_unique<CpuLearning>();
        if (m.weight.empty()) m.weight.assign(m.size(), m.weight_const);  // plastic weights differ
        l->params = plasticity_step_params(net, spec);
        l->delay = m.delay_const;
        l->in_flight.resize(l->delay + 1);
        l->x_pre.assign(pops_[proj.pre].total, 0.0f);
        l->y_post.assign(pops_[proj.post].size, 0.0f);
        l->columns = transpose(m, pops_[proj.post].size);
        proj.learning = std::move(l);
    }

    // Phase 5: traces decay; spikes emitted `delay` steps ago arrive at their synapses
    // (presynaptic work), then this step's postsynaptic spikes (postsynaptic work). `pre_spikes`:
    // the whole presynaptic population's; `post_spikes`: the block's, block indices.
    void learn(Step t, CpuProjection& proj, const std::vector<uint32_t>& pre_spikes, const std::vector<uint32_t>& post_spikes,
               int threads) {
        CpuLearning& l = *proj.learning;
        const CpuPopulation& pre = pops_[proj.pre];
        const CpuPopulation& post = pops_[proj.post];
        cpu::decay_traces(l.x_pre.data(), pre.total, trace_factor(l.params.decay_pre, pre_trace_reset(l.params), t));
        cpu::decay_traces(l.y_post.data(), post.size, l.params.decay_post);
        const uint32_t slots = l.delay + 1;
        l.in_flight[t % slots] = pre_spikes;
        const std::vector<uint32_t>& arriving = l.in_flight[(t + 1) % slots];  // emitted at t - delay
        cpu::SynapseStore& m = proj.synapses;
        cpu::learn_on_arrivals(l.params, m.row_start.data(), m.post, m.weight.data(),
                               SpikeListView{arriving.data(), static_cast<uint32_t>(arriving.size())}, l.x_pre.data(),
                               l.y_post.data(), threads);
        if (l.params.rule == PlasticRule::perceptron) {
            if (is_update_step(l.params, t))
                cpu::learn_on_updates(l.params, l.column_view(), m.weight.data(), l.x_pre.data(),
                                      post.state[binary_model::y].data(), post.state[binary_model::target].data(), threads);
            return;
        }
        cpu::learn_on_post_spikes(l.params, l.column_view(), m.weight.data(),
                                  SpikeListView{post_spikes.data(), static_cast<uint32_t>(post_spikes.size())},
                                  l.x_pre.data(), l.y_post.data(), threads);
    }

    void init_population(const Network& net, uint32_t p) {
        PopulationSetup setup = population_setup(net, p);
        CpuPopulation& pop = pops_[p];
        pop.model = setup.model;
        pop.total = setup.size;
        pop.own = shard_.block(setup.size);
        pop.size = pop.own.count;
        pop.takes_input = model_info(pop.model).receptors > 0;
        pop.recorded = setup.recorded;
        pop.constants = setup.constants;
        pop.stream = setup.stream;
        pop.n_receptors = setup.n_receptors;
        pop.state = own_state(setup.state, pop.total);
        pop.state_written();
        pop.i_ext.assign(pop.size, setup.i_e);
        pop.current_written();
        pop.replay = setup.replay;
    }

    bool small_input(uint32_t p) {
        if (cpu::active_isa() == cpu::Isa::avx512) return false;  // its ring reader converts every value
        CpuPopulation& pop = pops_[p];
        if (pop.input_range == CpuPopulation::InputRange::unknown)
            pop.input_range = input_bound(p).small() ? CpuPopulation::InputRange::small : CpuPopulation::InputRange::any;
        return pop.input_range == CpuPopulation::InputRange::small;
    }

    // What one neuron's ring slots of population p can hold, lane by lane, from the synapses and
    // inputs onto it as they are now.
    InputBound input_bound(uint32_t p) const {
        const CpuPopulation& pop = pops_[p];
        InputBound bound(pop.n_receptors);
        for (uint32_t lane = 0; lane < pop.held.size(); ++lane) bound.add(lane, 1, pop.held[lane]);
        for (const CpuInput& in : inputs_)
            if (in.target == p) bound.add(in.receptor, kPoissonTableSize - 1, weight_units(in.weight));
        for (const CpuProjection& proj : projs_) {
            if (proj.post != p) continue;
            const cpu::SynapseStore& m = proj.synapses;
            // A plastic weight stays where it is or moves into [w_min, w_max].
            double most = m.weight.empty() ? std::fabs(static_cast<double>(m.weight_const))
                                           : max_abs_weight(m.weight.data(), m.size(), bound.room(proj.receptor) / proj.max_indegree);
            if (proj.learning)
                most = std::max({most, std::fabs(static_cast<double>(proj.learning->params.w_min)),
                                 std::fabs(static_cast<double>(proj.learning->params.w_max))});
            bound.add(proj.receptor, proj.max_indegree, most);
        }
        return bound;
    }

    // Adds the largest |value| in each lane of the population's ring to what it holds.
    static void hold_ring(CpuPopulation& pop) {
        pop.held.resize(pop.n_receptors, 0.0);
        const RingView ring = pop.ring_view();
        for (uint32_t slot = 0; slot < pop.n_slots; ++slot)
            for (uint32_t lane = 0; lane < pop.n_receptors; ++lane)
                for (uint32_t i = 0; i < pop.size; ++i)
                    pop.held[lane] = std::max(pop.held[lane], weight_units(ring.lane(slot, lane)[i]));
    }

    // With two threads and plastic synapses (learns_beside_update_), step t's learning (which
    // writes weights, traces and the spikes in flight, and reads step t's spikes) runs beside step
    // t + 1's update, input and samples (which write neuron state, rings, samples and step t + 1's
    // spikes): each on one thread, the same operations on disjoint data, so the same results.
    void advance_overlapped(uint64_t n_steps) {
        if (n_steps == 0) return;
        local_step(step_, threads_);  // works out what the update may skip before the overlap
        for (uint64_t k = 0; k < n_steps; ++k) {
            const Step t = step_;
            const auto spikes_of = [&](uint32_t p) -> const std::vector<uint32_t>& { return pops_[p].spikes_of_step(t); };
            propagate_step(t, spikes_of);
            if (k + 1 < n_steps) {
                cpu::FirstFailure failure;  // the learning's exception first, as in the sequential order
#pragma omp parallel sections num_threads(2)
                {
#pragma omp section
                    failure.run(0, [&] { learn_step(t, spikes_of, 1); });
#pragma omp section
                    failure.run(1, [&] { local_step(t + 1, 1); });
                }
                failure.rethrow();
            } else {
                learn_step(t, spikes_of, threads_);
            }
            finish_step(t, spikes_of);
            ++step_;
        }
    }

    // The steps' first half, on this rank's blocks only: deliver + update, sources, samples.
    void local_step(Step t, int threads) {
        for (uint32_t p = 0; p < pops_.size(); ++p) {
            CpuPopulation& pop = pops_[p];
            const uint32_t slot = static_cast<uint32_t>(t % pop.n_slots);
            cpu::update_population(pop.model, pop.constants, pop.arrays(), pop.ring_view(), slot,
                                   pop.step_context(seed_, t), scratch_, pop.spikes_of_step(t), threads,
                                   {pop.fixed_threshold(), small_input(p), pop.lean_step()});
        }
        phase_clock_.lap(0);
        for (const CpuInput& in : inputs_) {
            CpuPopulation& pop = pops_[in.target];
            const auto slot = static_cast<uint32_t>((t + in.delay_steps) % pop.n_slots);
            Fixed* lane = pop.ring_view().lane(slot, in.receptor);
            const uint32_t first = pop.own.first;
            counters_.input_events +=
                in.rates.empty()
                    ? cpu::poisson_input(in.params, in.weight, seed_, in.stream, t, first, lane, pop.size, threads)
                    : cpu::poisson_input(in.rates.data(), in.weight, seed_, in.stream, t, first, lane, pop.size, threads);
        }
        phase_clock_.lap(1);
        for (std::size_t k = 0; k < samplers_.size(); ++k) {
            SampleSeries& s = samplers_[k];
            if (!record_due(t, s.every_steps)) continue;
            cpu::sample_state(t, pops_[s.population.index].state, sampler_vars_[k], sampler_parts_[k].local, s.steps,
                              s.values);
        }
        phase_clock_.lap(4);
    }

    // The steps' second half, with every population's spikes of step t (spikes_of(p): the whole
    // population's, ascending): propagate onto this rank's blocks, learn, record.
    template <class SpikesOf>
    void shared_step(Step t, SpikesOf&& spikes_of) {
        propagate_step(t, spikes_of);
        learn_step(t, spikes_of, threads_);
        finish_step(t, spikes_of);
    }

    template <class SpikesOf>
    void propagate_step(Step t, SpikesOf&& spikes_of) {
        for (const CpuProjection& proj : projs_) {
            const std::vector<uint32_t>& fired = spikes_of(proj.pre);
            if (fired.empty()) continue;
            CpuPopulation& post = pops_[proj.post];
            const SpikeListView spikes{fired.data(), static_cast<uint32_t>(fired.size())};
            counters_.synaptic_events += cpu::propagate(proj.synapses, spikes, post.ring_view(), proj.receptor,
                                                        static_cast<uint32_t>(t % post.n_slots), threads_);
        }
        phase_clock_.lap(2);
    }

    template <class SpikesOf>
    void learn_step(Step t, SpikesOf&& spikes_of, int threads) {
        for (CpuProjection& proj : projs_)
            if (proj.learning) learn(t, proj, spikes_of(proj.pre), block_spikes(proj.post, spikes_of(proj.post)), threads);
        phase_clock_.lap(3);
    }

    template <class SpikesOf>
    void finish_step(Step t, SpikesOf&& spikes_of) {
        record(t, spikes_of);
        phase_clock_.lap(4);
        ++counters_.steps;
    }

    // The spikes of population p's block, block indices, from the whole population's.
    const std::vector<uint32_t>& block_spikes(uint32_t p, const std::vector<uint32_t>& whole) {
        if (!exchange_) return whole;
        const NeuronRange own = pops_[p].own;
        block_spikes_.clear();
        for (auto it = std::lower_bound(whole.begin(), whole.end(), own.first); it != whole.end() && *it < own.end(); ++it)
            block_spikes_.push_back(*it - own.first);
        return block_spikes_;
    }

    template <class SpikesOf>
    void record(Step t, SpikesOf&& spikes_of) {
        for (uint32_t p = 0; p < pops_.size(); ++p)
            if (pops_[p].recorded) cpu::record_spikes(t, spikes_of(p), pops_[p].pending.steps, pops_[p].pending.neurons);
        for (WeightSeries& w : weight_series_) {
            if (!record_due(t, w.every_steps)) continue;
            const cpu::SynapseStore& m = projs_[w.projection.index].synapses;
            w.steps.push_back(t);
            if (m.weight.empty())
                w.values.insert(w.values.end(), m.size(), m.weight_const);
            else
                w.values.insert(w.values.end(), m.weight.begin(), m.weight.end());
        }
    }

    int threads_ = 1;
    // Learning runs beside the next step's update (advance_overlapped): two threads, plastic
    // projections, none with the perceptron rule (it reads its units' state), and not profiling
    // (the phases would overlap in time).
    bool learns_beside_update_ = false;
    uint64_t seed_ = 0;
    double dt_ = 0.1;
    Step step_ = 0;
    Shard shard_;
    std::unique_ptr<SpikeExchange> exchange_;  // distributed runs only
    uint32_t interval_ = 1;                    // steps between exchanges
    std::vector<uint32_t> block_spikes_;
    std::vector<CpuPopulation> pops_;
    std::vector<CpuProjection> projs_;
    std::vector<CpuInput> inputs_;
    std::vector<SampleSeries> samplers_;
    std::vector<std::vector<uint32_t>> sampler_vars_;  // each sampler's variables, as state indices
    std::vector<SamplerShard> sampler_parts_;
    std::vector<WeightSeries> weight_series_;
    cpu::UpdateScratch scratch_;
    BackendCounters counters_;
    PhaseClock phase_clock_;
};

}  // namespace

std::unique_ptr<Backend> make_cpu_backend() { return std::make_unique<CpuBackend>(); }

}  // namespace axon::detail
