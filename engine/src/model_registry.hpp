// The neuron models as types: dispatch from a NeuronModel to its header's `name##_model`
// (kernels/models/all_models.hpp), generated from the one list in axon/models.hpp, so a model
// missing from the dispatch cannot compile. Parameters are resolved and checked through the
// models' field tables here.
#pragma once
#include <string>
#include <vector>

#include "../../kernels/models/all_models.hpp"
#include "axon/models.hpp"
#include "axon/network.hpp"

namespace axon::detail {

template <class Model>
struct ModelTag {
    using type = Model;
};

/// f(ModelTag<M>{}) for the model's type M.
template <class F>
decltype(auto) visit_model(NeuronModel model, F&& f) {
    switch (model) {
#define AXON_MODEL_CASE(name) \
    case NeuronModel::name: return f(ModelTag<name##_model>{});
        AXON_NEURON_MODELS(AXON_MODEL_CASE)
#undef AXON_MODEL_CASE
    }
    throw std::logic_error("visit_model: not a model of AXON_NEURON_MODELS");
}

/// The population's parameter values in its model's field order: given ones, else defaults.
std::vector<double> resolve_params(const PopulationSpec& spec);

/// Every parameter of a population against its model's field table: unknown names, ranges and
/// the model's checks across fields. @throws ConfigError naming the population and field.
void check_params(const std::string& owner, const PopulationSpec& spec, double dt_ms);

/// The model's step constants of a population.
ModelConstants model_constants(const PopulationSpec& spec, double dt_ms);

}  // namespace axon::detail
