#include "input_check.hpp"

namespace axon::cli {

std::optional<std::string> no_input_warning(const Network& net) {
    if (!net.poisson_inputs().empty() || !net.current_steps().empty()) return std::nullopt;
    for (const PopulationSpec& pop : net.populations()) {
        const ModelInfo& info = model_info(pop.model);
        if (info.receptors == 0) return std::nullopt;  // a source: poisson, spike_source
        for (const char* drive : {"i_e_pA", "bias"})
            if (info.param_index(drive) && pop.param(drive) != 0.0) return std::nullopt;
        const InitialState& initial = pop.initial;
        if (initial.v_mV || !initial.v_values_mV.empty() || !initial.state.empty()) return std::nullopt;
    }
    return "the network has no input: no Poisson input, source population, input current, bias, current steps "
           "or initial state, so nothing drives its neurons and they may never spike";
}

}  // namespace axon::cli
