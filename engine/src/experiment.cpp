// Experiment files (TOML) -> Experiment. Every table's keys are checked; values go through
// the Network's own validation, whose messages get the file position prepended.
#include "axon/experiment.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "axon/errors.hpp"
#include "axon/standard_models.hpp"
#include "check.hpp"
#include "npy_reader.hpp"
#include "toml_reader.hpp"

namespace axon {
namespace {

using detail::TableReader;

/// Run `fn`; a ConfigError from the network's validation (or a CapacityError: a spike source
/// too large for the host) gets `reader`'s position in front.
template <class Fn>
auto at(const TableReader& reader, Fn fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const ConfigError& e) {
        throw ConfigError(reader.location() + ": " + e.what());
    } catch (const CapacityError& e) {
        throw CapacityError(reader.location() + ": " + e.what());
    }
}

template <class Enum>
Enum choose(TableReader& r, const std::string& key, const std::vector<std::pair<std::string, Enum>>& choices,
            std::optional<Enum> fallback) {
    const auto text = r.string(key);
    if (!text) {
        if (fallback) return *fallback;
        r.missing(key);
    }
    std::string list;
    for (const auto& [name, value] : choices) {
        if (name == *text) return value;
        list += (list.empty() ? "\"" : ", \"") + name + "\"";
    }
    r.fail(key, key + " = \"" + *text + "\" is invalid; allowed: " + list);
}

std::string required_string(TableReader& r, const std::string& key) {
    const auto v = r.string(key);
    if (!v) r.missing(key);
    return *v;
}

PopulationId population_named(const Network& net, TableReader& r, const std::string& key) {
    const std::string name = required_string(r, key);
    try {
        return net.population_id(name);
    } catch (const ConfigError& e) {
        r.fail(key, key + " = '" + name + "' is invalid: " + e.what());
    }
}

Receptor receptor(TableReader& r) {
    return choose<Receptor>(r, "receptor", {{"excitatory", Receptor::excitatory}, {"inhibitory", Receptor::inhibitory}, {"target", Receptor::target}},
                            Receptor::excitatory);
}

/// A path given in an experiment file: relative to the file's folder.
std::string beside(const std::string& source, const std::string& name) {
    return (std::filesystem::path(source).parent_path() / name).string();
}

/// The file named by `key` (beside the experiment file) read by `reader`; empty when the key is
/// absent. A bad file is the key's error.
template <class Reader>
auto read_file_key(TableReader& r, const std::string& source, const char* key, Reader reader) {
    const auto name = r.string(key);
    try {
        return name ? reader(beside(source, *name)) : decltype(reader(std::string())){};
    } catch (const ConfigError& e) {
        r.fail(key, std::string(key) + ": " + e.what());
    }
}

/// A spike_source population: its spikes from a .npy file of (time_ms, neuron) records.
void read_spike_source(Network& net, TableReader& r, const std::string& source, const std::string& name, uint32_t size) {
    if (!r.has("spikes_file")) r.missing("spikes_file", "(a .npy file of (time_ms, neuron) records, relative to the experiment file)");
    const detail::SpikeRecords spikes = read_file_key(r, source, "spikes_file", detail::read_npy_spikes);
    r.reject_unknown({"name", "model", "size", "spikes_file"});
    at(r, [&] { return net.add_spike_source(name, size, spikes.time_ms, spikes.neuron); });
}

void read_population(Network& net, TableReader r, const std::string& source) {
    PopulationSpec spec;
    spec.name = required_string(r, "name");
    if (spec.name == "all" || spec.name == "none")  // [recording] spikes = "all" | "none" would be ambiguous
        r.fail("name", "name = \"" + spec.name + "\" is reserved; allowed: any other name (\"all\" and \"none\" "
                       "are the keywords of [recording] spikes)");
    r.set_owner("population '" + spec.name + "'");
    std::vector<std::pair<std::string, NeuronModel>> models;
    for (NeuronModel m : neuron_models()) models.emplace_back(to_string(m), m);
    spec.model = choose<NeuronModel>(r, "model", models, std::nullopt);
    const auto size = r.integer("size", 1, UINT32_MAX);
    if (!size) r.missing("size");
    if (spec.model == NeuronModel::spike_source)
        return read_spike_source(net, r, source, spec.name, static_cast<uint32_t>(*size));
    spec.size = static_cast<uint32_t>(*size);
    // The model's field table says which keys there are; ranges are checked by add_population.
    const ModelInfo& info = model_info(spec.model);
    std::vector<std::string> keys = {"name", "model", "size"};
    for (const ParamInfo& p : info.params) {
        if (const auto v = r.number(p.name))
            spec.params.set(p.name, *v);
        else if (p.required)
            r.missing(p.name);
        keys.push_back(p.name);
    }
    if (info.state_index("v")) {
        if (r.has("initial_v_mV") && r.has("initial_v_values_mV"))
            r.fail("initial_v_values_mV", "give initial_v_mV or initial_v_values_mV, not both");
        spec.initial.v_mV = r.distribution("initial_v_mV");
        if (const auto values = r.numbers("initial_v_values_mV")) {
            if (values->empty())
                r.fail("initial_v_values_mV", "initial_v_values_mV = [] is invalid; allowed: exactly size = " +
                                                  std::to_string(spec.size) + " values");
            spec.initial.v_values_mV = *values;
        }
        keys.insert(keys.end(), {"initial_v_mV", "initial_v_values_mV"});
    }
    for (const StateInfo& var : info.state) {
        if (var.name == "v") continue;
        if (const auto d = r.distribution(var.initial_key())) spec.initial.set(var.name, *d);
        keys.push_back(var.initial_key());
    }
    r.reject_unknown(keys);
    at(r, [&] { return net.add_population(spec); });
}

void read_poisson_input(Network& net, TableReader r) {
    PoissonInputSpec spec;
    spec.name = r.string("name").value_or("");
    spec.target = population_named(net, r, "target");
    if (spec.name.empty()) spec.name = "poisson->" + net.population(spec.target).name;
    r.set_owner("poisson input '" + spec.name + "'");
    const auto rate = r.number("rate_Hz");
    if (!rate) r.missing("rate_Hz");
    const auto weight = r.number("weight");
    if (!weight) r.missing("weight");
    spec.rate_Hz = *rate;
    spec.weight = *weight;
    spec.receptor = receptor(r);
    spec.delay_ms = r.number("delay_ms");
    r.reject_unknown({"name", "target", "rate_Hz", "weight", "receptor", "delay_ms"});
    at(r, [&] {
        net.add_poisson_input(spec);
        return 0;
    });
}

Plasticity read_plasticity(TableReader r) {
    const auto rule = choose<Plasticity::Kind>(r, "rule", {{"stdp", Plasticity::Kind::stdp},
                                                                    {"hebbian", Plasticity::Kind::hebbian},
                                                                    {"perceptron", Plasticity::Kind::perceptron}},
                                               std::nullopt);
    Plasticity out;
    out.kind = rule;
    auto set = [&](const char* key, double& field) {
        if (const auto v = r.number(key)) field = *v;
    };
    if (rule == Plasticity::Kind::stdp) {
        StdpParams& p = out.stdp;
        set("tau_plus_ms", p.tau_plus_ms);
        set("tau_minus_ms", p.tau_minus_ms);
        set("a_plus", p.a_plus);
        set("a_minus", p.a_minus);
        set("w_min", p.w_min);
        set("w_max", p.w_max);
        p.multiplicative = choose<bool>(r, "weight_dependence", {{"additive", false}, {"multiplicative", true}}, false);
        p.nearest = choose<bool>(r, "pairing", {{"all_to_all", false}, {"nearest", true}}, false);
        r.reject_unknown({"rule", "tau_plus_ms", "tau_minus_ms", "a_plus", "a_minus", "w_min", "w_max",
                          "weight_dependence", "pairing"});
    } else if (rule == Plasticity::Kind::perceptron) {
        PerceptronParams& p = out.perceptron;
        set("eta", p.eta);
        set("w_min", p.w_min);
        set("w_max", p.w_max);
        r.reject_unknown({"rule", "eta", "w_min", "w_max"});
    } else {
        HebbianParams& p = out.hebbian;
        set("tau_pre_ms", p.tau_pre_ms);
        set("tau_post_ms", p.tau_post_ms);
        set("eta", p.eta);
        set("lambda", p.lambda);
        set("w_min", p.w_min);
        set("w_max", p.w_max);
        r.reject_unknown({"rule", "tau_pre_ms", "tau_post_ms", "eta", "lambda", "w_min", "w_max"});
    }
    return out;
}

/// Weight, delay, receptor and plasticity: what every projection table may give.
void read_synapse_keys(TableReader& r, const std::string& source, ProjectionSpec& spec, bool weight_required) {
    const auto weight = r.distribution("weight");
    if (!weight && weight_required) r.missing("weight");
    if (weight) spec.weight = *weight;
    spec.delay_ms = r.distribution("delay_ms");
    spec.receptor = receptor(r);
    if (const toml::table* t = r.table("plasticity")) spec.plasticity = read_plasticity(TableReader(*t, source, r.owner() + ": plasticity"));
}

/// rule = "from_arrays": .npy files of pre and post indices (and optionally weights and delays),
/// their paths relative to the experiment file.
void read_arrays_projection(Network& net, TableReader& r, const std::string& source, ProjectionSpec& spec) {
    const auto read = [&](const char* key, auto reader) { return read_file_key(r, source, key, reader); };
    for (const char* key : {"pre_file", "post_file"})
        if (!r.has(key)) r.missing(key, "(a .npy file of indices, relative to the experiment file)");
    const std::vector<uint32_t> pre = read("pre_file", detail::read_npy_indices);
    const std::vector<uint32_t> post = read("post_file", detail::read_npy_indices);
    auto as_floats = [](const std::vector<double>& v) { return std::vector<float>(v.begin(), v.end()); };
    const std::vector<float> weight = as_floats(read("weight_file", detail::read_npy_numbers));
    const std::vector<float> delay = as_floats(read("delay_file", detail::read_npy_numbers));
    read_synapse_keys(r, source, spec, !r.has("weight_file"));
    r.reject_unknown({"name", "pre", "post", "rule", "pre_file", "post_file", "weight_file", "delay_file", "weight",
                      "delay_ms", "receptor", "plasticity"});
    at(r, [&] { return net.connect_arrays(spec, pre, post, weight, delay); });
}

void read_projection(Network& net, TableReader r, const std::string& source) {
    ProjectionSpec spec;
    spec.pre = population_named(net, r, "pre");
    spec.post = population_named(net, r, "post");
    spec.name = r.string("name").value_or(net.population(spec.pre).name + "->" + net.population(spec.post).name);
    r.set_owner("projection '" + spec.name + "'");
    using Kind = ConnectRule::Kind;
    spec.rule.kind = choose<Kind>(r, "rule",
                                  {{"all_to_all", Kind::all_to_all},
                                   {"one_to_one", Kind::one_to_one},
                                   {"fixed_probability", Kind::fixed_probability},
                                   {"fixed_indegree", Kind::fixed_indegree},
                                   {"fixed_outdegree", Kind::fixed_outdegree},
                                   {"fixed_total_number", Kind::fixed_total_number},
                                   {"from_arrays", Kind::from_arrays}},
                                  std::nullopt);
    if (spec.rule.kind == Kind::from_arrays) return read_arrays_projection(net, r, source, spec);
    // The one parameter each rule takes.
    const char* parameter = spec.rule.kind == Kind::fixed_probability    ? "p"
                            : spec.rule.kind == Kind::fixed_indegree     ? "indegree"
                            : spec.rule.kind == Kind::fixed_outdegree    ? "outdegree"
                            : spec.rule.kind == Kind::fixed_total_number ? "n"
                                                                          : nullptr;
    for (const char* other : {"p", "indegree", "outdegree", "n"})
        if (r.has(other) && (!parameter || std::string(other) != parameter))
            r.fail(other, std::string("'") + other + "' does not apply to rule " + to_string(spec.rule.kind) +
                              (parameter ? std::string(" (it takes '") + parameter + "')" : " (it takes no parameter)"));
    if (parameter) {
        if (!r.has(parameter)) r.missing(parameter, std::string("of rule ") + to_string(spec.rule.kind));
        if (spec.rule.kind == Kind::fixed_probability)
            spec.rule.p = *r.number("p");
        else
            spec.rule.n = static_cast<uint64_t>(*r.integer(parameter, 0, INT64_MAX));
    }
    spec.rule.autapses = r.boolean("autapses").value_or(true);
    spec.rule.multapses = r.boolean("multapses").value_or(spec.rule.kind != Kind::fixed_probability);
    read_synapse_keys(r, source, spec, true);
    r.reject_unknown({"name", "pre", "post", "rule", "p", "indegree", "outdegree", "n", "autapses", "multapses",
                      "weight", "delay_ms", "receptor", "plasticity"});
    at(r, [&] { return net.connect(spec); });
}

/// A recording interval `every_ms` (default: every step) in whole steps.
uint32_t every_steps(TableReader& r, double dt) {
    const double every_ms = r.number("every_ms").value_or(dt);
    const double steps = every_ms / dt;
    if (!(steps >= 0.5) || steps > 4294967295.0)
        r.fail("every_ms", "every_ms = " + detail::format_number(every_ms) +
                               " is invalid; allowed: [dt/2, 4294967295 dt] (rounded to the nearest whole number of steps, at least 1)");
    return static_cast<uint32_t>(steps + 0.5);
}

void read_current_steps(Network& net, TableReader r) {
    CurrentStepsSpec spec;
    spec.population = population_named(net, r, "population");
    if (!r.has("every_ms")) r.missing("every_ms", "(how long each row holds, in ms)");
    spec.every_steps = every_steps(r, net.dt_ms());
    auto values = r.rows("values");
    if (!values) r.missing("values", "(rows of input currents: a number, or one number per neuron)");
    spec.values = std::move(*values);
    spec.repeat = r.boolean("repeat").value_or(false);
    r.reject_unknown({"population", "every_ms", "values", "repeat"});
    at(r, [&] {
        net.add_current_steps(spec);
        return 0;
    });
}

void read_recording(Network& net, TableReader r, const std::string& source, bool& csv) {
    csv = r.boolean("csv").value_or(false);
    const auto spikes = r.string_list("spikes");
    if (!spikes) {
        net.record_all_spikes();
    } else {
        for (const std::string& name : *spikes) {
            if (name == "all") {
                net.record_all_spikes();
                continue;
            }
            if (name == "none") continue;
            try {
                net.record_spikes(net.population_id(name));
            } catch (const ConfigError& e) {
                r.fail("spikes", std::string(e.what()) + " (or \"all\", \"none\")");
            }
        }
    }
    const double dt = net.dt_ms();
    for (const toml::table* t : r.tables("sample")) {
        TableReader s(*t, source, "[[recording.sample]]");
        SamplerSpec spec;
        spec.population = population_named(net, s, "population");
        const auto neurons = s.integers("neurons", 0, UINT32_MAX);
        if (!neurons) s.missing("neurons");
        spec.neurons.assign(neurons->begin(), neurons->end());
        spec.vars.clear();
        const ModelInfo& info = model_info(net.population(spec.population).model);
        for (const std::string& name : s.strings("vars").value_or(std::vector<std::string>{"v"})) {
            if (!info.state_index(name))
                s.fail("vars", "unknown state variable '" + name + "' of model " + info.name + "; allowed: " +
                                   info.state_names());
            spec.vars.emplace_back(name);
        }
        spec.every_steps = every_steps(s, dt);
        s.reject_unknown({"population", "neurons", "vars", "every_ms"});
        at(s, [&] { return net.sample(spec); });
    }
    for (const toml::table* t : r.tables("weights")) {
        TableReader w(*t, source, "[[recording.weights]]");
        const std::string name = required_string(w, "projection");
        const auto& projections = net.projections();
        const auto it = std::find_if(projections.begin(), projections.end(), [&](const ProjectionSpec& p) { return p.name == name; });
        if (it == projections.end()) {
            std::string known;
            for (const auto& p : projections) known += (known.empty() ? "'" : ", '") + p.name + "'";
            w.fail("projection", "projection = '" + name + "' is invalid: no projection has this name; defined: " +
                                     (known.empty() ? "none" : known));
        }
        const uint32_t every = every_steps(w, dt);
        w.reject_unknown({"projection", "every_ms"});
        at(w, [&] {
            return net.record_weights(WeightRecorderSpec{ProjectionId{static_cast<uint32_t>(it - projections.begin())}, every});
        });
    }
    r.reject_unknown({"spikes", "csv", "sample", "weights"});
}

void read_simulation(TableReader& top, const std::string& source, const ExperimentOverrides& overrides,
                     Experiment& experiment) {
    NetworkOptions options;
    const toml::table* sim = top.table("simulation");
    if (sim) {
        TableReader r(*sim, source, "[simulation]");
        options.dt_ms = r.number("dt_ms").value_or(options.dt_ms);
        experiment.duration_ms = r.number("duration_ms").value_or(experiment.duration_ms);
        if (!(experiment.duration_ms >= 0) || experiment.duration_ms > 1e12)
            r.fail("duration_ms", "duration_ms = " + detail::format_number(experiment.duration_ms) +
                                      " is invalid; allowed: [0, 1e12]");
        options.seed = static_cast<uint64_t>(r.integer("seed", 0, INT64_MAX).value_or(1));
        experiment.backend = choose<std::string>(r, "backend", {{"cpu", "cpu"}, {"cuda", "cuda"}, {"auto", "auto"}},
                                                 std::string("cpu"));
        experiment.threads = static_cast<int>(r.integer("threads", 0, 4096).value_or(0));
        r.reject_unknown({"dt_ms", "duration_ms", "seed", "backend", "threads"});
        if (overrides.seed) options.seed = *overrides.seed;
        try {
            experiment.network = Network(options);
        } catch (const ConfigError& e) {
            throw ConfigError(r.location("dt_ms") + ": " + e.what());
        }
        return;
    }
    if (overrides.seed) options.seed = *overrides.seed;
    experiment.network = Network(options);
}

}  // namespace

Experiment parse_experiment(const std::string& toml_text, const std::string& source, const ExperimentOverrides& overrides) {
    toml::table root;
    try {
        root = toml::parse(toml_text, source);
    } catch (const toml::parse_error& e) {
        throw ConfigError(detail::where(source, e.source()) + ": malformed TOML: " + std::string(e.description()));
    }
    TableReader top(root, source, "experiment");
    top.reject_unknown({"simulation", "population", "poisson_input", "projection", "current_steps", "recording"});

    Experiment experiment{Network(), std::filesystem::path(source).stem().string(), 1000.0, "cpu", 0, false};
    read_simulation(top, source, overrides, experiment);
    Network& net = experiment.network;
    const auto populations = top.tables("population");
    if (populations.empty())
        throw ConfigError(source + ": experiment: no [[population]] defined; a network needs at least one");
    for (const toml::table* t : populations) read_population(net, TableReader(*t, source, "population"), source);
    for (const toml::table* t : top.tables("poisson_input")) read_poisson_input(net, TableReader(*t, source, "poisson input"));
    for (const toml::table* t : top.tables("projection")) read_projection(net, TableReader(*t, source, "projection"), source);
    for (const toml::table* t : top.tables("current_steps")) read_current_steps(net, TableReader(*t, source, "[[current_steps]]"));
    if (const toml::table* rec = top.table("recording"))
        read_recording(net, TableReader(*rec, source, "[recording]"), source, experiment.write_csv);
    else
        net.record_all_spikes();
    return experiment;
}

Experiment load_experiment(const std::string& path, const ExperimentOverrides& overrides) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ConfigError(path + ": is a directory; an experiment file (TOML) is expected");
    std::ifstream in(path);
    if (!in) throw ConfigError(path + ": cannot read the experiment file (" + std::string(std::strerror(errno)) + ")");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_experiment(text.str(), path, overrides);
}

Experiment default_experiment(const ExperimentOverrides& overrides) {
    models::BrunelOptions options;
    if (overrides.seed) options.seed = *overrides.seed;
    return Experiment{models::brunel_a(options), "default", 1000.0, "cpu", 0, false};
}

}  // namespace axon
