/// @file models.hpp
/// Neuron models: the list of models, their parameters and state variables (units in the
/// names). Each model is one header under kernels/models/ with its field tables and its step;
/// equations and sources: docs/models.md.
#pragma once
#include "axon/export.hpp"
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace axon AXON_API {

/// Every neuron model, in order; X(name) names the model and its header's `name##_model`.
/// A new model is its header under kernels/models/ plus one line here and one #include in
/// kernels/models/all_models.hpp.
#define AXON_NEURON_MODELS(X) \
    X(lif_exp)                \
    X(lif_delta)              \
    X(poisson)                \
    X(izhikevich)             \
    X(adex)                   \
    X(lif_cond_exp)           \
    X(binary)                 \
    X(rate_relu)              \
    X(rate_sigmoid)           \
    X(spike_source)

/// The neuron model of a population.
enum class NeuronModel {
#define AXON_MODEL_ENUM(name) name,
    AXON_NEURON_MODELS(AXON_MODEL_ENUM)
#undef AXON_MODEL_ENUM
};

const char* to_string(NeuronModel model);
/// The model of this name. @throws ConfigError naming the models there are.
NeuronModel parse_neuron_model(std::string_view name);
/// Every model, in list order.
std::vector<NeuronModel> neuron_models();

/// Which input of the postsynaptic neurons a projection or input feeds. Delta neurons sum
/// excitatory and inhibitory into V; `target` is the teacher's input of the binary units
/// (the target of the perceptron rule, Plasticity::with(PerceptronParams)).
enum class Receptor { excitatory = 0, inhibitory = 1, target = 2 };

const char* to_string(Receptor receptor);

/// One parameter of a model, from its field table.
struct ParamInfo {
    std::string name;  ///< with its unit: "tau_m_ms"
    double default_value = 0;
    double min = 0, max = 0;
    bool min_open = false, max_open = false;
    std::string doc;
    bool required = false;  ///< experiment files must give it (no silent default)
    /// The allowed range as text, e.g. "(0, inf)".
    std::string range() const;
};

/// One state variable of a model: what read_state and samplers can ask for.
struct StateInfo {
    std::string name, unit, doc;
    /// Its key in experiment files: initial_<name>_<unit> ("initial_v_mV", "initial_g_ex_nS"),
    /// without the unit where it is dimensionless.
    std::string initial_key() const;
};

/// What a model declares: its parameters, state variables and inputs.
struct ModelInfo {
    NeuronModel model;
    std::string name, summary;
    std::string weight_unit;  ///< unit of the weights of projections into it ("" for a source)
    uint32_t receptors = 0;   ///< input lanes (2: excitatory and inhibitory apart); 0 takes no input
    bool target_receptor = false;  ///< its last lane is the teacher's target (Receptor::target)
    std::vector<ParamInfo> params;
    std::vector<StateInfo> state;
    /// The input lane a projection onto `receptor` feeds: excitatory and inhibitory share the
    /// input lanes (the last one where there are fewer than two); nullopt where the model
    /// takes no such input.
    std::optional<uint32_t> lane(Receptor receptor) const;
    /// Index of a state variable, or nullopt.
    std::optional<uint32_t> state_index(std::string_view name) const;
    /// Index of a parameter, or nullopt.
    std::optional<uint32_t> param_index(std::string_view name) const;
    /// "a, b, c": the state variables' names ("none" without any).
    std::string state_names() const;
    /// The parameters' names, the same way.
    std::string param_names() const;
};

const ModelInfo& model_info(NeuronModel model);

/// Parameters of both LIF models (lif_exp, lif_delta), as a typed struct for C++ callers; the
/// same fields as the models' tables. Defaults are the Potjans-Diesmann microcircuit neuron.
struct LifParams {
    double c_m_pF = 250.0;           ///< membrane capacitance (> 0)
    double tau_m_ms = 10.0;          ///< membrane time constant (> 0)
    double e_l_mV = -65.0;           ///< resting potential
    double v_th_mV = -50.0;          ///< resting threshold theta_0 (> v_reset_mV)
    double v_reset_mV = -65.0;       ///< reset potential
    double v_min_mV = -std::numeric_limits<double>::infinity();  ///< lower bound on V
    double t_ref_ms = 2.0;           ///< refractory period (>= 0), rounded to steps
    double tau_syn_exc_ms = 0.5;     ///< excitatory current time constant (lif_exp; > 0)
    double tau_syn_inh_ms = 0.5;     ///< inhibitory current time constant (lif_exp; > 0)
    double i_e_pA = 0.0;             ///< constant input current (changeable while running)
    double delta_theta_mV = 0.0;     ///< adaptive threshold: jump per spike (>= 0; 0 = fixed)
    double tau_theta_ms = 100.0;     ///< adaptive threshold: relaxation time constant (> 0)
};

/// Parameters of a Poisson population.
struct PoissonParams {
    double rate_Hz = 10.0;  ///< firing rate (>= 0, rate * dt <= 1)
};

/// Parameter values of a population by name; a parameter not given takes its model's default.
class ModelParams {
public:
    ModelParams() = default;
    ModelParams(std::initializer_list<std::pair<std::string, double>> values) : values_(values) {}
    ModelParams(const LifParams& p);      // NOLINT: implicit, so LifParams go where ModelParams do
    ModelParams(const PoissonParams& p);  // NOLINT

    /// Set (or replace) one value.
    ModelParams& set(std::string name, double value);
    std::optional<double> get(std::string_view name) const;
    const std::vector<std::pair<std::string, double>>& values() const { return values_; }

private:
    std::vector<std::pair<std::string, double>> values_;
};

}  // namespace axon
