#include "model_registry.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "axon/errors.hpp"
#include "check.hpp"

namespace axon {
namespace {

// Models with a teacher's input declare `static constexpr bool target_receptor = true`.
template <class Model, class = void>
struct has_target_receptor : std::false_type {};
template <class Model>
struct has_target_receptor<Model, std::void_t<decltype(Model::target_receptor)>>
    : std::integral_constant<bool, Model::target_receptor> {};

template <class Model>
ModelInfo info_of(NeuronModel model) {
    ModelInfo info;
    info.model = model;
    info.name = Model::name;
    info.summary = Model::summary;
    info.weight_unit = Model::weight_unit;
    info.receptors = Model::receptors;
    info.target_receptor = has_target_receptor<Model>::value;
    for (uint32_t k = 0; k < Model::count; ++k) {
        const ParamField& f = Model::params[k];
        info.params.push_back(ParamInfo{f.name, f.default_value, f.min, f.max, f.min_open, f.max_open, f.doc, f.required});
    }
    for (uint32_t k = 0; k < Model::state_count; ++k)
        info.state.push_back(StateInfo{Model::state[k].name, Model::state[k].unit, Model::state[k].doc});
    static_assert(Model::state_count <= kMaxStateVars, "a model has at most kMaxStateVars state variables");
    static_assert(Model::receptors <= kMaxReceptors, "a model has at most kMaxReceptors receptor lanes");
    return info;
}

std::vector<ModelInfo> all_infos() {
    std::vector<ModelInfo> out;
    for (NeuronModel m : neuron_models())
        out.push_back(detail::visit_model(m, [&](auto tag) { return info_of<typename decltype(tag)::type>(m); }));
    return out;
}

}  // namespace

const char* to_string(NeuronModel model) {
    return detail::visit_model(model, [](auto tag) { return decltype(tag)::type::name; });
}

std::vector<NeuronModel> neuron_models() {
    return {
#define AXON_MODEL_VALUE(name) NeuronModel::name,
        AXON_NEURON_MODELS(AXON_MODEL_VALUE)
#undef AXON_MODEL_VALUE
    };
}

NeuronModel parse_neuron_model(std::string_view name) {
    std::string names;
    for (NeuronModel m : neuron_models()) {
        if (name == to_string(m)) return m;
        names += (names.empty() ? "" : ", ") + std::string(to_string(m));
    }
    throw ConfigError("model '" + std::string(name) + "' is not a neuron model; allowed: " + names);
}

const ModelInfo& model_info(NeuronModel model) {
    static const std::vector<ModelInfo> infos = all_infos();
    return infos.at(static_cast<std::size_t>(model));
}

std::string ParamInfo::range() const { return detail::format_range(min, max, min_open, max_open); }

std::string StateInfo::initial_key() const {
    return "initial_" + name + (unit.empty() || unit == "1" ? "" : "_" + unit);
}

std::optional<uint32_t> ModelInfo::lane(Receptor receptor) const {
    const uint32_t inputs = receptors - (target_receptor ? 1 : 0);
    if (receptor == Receptor::target) return target_receptor ? std::optional<uint32_t>(receptors - 1) : std::nullopt;
    if (inputs == 0) return std::nullopt;
    return std::min(static_cast<uint32_t>(receptor), inputs - 1);
}

std::optional<uint32_t> ModelInfo::state_index(std::string_view n) const {
    for (uint32_t k = 0; k < state.size(); ++k)
        if (state[k].name == n) return k;
    return std::nullopt;
}

std::optional<uint32_t> ModelInfo::param_index(std::string_view n) const {
    for (uint32_t k = 0; k < params.size(); ++k)
        if (params[k].name == n) return k;
    return std::nullopt;
}

namespace {

template <class Named>
std::string names_of(const std::vector<Named>& items) {
    std::string out;
    for (const Named& item : items) out += (out.empty() ? "" : ", ") + item.name;
    return out.empty() ? "none" : out;
}

}  // namespace

std::string ModelInfo::state_names() const { return names_of(state); }
std::string ModelInfo::param_names() const { return names_of(params); }

ModelParams::ModelParams(const LifParams& p)
    : values_{{"c_m_pF", p.c_m_pF},         {"tau_m_ms", p.tau_m_ms},     {"e_l_mV", p.e_l_mV},
              {"v_th_mV", p.v_th_mV},       {"v_reset_mV", p.v_reset_mV}, {"v_min_mV", p.v_min_mV},
              {"t_ref_ms", p.t_ref_ms},     {"tau_syn_exc_ms", p.tau_syn_exc_ms},
              {"tau_syn_inh_ms", p.tau_syn_inh_ms}, {"i_e_pA", p.i_e_pA},
              {"delta_theta_mV", p.delta_theta_mV}, {"tau_theta_ms", p.tau_theta_ms}} {}

ModelParams::ModelParams(const PoissonParams& p) : values_{{"rate_Hz", p.rate_Hz}} {}

ModelParams& ModelParams::set(std::string name, double value) {
    for (auto& [n, v] : values_)
        if (n == name) {
            v = value;
            return *this;
        }
    values_.emplace_back(std::move(name), value);
    return *this;
}

std::optional<double> ModelParams::get(std::string_view name) const {
    for (const auto& [n, v] : values_)
        if (n == name) return v;
    return std::nullopt;
}

namespace detail {

std::vector<double> resolve_params(const PopulationSpec& spec) {
    const ModelInfo& info = model_info(spec.model);
    std::vector<double> values;
    for (const ParamInfo& p : info.params) values.push_back(spec.params.get(p.name).value_or(p.default_value));
    return values;
}

void check_params(const std::string& owner, const PopulationSpec& spec, double dt_ms) {
    const ModelInfo& info = model_info(spec.model);
    for (const auto& [name, value] : spec.params.values()) {
        if (info.param_index(name)) continue;
        fail(owner, name, format_number(value),
             "no such parameter of model " + info.name + " (its parameters: " + info.param_names() + ")");
    }
    const std::vector<double> values = resolve_params(spec);
    for (std::size_t k = 0; k < values.size(); ++k) {
        const ParamInfo& p = info.params[k];
        const double x = values[k];
        // An infinite value passes only where the range includes that end (v_min_mV = -inf).
        const bool infinite_allowed = std::isinf(x) && ((x < 0 && p.min == x && !p.min_open) || (x > 0 && p.max == x && !p.max_open));
        if (!infinite_allowed) require_range(owner, p.name, x, p.min, p.max, p.min_open, p.max_open);
    }
    visit_model(spec.model, [&](auto tag) {
        using M = typename decltype(tag)::type;
        M::check(values.data(), dt_ms, [&](uint32_t field, double min, double max, bool min_open, bool max_open) {
            fail(owner, info.params[field].name, format_number(values[field]), format_range(min, max, min_open, max_open));
        });
    });
}

ModelConstants model_constants(const PopulationSpec& spec, double dt_ms) {
    const std::vector<double> values = resolve_params(spec);
    ModelConstants c{};
    visit_model(spec.model, [&](auto tag) {
        using M = typename decltype(tag)::type;
        c.store<M>(M::constants(values.data(), dt_ms));
    });
    return c;
}

}  // namespace detail
}  // namespace axon
