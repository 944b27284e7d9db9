#include "axon/network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "../../kernels/models/draw.hpp"
#include "axon/errors.hpp"
#include "check.hpp"
#include "model_registry.hpp"

namespace axon {
namespace {

using detail::fail;
using detail::format_number;
using detail::require_finite;
using detail::require_non_negative;
using detail::require_positive;
using detail::require_range;


void check_distribution(const std::string& owner, const std::string& field, const Distribution& d) {
    switch (d.kind) {
    case Distribution::Kind::constant: require_finite(owner, field, d.value); break;
    case Distribution::Kind::uniform:
        require_finite(owner, field + ".low", d.low);
        require_range(owner, field + ".high", d.high, d.low, INFINITY, true, true);
        break;
    case Distribution::Kind::normal:
        require_finite(owner, field + ".mean", d.mean);
        require_non_negative(owner, field + ".sd", d.sd);
        if (std::isnan(d.min) || std::isnan(d.max) || !(d.min <= d.max))
            fail(owner, field + ".min/max", "[" + format_number(d.min) + ", " + format_number(d.max) + "]",
                 "min <= max, not NaN");
        break;
    }
}

/// |weight| limit: 2^31 fixed-point units per ring slot hold 2147 inputs of this size at once.
constexpr double kMaxWeight = 1e6;

void check_weight(const std::string& owner, const std::string& field, const Distribution& d) {
    const double low = d.kind == Distribution::Kind::normal ? std::max(d.min, d.mean - 7.0 * d.sd) : d.lowest();
    const double high = d.planning_highest();
    for (double w : {low, high})
        if (std::abs(w) > kMaxWeight)
            fail(owner, field, d.describe(), "values within [-1e6, 1e6] (pA or mV)");
}

/// Normal weights keep their sign unless bounds are given: redraw across zero.
Distribution with_sign_kept(Distribution d) {
    if (d.kind == Distribution::Kind::normal && std::isinf(d.min) && std::isinf(d.max)) {
        if (d.mean >= 0)
            d.min = 0;
        else
            d.max = 0;
    }
    return d;
}

/// A delay (ms) must round to between 1 and kMaxDelaySteps steps: [dt, kMaxDelaySteps dt].
void check_delay(const std::string& owner, const std::string& field, double delay_ms, double dt) {
    const double max_delay = kMaxDelaySteps * dt;
    const double slack = 1e-9 * dt;  // 1.5 ms / 0.1 ms is not exactly 15 in binary
    if (std::isfinite(delay_ms) && delay_ms >= dt - slack && delay_ms <= max_delay + slack) return;
    fail(owner, field, format_number(delay_ms), "[" + format_number(dt) + ", " + format_number(max_delay) +
                                                    "] ms (dt to " + std::to_string(kMaxDelaySteps) + " steps)");
}

void check_plasticity(const std::string& owner, const ProjectionSpec& spec, const PopulationSpec& post) {
    const Plasticity& pl = spec.plasticity;
    if (!pl.plastic()) return;
    if (!spec.delay_ms->is_constant())
        fail(owner, "delay_ms", spec.delay_ms->describe(),
             "a constant delay: plastic projections time spikes at the synapse with one delay");
    double w_min = 0, w_max = 0;
    if (pl.kind == Plasticity::Kind::stdp) {
        const StdpParams& p = pl.stdp;
        require_positive(owner, "stdp.tau_plus_ms", p.tau_plus_ms);
        require_positive(owner, "stdp.tau_minus_ms", p.tau_minus_ms);
        require_range(owner, "stdp.a_plus", p.a_plus, 0.0, INFINITY, false, true);
        require_range(owner, "stdp.a_minus", p.a_minus, -INFINITY, 0.0, true, false);
        w_min = p.w_min;
        w_max = p.w_max;
    } else if (pl.kind == Plasticity::Kind::perceptron) {
        const PerceptronParams& p = pl.perceptron;
        require_non_negative(owner, "perceptron.eta", p.eta);
        if (post.model != NeuronModel::binary)
            fail(owner, "plasticity", "perceptron",
                 "a projection into binary units (post '" + post.name + "' is " + to_string(post.model) + ")");
        if (spec.receptor == Receptor::target)
            fail(owner, "receptor", "target", "excitatory or inhibitory: the perceptron rule learns the input weights");
        w_min = p.w_min;
        w_max = p.w_max;
    } else {
        const HebbianParams& p = pl.hebbian;
        require_positive(owner, "hebbian.tau_pre_ms", p.tau_pre_ms);
        require_positive(owner, "hebbian.tau_post_ms", p.tau_post_ms);
        require_non_negative(owner, "hebbian.eta", p.eta);
        require_range(owner, "hebbian.lambda", p.lambda, 0.0, 1.0);
        w_min = p.w_min;
        w_max = p.w_max;
    }
    require_range(owner, "w_min", w_min, -kMaxWeight, kMaxWeight);
    require_range(owner, "w_max", w_max, w_min, kMaxWeight, true, false);
    const double low = spec.weight.kind == Distribution::Kind::normal ? std::max(spec.weight.min, spec.weight.mean - 7 * spec.weight.sd)
                                                                      : spec.weight.lowest();
    const double high = spec.weight.planning_highest();
    if (low < w_min || high > w_max)
        fail(owner, "weight", spec.weight.describe(),
             "initial weights within the plasticity bounds [" + format_number(w_min) + ", " + format_number(w_max) + "]");
}

// Receptor::target only into models with a teacher's input (binary).
void check_receptor(const std::string& owner, const PopulationSpec& post, Receptor receptor) {
    if (!model_info(post.model).lane(receptor))
        fail(owner, "receptor", to_string(receptor),
             "excitatory or inhibitory (model " + std::string(to_string(post.model)) + " of '" + post.name +
                 "' has no target input)");
}

// Population names become file names (NAME_spikes.npy): at most 200 bytes, no path separators
// or control characters, not "." or "..".
void check_file_name(const std::string& owner, const std::string& name) {
    const bool bad_char = std::any_of(name.begin(), name.end(), [](char c) {
        return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (name.size() > 200 || bad_char || name == "." || name == "..")
        fail(owner, "name", name.size() > 200 ? std::to_string(name.size()) + " bytes" : "'" + name + "'",
             "at most 200 bytes without '/', '\\' or control characters, not \".\" or \"..\" (names become file names)");
}

// The synapses a rule makes, counted in double (no wrap), at most 2^56 per projection: beyond
// that, sizes in bytes no longer fit 64 bits.
void check_synapse_count(const std::string& owner, const char* field, double synapses, const std::string& value) {
    constexpr double kMaxSynapses = 72057594037927936.0;  // 2^56
    if (synapses > kMaxSynapses)
        fail(owner, field, value,
             "a rule making at most 2^56 synapses per projection (this one: " + format_number(synapses) + ")");
}

std::string pool_text(uint64_t n) { return "[0, " + std::to_string(n) + "]"; }

}  // namespace

const char* to_string(Receptor receptor) {
    switch (receptor) {
        case Receptor::excitatory: return "excitatory";
        case Receptor::inhibitory: return "inhibitory";
        case Receptor::target: return "target";
    }
    return "?";
}

const char* to_string(ConnectRule::Kind kind) {
    switch (kind) {
    case ConnectRule::Kind::all_to_all: return "all_to_all";
    case ConnectRule::Kind::one_to_one: return "one_to_one";
    case ConnectRule::Kind::fixed_probability: return "fixed_probability";
    case ConnectRule::Kind::fixed_indegree: return "fixed_indegree";
    case ConnectRule::Kind::fixed_outdegree: return "fixed_outdegree";
    case ConnectRule::Kind::fixed_total_number: return "fixed_total_number";
    case ConnectRule::Kind::from_arrays: return "from_arrays";
    }
    return "?";
}

InitialState& InitialState::set(std::string name, Distribution d) {
    for (auto& [n, dist] : state)
        if (n == name) {
            dist = d;
            return *this;
        }
    state.emplace_back(std::move(name), d);
    return *this;
}

Network::Network(NetworkOptions options) : options_(options) {
    // Below 0.1 us a step's float time constants and delay counts lose their meaning.
    require_range("network", "dt_ms", options.dt_ms, 1e-4, 1000.0);
}

PopulationId Network::add_population(const PopulationSpec& spec) {
    const std::string owner = "population '" + spec.name + "'";
    if (spec.name.empty()) fail("population #" + std::to_string(populations_.size()), "name", "\"\"", "a non-empty name");
    check_file_name("population #" + std::to_string(populations_.size()), spec.name);
    for (const auto& p : populations_)
        if (p.name == spec.name) fail(owner, "name", "'" + spec.name + "'", "a name not used by another population");
    if (spec.size == 0) fail(owner, "size", "0", "[1, 4294967295]");

    detail::check_params(owner, spec, options_.dt_ms);
    if (model_info(spec.model).state_index("v")) {
        if (spec.initial.v_mV) check_distribution(owner, "initial_v_mV", *spec.initial.v_mV);
        if (!spec.initial.v_values_mV.empty()) {
            if (spec.initial.v_values_mV.size() != spec.size)
                fail(owner, "initial_v_values_mV", std::to_string(spec.initial.v_values_mV.size()) + " values",
                     "exactly size = " + std::to_string(spec.size) + " values");
            for (std::size_t i = 0; i < spec.initial.v_values_mV.size(); ++i)
                require_finite(owner, "initial_v_values_mV[" + std::to_string(i) + "]", spec.initial.v_values_mV[i]);
        }
    } else if (spec.initial.v_mV || !spec.initial.v_values_mV.empty()) {
        fail(owner, "initial_v_mV", "given", "nothing: model " + std::string(to_string(spec.model)) + " has no V");
    }
    const ModelInfo& info = model_info(spec.model);
    for (const auto& [name, d] : spec.initial.state) {
        const auto var = info.state_index(name);
        if (!var || name == "v")
            fail(owner, "initial state '" + name + "'", "given",
                 "a state variable of model " + info.name + " other than v (initial_v_mV): " + info.state_names());
        check_distribution(owner, info.state[*var].initial_key(), d);
    }
    populations_.push_back(spec);
    if (spec.model == NeuronModel::spike_source) {
        if (!spec.replay) populations_.back().replay = std::make_shared<SpikeReplay>(SpikeReplay{std::vector<uint64_t>(spec.size + 1, 0), {}});
        const SpikeReplay& r = *populations_.back().replay;
        if (r.start.size() != static_cast<std::size_t>(spec.size) + 1 || r.start.back() != r.step.size()) {
            populations_.pop_back();
            fail(owner, "replay", std::to_string(r.start.size()) + " offsets", "size + 1 offsets ending at the step count");
        }
    } else if (spec.replay) {
        populations_.pop_back();
        fail(owner, "replay", "given", "none: only spike_source populations replay spikes");
    }
    recorded_.push_back(false);
    return PopulationId{static_cast<uint32_t>(populations_.size() - 1)};
}

PopulationId Network::add_population(std::string name, uint32_t size, NeuronModel model, ModelParams params,
                                     InitialState initial) {
    PopulationSpec spec;
    spec.name = std::move(name);
    spec.size = size;
    spec.model = model;
    spec.params = std::move(params);
    spec.initial = std::move(initial);
    return add_population(spec);
}

PopulationId Network::add_lif_exp(std::string name, uint32_t size, const LifParams& params, InitialState initial) {
    return add_population(std::move(name), size, NeuronModel::lif_exp, params, std::move(initial));
}

PopulationId Network::add_lif_delta(std::string name, uint32_t size, const LifParams& params, InitialState initial) {
    return add_population(std::move(name), size, NeuronModel::lif_delta, params, std::move(initial));
}

PopulationId Network::add_poisson(std::string name, uint32_t size, double rate_Hz) {
    return add_population(std::move(name), size, NeuronModel::poisson, PoissonParams{rate_Hz});
}

double PopulationSpec::param(std::string_view name) const {
    const ModelInfo& info = model_info(model);
    const auto k = info.param_index(name);
    if (!k) throw ConfigError("model " + info.name + " has no parameter '" + std::string(name) + "'");
    return params.get(name).value_or(info.params[*k].default_value);
}

void Network::check_population(PopulationId id, const std::string& owner, const char* field) const {
    if (id.index >= populations_.size())
        fail(owner, field, "#" + std::to_string(id.index),
             "a population of this network (#0 to #" + std::to_string(populations_.size()) + " excluded)");
}

const PopulationSpec& Network::population(PopulationId id) const {
    check_population(id, "network", "population");
    return populations_[id.index];
}

PopulationId Network::population_id(std::string_view name) const {
    for (std::size_t i = 0; i < populations_.size(); ++i)
        if (populations_[i].name == name) return PopulationId{static_cast<uint32_t>(i)};
    std::string known;
    for (const auto& p : populations_) known += (known.empty() ? "'" : ", '") + p.name + "'";
    throw ConfigError("unknown population '" + std::string(name) + "'; defined: " + (known.empty() ? "none" : known));
}

uint64_t Network::neuron_count() const {
    uint64_t n = 0;
    for (const auto& p : populations_) n += p.size;
    return n;
}

uint32_t Network::delay_steps(double delay_ms) const {
    return delay_steps_from_ms(static_cast<float>(delay_ms), static_cast<float>(options_.dt_ms));
}

ProjectionId Network::connect(const ProjectionSpec& in) {
    ProjectionSpec spec = in;
    const std::string fallback_owner = "projection #" + std::to_string(projections_.size());
    check_population(spec.pre, fallback_owner, "pre");
    check_population(spec.post, fallback_owner, "post");
    const PopulationSpec& pre = populations_[spec.pre.index];
    const PopulationSpec& post = populations_[spec.post.index];
    const bool named = !spec.name.empty();
    if (!named) spec.name = pre.name + "->" + post.name;
    const auto taken = [&](const std::string& name) {
        return std::any_of(projections_.begin(), projections_.end(), [&](const ProjectionSpec& p) { return p.name == name; });
    };
    if (taken(spec.name)) {
        if (named) fail("projection '" + spec.name + "'", "name", "'" + spec.name + "'", "a name not used by another projection");
        spec.name += " #" + std::to_string(projections_.size());  // a second "E->E": "E->E #3"
    }
    const std::string owner = "projection '" + spec.name + "'";
    if (model_info(post.model).receptors == 0)
        fail(owner, "post", "'" + post.name + "'",
             "a population that takes input (model " + std::string(to_string(post.model)) + " takes none)");
    check_receptor(owner, post, spec.receptor);

    const ConnectRule& r = spec.rule;
    const bool same = spec.pre == spec.post;
    using Kind = ConnectRule::Kind;
    const double n_pre = pre.size, n_post = post.size;
    switch (r.kind) {
    case Kind::all_to_all: check_synapse_count(owner, "rule", n_pre * n_post, "all_to_all"); break;
    case Kind::one_to_one:
        if (pre.size != post.size)
            fail(owner, "rule one_to_one", std::to_string(pre.size) + " -> " + std::to_string(post.size) + " neurons",
                 "populations of equal size");
        break;
    case Kind::fixed_probability:
        require_range(owner, "p", r.p, 0.0, 1.0);
        check_synapse_count(owner, "p", r.p * n_pre * n_post, format_number(r.p));
        break;
    case Kind::fixed_indegree:
    case Kind::fixed_outdegree: {
        const uint64_t pool = (r.kind == Kind::fixed_indegree ? pre.size : post.size) - ((same && !r.autapses) ? 1 : 0);
        const char* field = r.kind == Kind::fixed_indegree ? "indegree" : "outdegree";
        check_synapse_count(owner, field, static_cast<double>(r.n) * (r.kind == Kind::fixed_indegree ? n_post : n_pre),
                            std::to_string(r.n));
        if (r.n > 0 && pool == 0) fail(owner, field, std::to_string(r.n), "0 (no source neuron may be chosen)");
        if (!r.multapses && r.n > pool) fail(owner, field, std::to_string(r.n), pool_text(pool) + " without multapses");
        break;
    }
    case Kind::fixed_total_number: {
        check_synapse_count(owner, "n", static_cast<double>(r.n), std::to_string(r.n));
        const uint64_t pairs = static_cast<uint64_t>(pre.size) * post.size - ((same && !r.autapses) ? pre.size : 0);
        if (r.n > 0 && pairs == 0) fail(owner, "n", std::to_string(r.n), "0 (no pair may be chosen)");
        if (!r.multapses && r.n > pairs) fail(owner, "n", std::to_string(r.n), pool_text(pairs) + " without multapses");
        break;
    }
    case Kind::from_arrays:
        if (!r.synapses) fail(owner, "rule", "from_arrays", "a projection made by connect_arrays (which gives the synapses)");
        break;
    }

    spec.weight = with_sign_kept(spec.weight);
    check_distribution(owner, "weight", spec.weight);
    check_weight(owner, "weight", spec.weight);

    const double dt = options_.dt_ms;
    const double max_delay = kMaxDelaySteps * dt;
    Distribution delay = spec.delay_ms.value_or(Distribution::constant(dt));
    if (delay.kind == Distribution::Kind::normal) {
        if (std::isinf(delay.min)) delay.min = dt;
        if (std::isinf(delay.max)) delay.max = max_delay;
    }
    check_distribution(owner, "delay_ms", delay);
    check_delay(owner, delay.is_constant() ? "delay_ms" : "delay_ms (lowest)", delay.lowest(), dt);
    check_delay(owner, delay.is_constant() ? "delay_ms" : "delay_ms (highest)", delay.highest(), dt);
    spec.delay_ms = delay;
    check_plasticity(owner, spec, post);

    projections_.push_back(std::move(spec));
    return ProjectionId{static_cast<uint32_t>(projections_.size() - 1)};
}

ProjectionId Network::connect(PopulationId pre, PopulationId post, ConnectRule rule, Distribution weight,
                              std::optional<Distribution> delay_ms, Receptor receptor) {
    ProjectionSpec spec;
    spec.pre = pre;
    spec.post = post;
    spec.rule = rule;
    spec.weight = weight;
    spec.delay_ms = delay_ms;
    spec.receptor = receptor;
    return connect(spec);
}

uint32_t Network::add_poisson_input(const PoissonInputSpec& in) {
    PoissonInputSpec spec = in;
    check_population(spec.target, "poisson input #" + std::to_string(poisson_inputs_.size()), "target");
    const PopulationSpec& target = populations_[spec.target.index];
    if (spec.name.empty()) spec.name = "poisson->" + target.name;
    const std::string owner = "poisson input '" + spec.name + "'";
    if (model_info(target.model).receptors == 0)
        fail(owner, "target", "'" + target.name + "'",
             "a population that takes input (model " + std::string(to_string(target.model)) + " takes none)");
    check_receptor(owner, target, spec.receptor);
    require_range(owner, "rate_Hz", spec.rate_Hz, 0.0, detail::max_poisson_rate_Hz(options_.dt_ms));
    require_range(owner, "weight", spec.weight, -kMaxWeight, kMaxWeight);
    const double delay = spec.delay_ms.value_or(options_.dt_ms);
    check_delay(owner, "delay_ms", delay, options_.dt_ms);
    spec.delay_ms = delay;
    poisson_inputs_.push_back(std::move(spec));
    return static_cast<uint32_t>(poisson_inputs_.size() - 1);
}

uint32_t Network::poisson_input_index(std::string_view name) const {
    std::vector<uint32_t> found;
    std::string names;
    for (uint32_t k = 0; k < poisson_inputs_.size(); ++k) {
        if (poisson_inputs_[k].name == name) found.push_back(k);
        names += (names.empty() ? "'" : ", '") + poisson_inputs_[k].name + "'";
    }
    if (found.size() == 1) return found[0];
    fail("network", "poisson input", "'" + std::string(name) + "'",
         found.empty() ? "the name of one (defined: " + (names.empty() ? std::string("none") : names) + ")"
                       : "a name only one input has (" + std::to_string(found.size()) + " have it; use the index)");
}

uint32_t Network::add_poisson_input(PopulationId target, double rate_Hz, double weight, Receptor receptor,
                                    std::optional<double> delay_ms) {
    PoissonInputSpec spec;
    spec.target = target;
    spec.rate_Hz = rate_Hz;
    spec.weight = weight;
    spec.receptor = receptor;
    spec.delay_ms = delay_ms;
    return add_poisson_input(spec);
}

void Network::record_spikes(PopulationId population) {
    check_population(population, "network", "record_spikes");
    recorded_[population.index] = true;
}

void Network::record_all_spikes() { recorded_.assign(populations_.size(), true); }

void Network::record_no_spikes() { recorded_.assign(populations_.size(), false); }

uint32_t Network::record_weights(const WeightRecorderSpec& spec) {
    const std::string owner = "weight recorder #" + std::to_string(weight_recorders_.size());
    if (spec.projection.index >= projections_.size())
        fail(owner, "projection", "#" + std::to_string(spec.projection.index),
             "a projection of this network (" + std::to_string(projections_.size()) + " defined)");
    if (spec.every_steps == 0) fail(owner, "every_steps", "0", "[1, 4294967295]");
    weight_recorders_.push_back(spec);
    return static_cast<uint32_t>(weight_recorders_.size() - 1);
}

void Network::add_current_steps(const CurrentStepsSpec& spec) {
    const std::string owner = "current steps #" + std::to_string(current_steps_.size());
    check_population(spec.population, owner, "population");
    const PopulationSpec& pop = populations_[spec.population.index];
    if (model_info(pop.model).state.empty())
        fail(owner, "population", "'" + pop.name + "'",
             "a population that takes an input current (model " + std::string(to_string(pop.model)) + " takes none)");
    if (spec.every_steps == 0) fail(owner, "every_steps", "0", "[1, 4294967295]");
    if (spec.values.empty()) fail(owner, "values", "[]", "at least one row");
    for (std::size_t k = 0; k < spec.values.size(); ++k) {
        const std::vector<double>& row = spec.values[k];
        const std::string field = "values[" + std::to_string(k) + "]";
        if (row.size() != 1 && row.size() != pop.size)
            fail(owner, field, std::to_string(row.size()) + " values",
                 "1 value (for every neuron) or size = " + std::to_string(pop.size) + " values");
        for (std::size_t i = 0; i < row.size(); ++i) require_finite(owner, field + "[" + std::to_string(i) + "]", row[i]);
    }
    current_steps_.push_back(spec);
}

SamplerId Network::sample(const SamplerSpec& spec) {
    const std::string owner = "sampler #" + std::to_string(samplers_.size());
    check_population(spec.population, owner, "population");
    const PopulationSpec& pop = populations_[spec.population.index];
    const ModelInfo& info = model_info(pop.model);
    if (info.state.empty())
        fail(owner, "population", "'" + pop.name + "'", "a population with state (model " + info.name + " has none)");
    if (spec.neurons.empty()) fail(owner, "neurons", "[]", "at least one neuron");
    for (NeuronId id : spec.neurons)
        if (id >= pop.size) fail(owner, "neurons", std::to_string(id), "[0, " + std::to_string(pop.size - 1) + "]");
    if (spec.vars.empty()) fail(owner, "vars", "[]", "at least one of " + info.state_names());
    for (const StateVar& var : spec.vars)
        if (!info.state_index(var.name))
            fail(owner, "vars", "'" + var.name + "'", "a state variable of model " + info.name + ": " + info.state_names());
    if (spec.every_steps == 0) fail(owner, "every_steps", "0", "[1, 4294967295]");
    samplers_.push_back(spec);
    return SamplerId{static_cast<uint32_t>(samplers_.size() - 1)};
}

}  // namespace axon
