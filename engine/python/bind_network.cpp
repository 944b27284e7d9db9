// Network: populations of every model, projections with every rule and plasticity, inputs and
// recording; the standard models; experiment files.

#include <map>
#include <optional>

#include "convert.hpp"

namespace axon::python {

using namespace nb::literals;

namespace {

using PlasticityRef = std::optional<std::variant<StdpParams, HebbianParams, PerceptronParams>>;

Plasticity to_plasticity(const PlasticityRef& p) {
    if (!p) return Plasticity::none();
    return std::visit([](const auto& params) { return Plasticity::with(params); }, *p);
}

std::optional<Distribution> optional_distribution(const std::optional<ValueOrDistribution>& v) {
    if (!v) return std::nullopt;
    return to_distribution(*v);
}

PopulationId add_population(Network& net, std::string name, uint32_t size, const ModelRef& model,
                            const std::map<std::string, double>& params, nb::object v_mV,
                            const std::map<std::string, ValueOrDistribution>& initial) {
    PopulationSpec spec;
    spec.name = std::move(name);
    spec.size = size;
    spec.model = to_model(model);
    for (const auto& [key, value] : params) spec.params.set(key, value);
    if (!v_mV.is_none()) {
        if (nb::isinstance<Distribution>(v_mV))
            spec.initial.v_mV = nb::cast<Distribution>(v_mV);
        else if (is_number(v_mV))
            spec.initial.v_mV = Distribution::constant(nb::cast<double>(v_mV));
        else
            spec.initial.v_values_mV = to_vector(float64_array(v_mV, "population '" + spec.name + "': v_mV"));
    }
    for (const auto& [var, value] : initial) spec.initial.set(var, to_distribution(value));
    return net.add_population(spec);
}

ProjectionSpec projection_spec(const Network& net, const PopulationRef& pre, const PopulationRef& post, std::string name,
                               const ReceptorRef& receptor, const PlasticityRef& plasticity) {
    ProjectionSpec spec;
    spec.name = std::move(name);
    spec.pre = resolve(net, pre);
    spec.post = resolve(net, post);
    spec.receptor = to_receptor(receptor);
    spec.plasticity = to_plasticity(plasticity);
    return spec;
}

ProjectionId connect(Network& net, const PopulationRef& pre, const PopulationRef& post, const ConnectRule& rule,
                     const ValueOrDistribution& weight, const std::optional<ValueOrDistribution>& delay_ms,
                     const ReceptorRef& receptor, const PlasticityRef& plasticity, std::string name) {
    ProjectionSpec spec = projection_spec(net, pre, post, std::move(name), receptor, plasticity);
    spec.rule = rule;
    spec.weight = to_distribution(weight);
    spec.delay_ms = optional_distribution(delay_ms);
    return net.connect(spec);
}

// Weights and delays: a number or a Distribution for every synapse, or an array of one per synapse.
ProjectionId connect_arrays(Network& net, const PopulationRef& pre, const PopulationRef& post, nb::handle pre_ids,
                            nb::handle post_ids, nb::object weight, nb::object delay_ms, const ReceptorRef& receptor,
                            const PlasticityRef& plasticity, std::string name) {
    ProjectionSpec spec = projection_spec(net, pre, post, std::move(name), receptor, plasticity);
    const std::string owner = "projection '" + (spec.name.empty() ? std::string("from arrays") : spec.name) + "'";
    const InArray<uint32_t> pre_array = index_array(pre_ids, owner + ": pre"), post_array = index_array(post_ids, owner + ": post");
    InArray<float> weight_array, delay_array;
    auto split = [&](nb::object values, InArray<float>& array, const char* field) -> std::optional<Distribution> {
        if (values.is_none()) return std::nullopt;
        if (nb::isinstance<Distribution>(values)) return nb::cast<Distribution>(values);
        if (is_number(values))
            return Distribution::constant(nb::cast<double>(values));
        array = float32_array(values, owner + ": " + field);
        return std::nullopt;
    };
    if (auto w = split(weight, weight_array, "weight")) spec.weight = *w;
    spec.delay_ms = split(delay_ms, delay_array, "delay_ms");
    return net.connect_arrays(spec, view(pre_array), view(post_array),
                              weight_array.is_valid() ? view(weight_array) : ArrayView<float>{},
                              delay_array.is_valid() ? view(delay_array) : ArrayView<float>{});
}

void bind_network_class(nb::module_& m) {
    nb::class_<Network>(m, "Network",
                        "A network description: populations, projections, inputs and what to record. Every add "
                        "call checks its arguments and raises ConfigError without changing the network.")
        .def(
            "__init__", [](Network* n, double dt_ms, uint64_t seed) { new (n) Network(NetworkOptions{dt_ms, seed}); },
            nb::kw_only(), "dt_ms"_a = 0.1, "seed"_a = 1,
            "An empty network with time step dt_ms (> 0) and the seed of every random draw.")
        .def_prop_ro("dt_ms", &Network::dt_ms)
        .def_prop_ro("seed", &Network::seed)
        .def_prop_ro("neuron_count", &Network::neuron_count)
        .def_prop_ro("population_names", [](const Network& n) {
            std::vector<std::string> names;
            for (const PopulationSpec& p : n.populations()) names.push_back(p.name);
            return names;
        }, "Population names, in add order (a PopulationId's index).")
        .def_prop_ro("projection_names", [](const Network& n) {
            std::vector<std::string> names;
            for (const ProjectionSpec& p : n.projections()) names.push_back(p.name);
            return names;
        })
        .def_prop_ro("poisson_input_names", [](const Network& n) {
            std::vector<std::string> names;
            for (const PoissonInputSpec& p : n.poisson_inputs()) names.push_back(p.name);
            return names;
        })
        .def("population_id", &Network::population_id, "name"_a, "The handle of the population of this name.")
        .def("population_size", [](const Network& n, const PopulationRef& p) { return n.population(resolve(n, p)).size; },
             "population"_a, "The number of neurons of a population (by handle or name).")
        .def("population_model", [](const Network& n, const PopulationRef& p) { return n.population(resolve(n, p)).model; },
             "population"_a, "The neuron model of a population (by handle or name).")
        .def("poisson_input_index", &Network::poisson_input_index, "name"_a,
             "The index of the Poisson input of this name (Simulator.set_poisson_rate).")
        .def("add_population", &add_population, "name"_a, "size"_a, "model"_a = "lif_exp", nb::kw_only(),
             "params"_a = std::map<std::string, double>{}, "v_mV"_a = nb::none(),
             "initial"_a = std::map<std::string, ValueOrDistribution>{},
             "A population of `size` neurons of `model` (a NeuronModel or its name). `params`: parameter values by "
             "name (axon.model_info(model).params; units in the names), the rest take their defaults. `v_mV`: the "
             "initial membrane potential, a number, a Distribution or one value per neuron. `initial`: other state "
             "variables' initial values by name.")
        .def(
            "add_spike_source",
            [](Network& n, std::string name, uint32_t size, nb::handle times_ms, nb::handle neurons) {
                const std::string owner = "population '" + name + "'";
                const InArray<double> times = float64_array(times_ms, owner + ": times_ms");
                const InArray<uint32_t> ids = index_array(neurons, owner + ": neurons");
                return n.add_spike_source(std::move(name), size, view(times), view(ids));
            },
            "name"_a, "size"_a, "times_ms"_a, "neurons"_a,
            "A population that replays given spikes (NEST's spike_generator): neurons[k] spikes at times_ms[k]; times "
            "in order, rounded up to the step grid.")
        .def("connect", &connect, "pre"_a, "post"_a, "rule"_a = ConnectRule::all_to_all(), nb::kw_only(),
             "weight"_a = 1.0, "delay_ms"_a = nb::none(), "receptor"_a = Receptor::excitatory, "plasticity"_a = nb::none(),
             "name"_a = "",
             "Synapses from `pre` to `post` chosen by `rule`. `weight` and `delay_ms` (default one step): a number or a "
             "Distribution. `plasticity`: axon.Stdp, axon.Hebbian or axon.Perceptron (one constant delay).")
        .def("connect_arrays", &connect_arrays, "pre"_a, "post"_a, "pre_ids"_a, "post_ids"_a, nb::kw_only(),
             "weight"_a = nb::none(), "delay_ms"_a = nb::none(), "receptor"_a = Receptor::excitatory,
             "plasticity"_a = nb::none(), "name"_a = "",
             "A projection of given synapses: pre_ids[k] -> post_ids[k]. `weight` and `delay_ms`: an array of one per "
             "synapse, a number or a Distribution.")
        .def(
            "add_poisson_input",
            [](Network& n, const PopulationRef& target, double rate_Hz, double weight, const ReceptorRef& receptor,
               std::optional<double> delay_ms, std::string name) {
                PoissonInputSpec spec;
                spec.name = std::move(name);
                spec.target = resolve(n, target);
                spec.rate_Hz = rate_Hz;
                spec.weight = weight;
                spec.receptor = to_receptor(receptor);
                spec.delay_ms = delay_ms;
                return n.add_poisson_input(spec);
            },
            "target"_a, "rate_Hz"_a, "weight"_a, nb::kw_only(), "receptor"_a = Receptor::excitatory,
            "delay_ms"_a = nb::none(), "name"_a = "",
            "Independent Poisson kicks of `weight` at `rate_Hz` for every neuron of `target`. Returns its index "
            "(Simulator.set_poisson_rate).")
        .def(
            "add_current_steps",
            [](Network& n, const PopulationRef& population, uint32_t every_steps, std::vector<std::vector<double>> values,
               bool repeat) {
                n.add_current_steps(CurrentStepsSpec{resolve(n, population), every_steps, std::move(values), repeat});
            },
            "population"_a, "every_steps"_a, "values"_a, nb::kw_only(), "repeat"_a = false,
            "Row k of `values` (one value per neuron, or one for all) becomes the input current at step k * "
            "every_steps; after the last row the rows start over (`repeat`) or the last one holds.")
        .def("record_spikes", [](Network& n, const PopulationRef& p) { n.record_spikes(resolve(n, p)); }, "population"_a,
             "Record the spikes of a population (Simulator.spikes).")
        .def("record_all_spikes", &Network::record_all_spikes, "Record the spikes of every population added so far.")
        .def("record_no_spikes", &Network::record_no_spikes, "Record no population's spikes (for benchmarks of the bare run).")
        .def(
            "sample",
            [](Network& n, const PopulationRef& p, nb::handle neurons, std::vector<std::string> vars, uint32_t every_steps) {
                SamplerSpec spec;
                spec.population = resolve(n, p);
                spec.neurons = to_vector(index_array(neurons, "sampler: neurons"));
                spec.vars.assign(vars.begin(), vars.end());
                spec.every_steps = every_steps;
                return n.sample(spec);
            },
            "population"_a, "neurons"_a, nb::kw_only(), "vars"_a = std::vector<std::string>{"v"}, "every_steps"_a = 1,
            "Sample state variables `vars` of `neurons` every `every_steps` steps (Simulator.samples).")
        .def(
            "record_weights",
            [](Network& n, ProjectionId projection, uint32_t every_steps) {
                return n.record_weights(WeightRecorderSpec{projection, every_steps});
            },
            "projection"_a, nb::kw_only(), "every_steps"_a = 1,
            "Snapshots of a projection's weights every `every_steps` steps (Simulator.weight_snapshots).")
        .def(
            "estimate_memory", [](const Network& n, std::string_view backend) { return estimate_memory(n, backend); },
            "backend"_a = "cpu",
             "What the network needs on `backend`, recording buffers excluded.")
        .def("__repr__", [](const Network& n) {
            return "Network(" + std::to_string(n.populations().size()) + " populations, " +
                   std::to_string(n.neuron_count()) + " neurons, " + std::to_string(n.projections().size()) +
                   " projections)";
        });
}

void bind_standard_models(nb::module_& m) {
    nb::module_ models = m.def_submodule("models", "The standard benchmark networks (docs/models.md).");
    models.def(
        "cuba", [](uint32_t neurons, uint64_t seed, double dt_ms, bool stdp) { return models::cuba({neurons, seed, dt_ms, stdp}); },
        nb::kw_only(), "neurons"_a = 4000, "seed"_a = 1, "dt_ms"_a = 0.1, "stdp"_a = false,
        "Vogels & Abbott 2005 CUBA (with `stdp`: additive STDP on E->E).");
    models.def(
        "coba", [](uint32_t neurons, uint64_t seed, double dt_ms) { return models::coba({neurons, seed, dt_ms}); },
        nb::kw_only(), "neurons"_a = 4000, "seed"_a = 1, "dt_ms"_a = 0.1, "Vogels & Abbott 2005 COBA.");
    models.def(
        "brunel_a",
        [](uint32_t neurons, uint64_t seed, double dt_ms, double g, double eta) {
            return models::brunel_a({neurons, seed, dt_ms, g, eta});
        },
        nb::kw_only(), "neurons"_a = 12500, "seed"_a = 1, "dt_ms"_a = 0.1, "g"_a = 5.0, "eta"_a = 2.0,
        "Brunel 2000 model A.");
    models.def(
        "izhikevich", [](uint32_t neurons, uint64_t seed, double dt_ms) { return models::izhikevich({neurons, seed, dt_ms}); },
        nb::kw_only(), "neurons"_a = 1000, "seed"_a = 1, "dt_ms"_a = 0.1, "Izhikevich 2003's network.");
}

void bind_experiments(nb::module_& m) {
    nb::class_<Experiment>(m, "Experiment", "A network plus how to run it, from an experiment file.")
        .def_ro("network", &Experiment::network)
        .def_ro("name", &Experiment::name)
        .def_ro("duration_ms", &Experiment::duration_ms)
        .def_ro("backend", &Experiment::backend)
        .def_ro("threads", &Experiment::threads);
    m.def(
        "load_experiment",
        [](const std::string& path, std::optional<uint64_t> seed) { return load_experiment(path, ExperimentOverrides{seed}); },
        "path"_a, nb::kw_only(), "seed"_a = nb::none(),
        "Read and check an experiment file (TOML; docs/file-format.md). `seed` overrides the file's, as `axon run "
        "--seed` does.");
    m.def("default_experiment", [] { return default_experiment(); },
          "The embedded default: Brunel 2000 model A, 12,500 neurons, 1 s.");
}

}  // namespace

void bind_network(nb::module_& m) {
    bind_network_class(m);
    bind_standard_models(m);
    bind_experiments(m);
}

}  // namespace axon::python
