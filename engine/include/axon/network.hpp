/// @file network.hpp
/// The description of a network: populations, Poisson inputs, projections and what to
/// record. A Network holds no simulation state; a Simulator builds it on a backend.
/// Every add_* call validates its arguments first and throws ConfigError (naming the
/// object, the field and the allowed range) without changing the network.
#pragma once
#include "axon/export.hpp"
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "axon/distribution.hpp"
#include "axon/models.hpp"
#include "axon/plasticity.hpp"
#include "axon/types.hpp"

namespace axon AXON_API {

/// Largest delay in steps (delays are stored in 16 bits where they differ per synapse).
constexpr uint32_t kMaxDelaySteps = 65535;

/// Time step and seed of a network.
struct NetworkOptions {
    double dt_ms = 0.1;  ///< time step (> 0)
    uint64_t seed = 1;   ///< seed of every random draw (construction and simulation)
};

/// Initial membrane potential: per-neuron values if given, else drawn from a distribution,
/// else E_L.
struct InitialState {
    std::optional<Distribution> v_mV;
    std::vector<double> v_values_mV;  ///< one per neuron, overrides v_mV
    /// Initial values of the model's other state variables, by name (model_info(model).state;
    /// experiment files: initial_<name>_<unit>); a variable not given starts at its model's value.
    std::vector<std::pair<std::string, Distribution>> state;
    /// Sets (or replaces) the distribution of state variable `name`.
    InitialState& set(std::string name, Distribution d);
};

/// The spike trains a spike_source population replays, by neuron: neuron i spikes at the steps
/// step[start[i]] ... step[start[i + 1] - 1], ascending (Network::add_spike_source).
struct SpikeReplay {
    std::vector<uint64_t> start;  ///< size + 1
    std::vector<uint64_t> step;
};

/// A population of identical neurons.
struct PopulationSpec {
    std::string name;
    uint32_t size = 0;
    NeuronModel model = NeuronModel::lif_exp;
    ModelParams params;     ///< by name (model_info(model).params); unset ones take their defaults
    InitialState initial;   ///< models with a state variable `v`
    /// spike_source: the spikes it replays (none when not given: a silent source).
    std::shared_ptr<const SpikeReplay> replay;
    /// A parameter's value: the one given, else the model's default. @throws ConfigError for
    /// a name the model does not have.
    double param(std::string_view name) const;
};


/// A read-only view of `size` elements: a std::vector, or a pointer and a length. What
/// Network::connect_arrays reads, straight into Axon's own layout.
template <class T>
struct ArrayView {
    const T* data = nullptr;
    std::size_t size = 0;

    ArrayView() = default;
    ArrayView(const T* d, std::size_t n) : data(d), size(n) {}
    ArrayView(const std::vector<T>& v) : data(v.data()), size(v.size()) {}  // NOLINT: views convert implicitly
    bool empty() const { return size == 0; }
    const T& operator[](std::size_t k) const { return data[k]; }
};

/// The synapses of a from_arrays projection (Network::connect_arrays), in Axon's order: CSR by
/// presynaptic neuron, by postsynaptic neuron within a row, given order among equal pairs.
struct ExplicitSynapses {
    std::vector<uint64_t> row_start;  ///< n_pre + 1
    std::vector<uint32_t> post;
    std::vector<float> weight;        ///< one per synapse, or empty: the projection's weight distribution
    std::vector<float> delay_ms;      ///< one per synapse, or empty: the projection's delay distribution
};

/// Connectivity rules, with NEST's meanings.
struct ConnectRule {
    enum class Kind { all_to_all, one_to_one, fixed_probability, fixed_indegree, fixed_outdegree, fixed_total_number,
                      from_arrays };
    Kind kind = Kind::all_to_all;
    double p = 0;        ///< fixed_probability: connection probability in [0, 1]
    uint64_t n = 0;      ///< fixed_indegree / fixed_outdegree: K per neuron; fixed_total_number: total
    bool autapses = true;   ///< allow i -> i when pre and post are the same population
    bool multapses = true;  ///< allow several synapses between one pair (fixed_indegree, _outdegree, _total_number)
    /// from_arrays: the synapses given (made by Network::connect_arrays).
    std::shared_ptr<const ExplicitSynapses> synapses;

    static ConnectRule all_to_all(bool autapses = true) { return make(Kind::all_to_all, 0, 0, autapses, true); }
    static ConnectRule one_to_one(bool autapses = true) { return make(Kind::one_to_one, 0, 0, autapses, true); }
    static ConnectRule fixed_probability(double p, bool autapses = true) {
        return make(Kind::fixed_probability, p, 0, autapses, false);
    }
    static ConnectRule fixed_indegree(uint64_t k, bool autapses = true, bool multapses = true) {
        return make(Kind::fixed_indegree, 0, k, autapses, multapses);
    }
    static ConnectRule fixed_outdegree(uint64_t k, bool autapses = true, bool multapses = true) {
        return make(Kind::fixed_outdegree, 0, k, autapses, multapses);
    }
    static ConnectRule fixed_total_number(uint64_t n, bool autapses = true, bool multapses = true) {
        return make(Kind::fixed_total_number, 0, n, autapses, multapses);
    }

private:
    static ConnectRule make(Kind kind, double p, uint64_t n, bool autapses, bool multapses) {
        ConnectRule r;
        r.kind = kind;
        r.p = p;
        r.n = n;
        r.autapses = autapses;
        r.multapses = multapses;
        return r;
    }
};

const char* to_string(ConnectRule::Kind kind);

/// Synapses from every neuron of `pre` to neurons of `post` chosen by `rule`.
/// Weight units follow the target model: pA (lif_exp) or mV (lif_delta).
struct ProjectionSpec {
    std::string name;  ///< defaults to "pre->post"
    PopulationId pre;
    PopulationId post;
    ConnectRule rule;
    Distribution weight = Distribution::constant(1.0);
    std::optional<Distribution> delay_ms;  ///< default: one step
    Receptor receptor = Receptor::excitatory;
    Plasticity plasticity;  ///< none by default; plastic projections need one constant delay
};

/// Independent Poisson(rate * dt) kicks of `weight` for every neuron of `target`
/// (NEST's poisson_generator connected to each neuron), arriving after `delay_ms`.
struct PoissonInputSpec {
    std::string name;  ///< defaults to "poisson->target"
    PopulationId target;
    double rate_Hz = 0;  ///< total rate per target neuron (>= 0)
    double weight = 0;   ///< pA or mV, as projections
    Receptor receptor = Receptor::excitatory;
    std::optional<double> delay_ms;  ///< default: one step
};

/// A piecewise-constant input current, as NEST's step_current_generator: row k of `values`
/// becomes the population's input current (what Simulator::set_input_current sets) at step
/// k * every_steps, that is at t = k * every_ms. After the last row the rows start over
/// (`repeat`) or the last one holds. A row holds one value per neuron, or one value for all.
struct CurrentStepsSpec {
    PopulationId population;
    uint32_t every_steps = 1;
    std::vector<std::vector<double>> values;  ///< in the model's current unit (pA; input units for binary and rate)
    bool repeat = false;
};

/// Periodic sampling of state variables of chosen neurons.
struct SamplerSpec {
    PopulationId population;
    std::vector<NeuronId> neurons;
    std::vector<StateVar> vars = {StateVar::v};  ///< state variables of the population's model
    uint32_t every_steps = 1;
};

/// Snapshots of a projection's weights every `every_steps` steps (after the step).
struct WeightRecorderSpec {
    ProjectionId projection;
    uint32_t every_steps = 1;
};

/// A complete network description.
class Network {
public:
    explicit Network(NetworkOptions options = {});

    /// @throws ConfigError on a duplicate name, zero size or an out-of-range parameter.
    PopulationId add_population(const PopulationSpec& spec);
    /// Shorthands for add_population.
    PopulationId add_population(std::string name, uint32_t size, NeuronModel model, ModelParams params = {},
                                InitialState initial = {});
    PopulationId add_lif_exp(std::string name, uint32_t size, const LifParams& params, InitialState initial = {});
    PopulationId add_lif_delta(std::string name, uint32_t size, const LifParams& params, InitialState initial = {});
    PopulationId add_poisson(std::string name, uint32_t size, double rate_Hz);

    /// @throws ConfigError on unknown populations, probabilities outside [0, 1], impossible
    /// degrees, delays outside [dt, kMaxDelaySteps dt], non-finite values.
    ProjectionId connect(const ProjectionSpec& spec);
    ProjectionId connect(PopulationId pre, PopulationId post, ConnectRule rule, Distribution weight,
                         std::optional<Distribution> delay_ms = std::nullopt,
                         Receptor receptor = Receptor::excitatory);
    /// A projection of given synapses: pre[k] -> post[k] for every k, with weight[k] and
    /// delay_ms[k] where those arrays are given (else spec.weight and spec.delay_ms, drawn per
    /// synapse as for any rule). spec.rule is ignored (from_arrays). The arrays are read once,
    /// into Axon's layout; duplicates are multapses, i -> i pairs autapses.
    /// @throws ConfigError for arrays of different lengths, the first index out of range (its
    /// position and value), a weight or delay out of range, or a plastic projection whose
    /// delays differ; plus every check of connect(). @throws CapacityError when the offsets
    /// by neuron (16 B per pre and 8 B per post neuron while built) exceed the host memory
    /// available.
    ProjectionId connect_arrays(ProjectionSpec spec, ArrayView<uint32_t> pre, ArrayView<uint32_t> post,
                                ArrayView<float> weight = {}, ArrayView<float> delay_ms = {});

    /// A population that replays given spikes, as NEST's spike_generator: neuron neurons[k]
    /// spikes at times_ms[k]. A time on the step grid (k·dt) is emitted in the step that ends
    /// there (recorded at k·dt); a time between grid points is rounded up to the next one (NEST's
    /// allow_offgrid_times). @throws ConfigError for arrays of different lengths, a neuron out
    /// of range, a time not in (0, 1e18·dt] or before the one listed before it (times must be
    /// in order), or two spikes of one neuron in one step (at most one per step).
    /// @throws CapacityError when the offsets by neuron (16 B each while built) exceed the host
    /// memory available.
    PopulationId add_spike_source(std::string name, uint32_t size, ArrayView<double> times_ms,
                                  ArrayView<uint32_t> neurons);

    /// Returns the input's index (for Simulator::set_poisson_rate).
    uint32_t add_poisson_input(const PoissonInputSpec& spec);
    uint32_t add_poisson_input(PopulationId target, double rate_Hz, double weight,
                               Receptor receptor = Receptor::excitatory, std::optional<double> delay_ms = std::nullopt);
    /// The index of the Poisson input of this name. @throws ConfigError naming the inputs there are.
    uint32_t poisson_input_index(std::string_view name) const;

    /// Input currents that change on a schedule (applied by Simulator::run).
    void add_current_steps(const CurrentStepsSpec& spec);

    /// Record the spikes of a population (all populations: call for each).
    void record_spikes(PopulationId population);
    void record_all_spikes();
    /// Record no population's spikes (undoes the two above; for benchmarks of the bare run).
    void record_no_spikes();
    SamplerId sample(const SamplerSpec& spec);
    /// Record snapshots of a projection's weights; returns the recorder's index.
    uint32_t record_weights(const WeightRecorderSpec& spec);

    const NetworkOptions& options() const { return options_; }
    double dt_ms() const { return options_.dt_ms; }
    uint64_t seed() const { return options_.seed; }
    const std::vector<PopulationSpec>& populations() const { return populations_; }
    const std::vector<ProjectionSpec>& projections() const { return projections_; }
    const std::vector<PoissonInputSpec>& poisson_inputs() const { return poisson_inputs_; }
    const std::vector<SamplerSpec>& samplers() const { return samplers_; }
    const std::vector<CurrentStepsSpec>& current_steps() const { return current_steps_; }
    const std::vector<WeightRecorderSpec>& weight_recorders() const { return weight_recorders_; }
    const std::vector<bool>& recorded() const { return recorded_; }

    const PopulationSpec& population(PopulationId id) const;
    /// @throws ConfigError if no population has this name.
    PopulationId population_id(std::string_view name) const;
    uint64_t neuron_count() const;
    /// A delay (ms) in whole steps, rounded as every backend rounds it: to the nearest
    /// step, within [1, kMaxDelaySteps].
    uint32_t delay_steps(double delay_ms) const;

private:
    void check_population(PopulationId id, const std::string& owner, const char* field) const;

    NetworkOptions options_;
    std::vector<PopulationSpec> populations_;
    std::vector<ProjectionSpec> projections_;
    std::vector<PoissonInputSpec> poisson_inputs_;
    std::vector<SamplerSpec> samplers_;
    std::vector<CurrentStepsSpec> current_steps_;
    std::vector<WeightRecorderSpec> weight_recorders_;
    std::vector<bool> recorded_;
};

}  // namespace axon
