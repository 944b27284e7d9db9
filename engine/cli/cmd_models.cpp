// `axon models`: every neuron model's parameters and state variables, from the field tables
// of the model headers (the same tables the experiment reader and the validation use);
// `--markdown` prints the tables docs/models.md embeds (a test keeps the two equal).
#include <cstdio>
#include <string>

#include "axon/models.hpp"
#include "commands.hpp"

namespace axon::cli {
namespace {

std::string number(double x) {
    if (x == std::numeric_limits<double>::infinity()) return "inf";
    if (x == -std::numeric_limits<double>::infinity()) return "-inf";
    char text[32];
    std::snprintf(text, sizeof text, "%g", x);
    return text;
}

// The receptors a projection may name, from the model's lanes.
std::string inputs(const ModelInfo& m) {
    if (m.receptors == 0) return "none";
    const uint32_t lanes = m.receptors - (m.target_receptor ? 1 : 0);
    std::string out = lanes >= 2 ? "excitatory and inhibitory apart" : "excitatory and inhibitory added into one";
    return out + (m.target_receptor ? ", and target (the teacher's, for the perceptron rule)" : "");
}

std::string markdown(const ModelInfo& m) {
    std::string out = "### `" + m.name + "`\n\n" + m.summary + ". Weights in " +
                      (m.weight_unit.empty() ? "none (takes no input)" : m.weight_unit) + ".";
    out += m.receptors ? " Inputs: " + inputs(m) + ".\n\n" : "\n\n";
    if (m.params.empty()) out += "No parameters.\n";
    if (!m.params.empty()) out += "| Parameter | Default | Allowed | Meaning |\n|---|---|---|---|\n";
    for (const ParamInfo& p : m.params)
        out += "| `" + p.name + "` | " + number(p.default_value) + " | " + p.range() + " | " + p.doc + " |\n";
    if (m.state.empty()) return out + "\nNo state variables.\n";
    out += "\n| State variable | Unit | Meaning |\n|---|---|---|\n";
    for (const StateInfo& s : m.state) out += "| `" + s.name + "` | " + s.unit + " | " + s.doc + " |\n";
    return out;
}

std::string plain(const ModelInfo& m) {
    std::string out = m.name + ": " + m.summary + "\n  weights: " + (m.weight_unit.empty() ? "none" : m.weight_unit) +
                      ", inputs: " + inputs(m) + ", state: " + m.state_names() + "\n";
    for (const ParamInfo& p : m.params)
        out += "  " + p.name + " = " + number(p.default_value) + " in " + p.range() + ": " + p.doc + "\n";
    return out;
}

}  // namespace

Action add_models_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("models", "List the neuron models, their parameters and state variables");
    auto markdown_flag = std::make_shared<bool>(false);
    cmd->add_flag("--markdown", *markdown_flag, "Print the tables of docs/models.md");
    return [markdown_flag] {
        std::string text;
        for (NeuronModel model : neuron_models())
            text += (text.empty() ? "" : "\n") + (*markdown_flag ? markdown(model_info(model)) : plain(model_info(model)));
        std::fputs(text.c_str(), stdout);
        return kOk;
    };
}

}  // namespace axon::cli
