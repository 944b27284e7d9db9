// The vocabulary: handles, enums, distributions, connection rules, plasticity rules, model
// descriptions and the figures a run reports.

#include "convert.hpp"

namespace axon::python {

using namespace nb::literals;

namespace {

void bind_handles(nb::module_& m) {
    nb::class_<PopulationId>(m, "PopulationId", "Handle of a population in its Network (index in add order).")
        .def_ro("index", &PopulationId::index)
        .def("__eq__", [](PopulationId a, PopulationId b) { return a == b; })
        .def("__hash__", [](PopulationId a) { return a.index; })
        .def("__repr__", [](PopulationId a) { return "PopulationId(" + std::to_string(a.index) + ")"; });
    nb::class_<ProjectionId>(m, "ProjectionId", "Handle of a projection in its Network (index in add order).")
        .def_ro("index", &ProjectionId::index)
        .def("__eq__", [](ProjectionId a, ProjectionId b) { return a.index == b.index; })
        .def("__hash__", [](ProjectionId a) { return a.index; })
        .def("__repr__", [](ProjectionId a) { return "ProjectionId(" + std::to_string(a.index) + ")"; });
    nb::class_<SamplerId>(m, "SamplerId", "Handle of a state sampler in its Network.")
        .def_ro("index", &SamplerId::index)
        .def("__repr__", [](SamplerId a) { return "SamplerId(" + std::to_string(a.index) + ")"; });
}

void bind_enums(nb::module_& m) {
    nb::enum_<NeuronModel> model(m, "NeuronModel", "The neuron models (docs/models.md).");
#define AXON_PY_MODEL(name) model.value(#name, NeuronModel::name);
    AXON_NEURON_MODELS(AXON_PY_MODEL)
#undef AXON_PY_MODEL
    nb::enum_<Receptor>(m, "Receptor", "Which input of the postsynaptic neurons a projection or input feeds.")
        .value("excitatory", Receptor::excitatory)
        .value("inhibitory", Receptor::inhibitory)
        .value("target", Receptor::target);
    nb::enum_<CudaStep>(m, "CudaStep", "How the CUDA backend divides a step into kernels.")
        .value("merged", CudaStep::merged)
        .value("fused", CudaStep::fused)
        .value("persistent", CudaStep::persistent);
}

void bind_distributions(nb::module_& m) {
    nb::class_<Distribution>(m, "Distribution",
                             "A value that is constant or drawn per element (neuron or synapse): build it with "
                             "axon.constant, axon.uniform or axon.normal.")
        .def_ro("value", &Distribution::value)
        .def_ro("low", &Distribution::low)
        .def_ro("high", &Distribution::high)
        .def_ro("mean", &Distribution::mean)
        .def_ro("sd", &Distribution::sd)
        .def_ro("min", &Distribution::min)
        .def_ro("max", &Distribution::max)
        .def("expected", &Distribution::expected, "Expected value (normal: the mean before redrawing).")
        .def("__repr__", &Distribution::describe);
    m.def("constant", &Distribution::constant, "value"_a, "The same value for every element.");
    m.def("uniform", &Distribution::uniform, "low"_a, "high"_a, "Uniform in [low, high).");
    m.def("normal", &Distribution::normal, "mean"_a, "sd"_a, "min"_a = -INFINITY, "max"_a = INFINITY,
          "Normal; values outside [min, max] are redrawn (up to 1000 times, then clipped).");
}

void bind_rules(nb::module_& m) {
    nb::class_<ConnectRule>(m, "ConnectRule",
                            "A connectivity rule with NEST's meaning: axon.all_to_all, one_to_one, "
                            "fixed_probability, fixed_indegree, fixed_outdegree, fixed_total_number.")
        .def_prop_ro("kind", [](const ConnectRule& r) { return to_string(r.kind); })
        .def_ro("p", &ConnectRule::p)
        .def_ro("n", &ConnectRule::n)
        .def_ro("autapses", &ConnectRule::autapses)
        .def_ro("multapses", &ConnectRule::multapses)
        .def("__repr__", [](const ConnectRule& r) { return std::string("ConnectRule(") + to_string(r.kind) + ")"; });
    m.def("all_to_all", &ConnectRule::all_to_all, "autapses"_a = true, "Every pre neuron to every post neuron.");
    m.def("one_to_one", &ConnectRule::one_to_one, "autapses"_a = true, "Neuron i to neuron i (equal sizes).");
    m.def("fixed_probability", &ConnectRule::fixed_probability, "p"_a, "autapses"_a = true,
          "Each pair independently with probability p.");
    m.def("fixed_indegree", &ConnectRule::fixed_indegree, "k"_a, "autapses"_a = true, "multapses"_a = true,
          "k presynaptic partners per post neuron.");
    m.def("fixed_outdegree", &ConnectRule::fixed_outdegree, "k"_a, "autapses"_a = true, "multapses"_a = true,
          "k postsynaptic partners per pre neuron.");
    m.def("fixed_total_number", &ConnectRule::fixed_total_number, "n"_a, "autapses"_a = true, "multapses"_a = true,
          "n synapses between random pairs.");
}

void bind_plasticity(nb::module_& m) {
    const StdpParams s;
    nb::class_<StdpParams>(m, "Stdp", "Pair-based STDP with exponential traces (docs/models.md).")
        .def(
            "__init__",
            [](StdpParams* p, double tau_plus_ms, double tau_minus_ms, double a_plus, double a_minus, double w_min,
               double w_max, bool multiplicative, bool nearest) {
                new (p) StdpParams{tau_plus_ms, tau_minus_ms, a_plus, a_minus, w_min, w_max, multiplicative, nearest};
            },
            nb::kw_only(), "tau_plus_ms"_a = s.tau_plus_ms, "tau_minus_ms"_a = s.tau_minus_ms, "a_plus"_a = s.a_plus,
            "a_minus"_a = s.a_minus, "w_min"_a = s.w_min, "w_max"_a = s.w_max, "multiplicative"_a = s.multiplicative,
            "nearest"_a = s.nearest,
            "Trace time constants (ms), amplitudes (weight units; a_minus <= 0), hard bounds; multiplicative: soft "
            "bounds; nearest: nearest-neighbour pairing.")
        .def_rw("tau_plus_ms", &StdpParams::tau_plus_ms)
        .def_rw("tau_minus_ms", &StdpParams::tau_minus_ms)
        .def_rw("a_plus", &StdpParams::a_plus)
        .def_rw("a_minus", &StdpParams::a_minus)
        .def_rw("w_min", &StdpParams::w_min)
        .def_rw("w_max", &StdpParams::w_max)
        .def_rw("multiplicative", &StdpParams::multiplicative)
        .def_rw("nearest", &StdpParams::nearest);
    const HebbianParams h;
    nb::class_<HebbianParams>(m, "Hebbian",
                              "Hebb's rule in trace form: w += eta x_pre y_post - lambda w, clipped (docs/models.md).")
        .def(
            "__init__",
            [](HebbianParams* p, double tau_pre_ms, double tau_post_ms, double eta, double lambda_, double w_min,
               double w_max) { new (p) HebbianParams{tau_pre_ms, tau_post_ms, eta, lambda_, w_min, w_max}; },
            nb::kw_only(), "tau_pre_ms"_a = h.tau_pre_ms, "tau_post_ms"_a = h.tau_post_ms, "eta"_a = h.eta,
            "lambda_"_a = h.lambda, "w_min"_a = h.w_min, "w_max"_a = h.w_max,
            "Trace time constants (ms), learning rate eta, weight decay lambda_ per update, bounds.")
        .def_rw("tau_pre_ms", &HebbianParams::tau_pre_ms)
        .def_rw("tau_post_ms", &HebbianParams::tau_post_ms)
        .def_rw("eta", &HebbianParams::eta)
        .def_rw("lambda_", &HebbianParams::lambda)
        .def_rw("w_min", &HebbianParams::w_min)
        .def_rw("w_max", &HebbianParams::w_max);
    const PerceptronParams q;
    nb::class_<PerceptronParams>(m, "Perceptron",
                                 "Rosenblatt's perceptron rule on a projection into binary units (docs/models.md).")
        .def(
            "__init__",
            [](PerceptronParams* p, double eta, double w_min, double w_max) { new (p) PerceptronParams{eta, w_min, w_max}; },
            nb::kw_only(), "eta"_a = q.eta, "w_min"_a = q.w_min, "w_max"_a = q.w_max,
            "Learning rate eta and weight bounds.")
        .def_rw("eta", &PerceptronParams::eta)
        .def_rw("w_min", &PerceptronParams::w_min)
        .def_rw("w_max", &PerceptronParams::w_max);
}

void bind_models(nb::module_& m) {
    nb::class_<ParamInfo>(m, "ParamInfo", "One parameter of a model (its name carries its unit).")
        .def_ro("name", &ParamInfo::name)
        .def_ro("default_value", &ParamInfo::default_value)
        .def_ro("doc", &ParamInfo::doc)
        .def_ro("required", &ParamInfo::required)
        .def("range", &ParamInfo::range, "The allowed range as text, e.g. '(0, inf)'.");
    nb::class_<StateInfo>(m, "StateInfo", "One state variable of a model.")
        .def_ro("name", &StateInfo::name)
        .def_ro("unit", &StateInfo::unit)
        .def_ro("doc", &StateInfo::doc);
    nb::class_<ModelInfo>(m, "ModelInfo", "What a model declares: its parameters, state variables and inputs.")
        .def_ro("name", &ModelInfo::name)
        .def_ro("summary", &ModelInfo::summary)
        .def_ro("weight_unit", &ModelInfo::weight_unit)
        .def_ro("receptors", &ModelInfo::receptors)
        .def_ro("params", &ModelInfo::params)
        .def_ro("state", &ModelInfo::state);
    m.def("model_info", [](const ModelRef& model) -> const ModelInfo& { return model_info(to_model(model)); },
          "model"_a, nb::rv_policy::reference, "A model's parameters and state variables (by enum or name).");
    m.def("neuron_models", [] {
        std::vector<std::string> names;
        for (const NeuronModel model : neuron_models()) names.emplace_back(to_string(model));
        return names;
    }, "The names of every neuron model.");
}

void bind_figures(nb::module_& m) {
    nb::class_<PhaseTime>(m, "PhaseTime", "Wall time of one pipeline phase (when profiling).")
        .def_ro("phase", &PhaseTime::phase)
        .def_ro("seconds", &PhaseTime::seconds);
    nb::class_<RunStats>(m, "RunStats", "Figures of a simulator's life so far.")
        .def_ro("construction_s", &RunStats::construction_s)
        .def_ro("simulation_s", &RunStats::simulation_s)
        .def_ro("steps", &RunStats::steps)
        .def_ro("threads", &RunStats::threads)
        .def_ro("synapses", &RunStats::synapses)
        .def_ro("synaptic_events", &RunStats::synaptic_events)
        .def_ro("input_events", &RunStats::input_events)
        .def_ro("phases", &RunStats::phases)
        .def_ro("peak_device_memory_bytes", &RunStats::peak_device_memory_bytes)
        .def_ro("kernels", &RunStats::kernels)
        .def_ro("host_launches", &RunStats::host_launches)
        .def_ro("host_syncs", &RunStats::host_syncs)
        .def_ro("exchanges", &RunStats::exchanges)
        .def_ro("communication_s", &RunStats::communication_s)
        .def("real_time_factor", &RunStats::real_time_factor, "dt_ms"_a, "Wall time per simulated time.");
    nb::class_<MemoryPart>(m, "MemoryPart", "One part of a memory plan.")
        .def_ro("name", &MemoryPart::name)
        .def_ro("bytes", &MemoryPart::bytes);
    nb::class_<MemoryPlan>(m, "MemoryPlan", "The bytes a network needs on a backend, before anything is allocated.")
        .def_ro("backend", &MemoryPlan::backend)
        .def_ro("neurons", &MemoryPlan::neurons)
        .def_ro("expected_synapses", &MemoryPlan::expected_synapses)
        .def_ro("parts", &MemoryPlan::parts)
        .def_prop_ro("total_bytes", &MemoryPlan::total_bytes);
    nb::class_<CudaOptions>(m, "CudaOptions", "How the CUDA backend runs its steps (never what it computes).")
        .def(
            "__init__",
            [](CudaOptions* o, bool graphs, uint32_t row_segment, CudaStep step) { new (o) CudaOptions{graphs, row_segment, step}; },
            nb::kw_only(), "graphs"_a = true, "row_segment"_a = 256, "step"_a = CudaStep::merged,
            "graphs: replay launches from CUDA Graphs; row_segment: synapses per propagation work item (a multiple "
            "of 32; 0: a warp per row); step: the step variant.")
        .def_rw("graphs", &CudaOptions::graphs)
        .def_rw("row_segment", &CudaOptions::row_segment)
        .def_rw("step", &CudaOptions::step);
}

}  // namespace

void bind_types(nb::module_& m) {
    bind_handles(m);
    bind_enums(m);
    bind_distributions(m);
    bind_rules(m);
    bind_plasticity(m);
    bind_models(m);
    bind_figures(m);
}

}  // namespace axon::python
