#include "axon/simulator.hpp"

#include <chrono>
#include <cmath>

#include "axon/errors.hpp"
#include "axon/log.hpp"
#include "axon/memory.hpp"
#include "backends/descriptor.hpp"
#include "check.hpp"
#include "checkpoint.hpp"
#include "recording_size.hpp"

namespace axon {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Marks the simulator as inside its callbacks and sinks while it lives, exceptions included.
struct InCallbacks {
    bool& flag;
    explicit InCallbacks(bool& f) : flag(f) { flag = true; }
    ~InCallbacks() { flag = false; }
    InCallbacks(const InCallbacks&) = delete;
    InCallbacks& operator=(const InCallbacks&) = delete;
};

}  // namespace

double RunStats::real_time_factor(double dt_ms) const {
    const double simulated_s = simulated_ms(dt_ms) * 1e-3;
    return simulated_s > 0 ? simulation_s / simulated_s : 0.0;
}

Simulator::Simulator(Network net, SimulatorOptions options)
    : net_(std::move(net)), communicator_(std::move(options.communicator)) {
    const auto start = std::chrono::steady_clock::now();
    if (options.threads < 0) detail::fail("simulator", "threads", std::to_string(options.threads), "[0, inf) (0 = all)");
    backend_name_ = resolve_backend(options.backend);
    const detail::BackendDescriptor& backend = detail::backend_descriptor(backend_name_);
    for (const PopulationSpec& pop : net_.populations())
        if (!backend.supports(pop.model))
            throw BackendError("backend '" + backend_name_ + "' cannot run model " + to_string(pop.model) +
                               " (population '" + pop.name + "')");
    if (communicator_ && !backend_runs_distributed(backend_name_))
        throw BackendError("backend '" + backend_name_ + "' does not run distributed (docs/scaling.md)");
    const BackendOptions backend_options{options.threads, options.cuda, options.profile, communicator_.get()};
    const MemoryPlan plan = estimate_memory(net_, backend_name_, communicator_ ? communicator_->size() : 1);
    // Before anything is allocated; each rank measures its own host.
    agree(communicator_.get(), [&] {
        if (backend.check_options) backend.check_options(backend_options);
        backend.check_memory(plan);
    });
    backend_ = backend.make();
    recording_.spikes.resize(net_.populations().size());
    try {
        backend_->load(net_, backend_options);
        backend_->drain(recording_);
    } catch (const std::exception& e) {
        // The other ranks may wait in a collective this one will not reach.
        if (communicator_) communicator_->abort(std::string("building the network failed: ") + e.what());
        throw;
    }
    for (const PoissonInputSpec& in : net_.poisson_inputs()) poisson_rates_.push_back({in.rate_Hz});
    construction_s_ = seconds_since(start);
    logger().debug("built {} neurons and {} synapses on '{}' in {:.3f} s", plan.neurons, stats().synapses,
                   backend_name_, construction_s_);
}

Simulator::~Simulator() = default;

double Simulator::recorded_bytes(Step steps) const {
    double bytes = 0;
    for (const SamplerSpec& s : net_.samplers())
        bytes += detail::recordings_due(s.every_steps, step_, steps) * detail::sample_bytes(s);
    for (const WeightRecorderSpec& w : net_.weight_recorders())
        bytes += detail::recordings_due(w.every_steps, step_, steps) * detail::snapshot_bytes(backend_->synapse_count(w.projection));
    return bytes;
}

void Simulator::run(double duration_ms) {
    if (in_callback_)
        throw ConfigError("run: called from inside a callback; a callback steers the run it is called from "
                          "(change inputs or state there, and call run() after the run returns)");
    detail::require_non_negative("run", "duration_ms", duration_ms);
    if (duration_ms / net_.dt_ms() > 1e18)  // whole steps must fit a 64-bit count
        detail::fail("run", "duration_ms", detail::format_number(duration_ms), "[0, 1e18 dt]");
    const auto start = std::chrono::steady_clock::now();
    Step remaining = static_cast<Step>(std::llround(duration_ms / net_.dt_ms()));
    // Samples and weight snapshots grow with the run, by amounts known now: refuse a run whose
    // recordings cannot fit before it starts (spike counts depend on activity: not counted).
    const double recorded = recorded_bytes(remaining);
    agree(communicator_.get(), [&] {  // each rank measures its own host
        const uint64_t available = available_host_memory();
        if (available > 0 && recorded > static_cast<double>(available))
            throw CapacityError("a run of " + detail::format_number(duration_ms) + " ms would record about " +
                                (recorded < 1.8e19 ? format_bytes(static_cast<uint64_t>(recorded)) : std::string("> 16 EiB")) +
                                " of samples and weight snapshots but only " + format_bytes(available) +
                                " of host memory is available; record less often (every_ms) or run in shorter pieces");
    });
    // Distributed, the ranks agree at each chunk boundary, in one all-reduce, on the chunk (the
    // shortest any rank asks for: a callback or sink registered on some ranks only cuts every
    // rank's run alike), on stopping (a signal or a callback's request_stop may reach some ranks
    // only) and on whether a callback or sink failed on some rank. They agree once more after the
    // last chunk, so that every rank returns with the same stop_requested() and failure.
    std::exception_ptr failure;  // this rank's callback or sink exception
    bool stop = false, failed = false;
    const auto agreed = [&](Step chunk) {
        uint64_t values[] = {chunk, stop_requested() ? 0u : 1u, failure ? 0u : 1u};
        if (communicator_) communicator_->all_reduce(values, 3, Communicator::Reduction::min);
        stop = values[1] == 0;
        failed = values[2] == 0;
        if (stop) request_stop();
        return values[0];
    };
    while (remaining > 0) {
        const Step chunk = agreed(steps_to_boundary(remaining));
        if (stop || failed) break;
        // Set the scheduled currents due now, advance to the chunk's end, then hand control to
        // callbacks.
        apply_current_steps();
        try {
            backend_->advance(chunk);
            backend_->drain(recording_);
        } catch (const std::exception& e) {  // inside collectives: the other ranks cannot be told
            if (communicator_) communicator_->abort(std::string("a run failed: ") + e.what());
            throw;
        }
        step_ += chunk;
        remaining -= chunk;
        try {
            const InCallbacks in_callbacks(in_callback_);  // run() from inside them is refused
            hand_spikes_to_sinks();
            for (std::size_t k = 0; k < callbacks_.size(); ++k)
                if (step_ % callbacks_[k].every_steps == 0) callbacks_[k].fn(*this);
        } catch (...) {
            if (!communicator_) throw;
            failure = std::current_exception();  // every rank learns of it at the next agreement
        }
    }
    if (remaining == 0) agreed(0);
    simulation_s_ += seconds_since(start);
    if (failed)  // every rank throws: the failing one its own exception, the others its message
        agree(communicator_.get(), [&] {
            if (failure) std::rethrow_exception(failure);
        });
}

Step Simulator::steps_to_boundary(Step limit) const {
    Step chunk = std::min(limit, kStopCheckSteps - step_ % kStopCheckSteps);  // a stop request is seen
    if (sink_every_) chunk = std::min(chunk, sink_every_ - step_ % sink_every_);
    for (const Periodic& c : callbacks_) chunk = std::min(chunk, c.every_steps - step_ % c.every_steps);
    for (const CurrentStepsSpec& s : net_.current_steps()) chunk = std::min<Step>(chunk, s.every_steps - step_ % s.every_steps);
    return chunk;
}

void Simulator::apply_current_steps() {
    const auto& schedules = net_.current_steps();
    current_steps_applied_.resize(schedules.size(), ~Step{0});
    for (std::size_t k = 0; k < schedules.size(); ++k) {
        const CurrentStepsSpec& s = schedules[k];
        if (step_ % s.every_steps != 0 || current_steps_applied_[k] == step_) continue;
        const Step rows = s.values.size(), row = step_ / s.every_steps;
        if (!s.repeat && row >= rows) continue;  // the last row holds
        const std::vector<double>& values = s.values[s.repeat ? row % rows : row];
        const uint32_t size = net_.population(s.population).size;
        std::vector<float> current(size);
        for (uint32_t i = 0; i < size; ++i) current[i] = static_cast<float>(values.size() == 1 ? values[0] : values[i]);
        backend_->set_input_current(s.population, current);
        current_steps_applied_[k] = step_;
    }
}

void Simulator::on_spikes(SpikeSink sink, Step every_steps) {
    if (every_steps == 0) detail::fail("simulator", "every_steps", "0", "[1, inf)");
    if (!sink) detail::fail("simulator", "sink", "empty", "a callable");
    sinks_.push_back(std::move(sink));
    sink_every_ = sink_every_ ? std::min(sink_every_, every_steps) : every_steps;
}

void Simulator::hand_spikes_to_sinks() {
    if (sinks_.empty()) return;
    for (uint32_t p = 0; p < recording_.spikes.size(); ++p) {
        SpikeTrain& train = recording_.spikes[p];
        if (train.empty()) continue;
        for (const SpikeSink& sink : sinks_) sink(PopulationId{p}, train);
        train = SpikeTrain{};
    }
}

void Simulator::every(Step every_steps, Callback fn) {
    if (every_steps == 0) detail::fail("simulator", "every_steps", "0", "[1, inf)");
    if (!fn) detail::fail("simulator", "callback", "empty", "a callable");
    callbacks_.push_back(Periodic{every_steps, std::move(fn)});
}

void Simulator::set_input_current(PopulationId population, double i_pA) {
    const PopulationSpec& pop = net_.population(population);
    set_input_current(population, std::vector<float>(pop.size, static_cast<float>(i_pA)));
}

void Simulator::set_input_current(PopulationId population, const std::vector<float>& i_pA) {
    const PopulationSpec& pop = net_.population(population);
    const std::string owner = "population '" + pop.name + "'";
    if (model_info(pop.model).state.empty())
        detail::fail(owner, "input current", "set",
                     "a population with state (model " + std::string(to_string(pop.model)) + " takes no input)");
    if (i_pA.size() != pop.size)
        detail::fail(owner, "input current", std::to_string(i_pA.size()) + " values",
                     "exactly size = " + std::to_string(pop.size) + " values");
    for (std::size_t i = 0; i < i_pA.size(); ++i)
        detail::require_finite(owner, "input current[" + std::to_string(i) + "] (pA)", i_pA[i]);
    backend_->set_input_current(population, i_pA);
}

const PoissonInputSpec& Simulator::checked_poisson_input(uint32_t input) const {
    const auto& inputs = net_.poisson_inputs();
    if (input >= inputs.size())
        detail::fail("simulator", "poisson input", "#" + std::to_string(input),
                     "an input of this network (" + std::to_string(inputs.size()) + " defined)");
    return inputs[input];
}

void Simulator::set_poisson_rate(uint32_t input, double rate_Hz) {
    detail::require_range("poisson input '" + checked_poisson_input(input).name + "'", "rate_Hz", rate_Hz, 0.0,
                          detail::max_poisson_rate_Hz(net_.dt_ms()));
    backend_->set_poisson_rate(input, rate_Hz);
    poisson_rates_[input] = {rate_Hz};
}

void Simulator::set_poisson_rates(uint32_t input, const std::vector<double>& rates_Hz) {
    const PoissonInputSpec& in = checked_poisson_input(input);
    const std::string owner = "poisson input '" + in.name + "'";
    const uint32_t size = net_.population(in.target).size;
    if (rates_Hz.size() != size)
        detail::fail(owner, "rates_Hz", std::to_string(rates_Hz.size()) + " values",
                     "exactly one per neuron of its target (" + std::to_string(size) + ")");
    for (std::size_t i = 0; i < rates_Hz.size(); ++i)
        if (!detail::poisson_rate_allowed(rates_Hz[i], net_.dt_ms()))
            detail::require_range(owner, "rates_Hz[" + std::to_string(i) + "]", rates_Hz[i], 0.0,
                                  detail::max_poisson_rate_Hz(net_.dt_ms()));
    backend_->set_poisson_rates(input, rates_Hz);
    poisson_rates_[input] = rates_Hz;
}

void Simulator::save_checkpoint(const std::string& path) const {
    detail::CheckpointContent c;
    c.poisson_rates = poisson_rates_;
    c.current_steps_applied = current_steps_applied_;
    c.current_steps_applied.resize(net_.current_steps().size(), ~Step{0});  // none applied yet
    c.backend = backend_->save_state();
    // Every rank holds the whole state; the first writes it.
    agree(communicator_.get(), [&] {
        if (!communicator_ || communicator_->rank() == 0) detail::write_checkpoint(path, net_, c);
    });
    logger().debug("checkpoint of step {} written to {}", step_, path);
}

void Simulator::restore(const std::string& path) {
    if (in_callback_)
        throw ConfigError("restore: called from inside a callback; a callback cannot replace the run it is called "
                          "from (restore before run() or after it returns)");
    detail::CheckpointContent c;
    agree(communicator_.get(), [&] { c = detail::read_checkpoint(path, net_); });
    backend_->restore_state(c.backend);  // checks that the state fits before it changes anything
    for (uint32_t k = 0; k < c.poisson_rates.size(); ++k) {
        if (c.poisson_rates[k].size() == 1)
            backend_->set_poisson_rate(k, c.poisson_rates[k][0]);
        else
            backend_->set_poisson_rates(k, c.poisson_rates[k]);
    }
    poisson_rates_ = std::move(c.poisson_rates);
    current_steps_applied_ = std::move(c.current_steps_applied);
    step_ = c.backend.step;
    logger().debug("restored step {} from {}", step_, path);
}

void Simulator::set_state(PopulationId population, const StateVar& var, double value) {
    set_state(population, var, std::vector<float>(net_.population(population).size, static_cast<float>(value)));
}

void Simulator::set_state(PopulationId population, const StateVar& var, const std::vector<float>& values) {
    const uint32_t index = state_index(population, var);
    const PopulationSpec& pop = net_.population(population);
    const std::string owner = "population '" + pop.name + "'";
    if (values.size() != pop.size)
        detail::fail(owner, var.name, std::to_string(values.size()) + " values", "exactly size = " + std::to_string(pop.size));
    for (std::size_t i = 0; i < values.size(); ++i)
        detail::require_finite(owner, var.name + "[" + std::to_string(i) + "]", values[i]);
    backend_->write_state(population, index, values);
}

void Simulator::reset_state() { backend_->reset_state(net_); }

SpikeTrain Simulator::take_spikes(PopulationId population) {
    net_.population(population);  // validates the id
    SpikeTrain out = std::move(recording_.spikes[population.index]);
    recording_.spikes[population.index] = SpikeTrain{};
    return out;
}

const SpikeTrain& Simulator::spikes(PopulationId population) const {
    net_.population(population);  // validates the id
    return recording_.spikes[population.index];
}

const SampleSeries& Simulator::samples(SamplerId sampler) const {
    if (sampler.index >= recording_.samples.size())
        detail::fail("simulator", "sampler", "#" + std::to_string(sampler.index),
                     "a sampler of this network (" + std::to_string(recording_.samples.size()) + " defined)");
    return recording_.samples[sampler.index];
}

uint32_t Simulator::state_index(PopulationId population, const StateVar& var) const {
    const PopulationSpec& pop = net_.population(population);
    const ModelInfo& info = model_info(pop.model);
    const auto index = info.state_index(var.name);
    if (!index)
        detail::fail("population '" + pop.name + "'", "state variable", "'" + var.name + "'",
                     "a state variable of model " + info.name + ": " + info.state_names());
    return *index;
}

std::vector<float> Simulator::state(PopulationId population, const StateVar& var) const {
    return backend_->read_state(population, state_index(population, var));
}

void Simulator::check_projection(ProjectionId projection) const {
    if (projection.index >= net_.projections().size())
        detail::fail("simulator", "projection", "#" + std::to_string(projection.index),
                     "a projection of this network (" + std::to_string(net_.projections().size()) + " defined)");
}

Connections Simulator::connections(ProjectionId projection) const {
    check_projection(projection);
    return backend_->read_connections(projection);
}

std::vector<float> Simulator::weights(ProjectionId projection) const { return connections(projection).weight; }

void Simulator::set_weights(ProjectionId projection, const std::vector<float>& weights) {
    check_projection(projection);
    const ProjectionSpec& spec = net_.projections()[projection.index];
    const std::string owner = "projection '" + spec.name + "'";
    const uint64_t n = backend_->synapse_count(projection);
    if (weights.size() != n)
        detail::fail(owner, "weights", std::to_string(weights.size()) + " values",
                     "exactly one per synapse (" + std::to_string(n) + ")");
    double low = -1e6, high = 1e6;
    if (spec.plasticity.kind == Plasticity::Kind::stdp) {
        low = spec.plasticity.stdp.w_min;
        high = spec.plasticity.stdp.w_max;
    } else if (spec.plasticity.kind == Plasticity::Kind::hebbian) {
        low = spec.plasticity.hebbian.w_min;
        high = spec.plasticity.hebbian.w_max;
    }
    // Weights are floats: compare with the bounds as the kernels hold them (float(3.24) > 3.24).
    low = static_cast<float>(low);
    high = static_cast<float>(high);
    for (std::size_t s = 0; s < weights.size(); ++s)
        detail::require_range(owner, "weights[" + std::to_string(s) + "]", weights[s], low, high);
    backend_->write_weights(projection, weights);
}

const WeightSeries& Simulator::weight_snapshots(uint32_t recorder) const {
    if (recorder >= recording_.weights.size())
        detail::fail("simulator", "weight recorder", "#" + std::to_string(recorder),
                     "a weight recorder of this network (" + std::to_string(recording_.weights.size()) + " defined)");
    return recording_.weights[recorder];
}

uint64_t Simulator::synapse_count(ProjectionId projection) const {
    check_projection(projection);
    return backend_->synapse_count(projection);
}

RunStats Simulator::stats() const {
    RunStats s;
    s.construction_s = construction_s_;
    s.simulation_s = simulation_s_;
    s.steps = step_;
    for (uint32_t k = 0; k < net_.projections().size(); ++k) s.synapses += backend_->synapse_count(ProjectionId{k});
    const BackendCounters c = backend_->counters();
    s.synaptic_events = c.synaptic_events;
    s.input_events = c.input_events;
    s.threads = c.threads;
    s.phases = c.phases;
    s.peak_device_memory_bytes = c.peak_device_bytes;
    s.kernels = c.kernels;
    s.host_launches = c.host_launches;
    s.host_syncs = c.host_syncs;
    s.exchanges = c.exchanges;
    s.communication_s = c.communication_s;
    return s;
}

}  // namespace axon
